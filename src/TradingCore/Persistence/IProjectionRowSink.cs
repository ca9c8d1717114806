namespace TradingCore.Persistence;

/// <summary>
/// Receives the projection's rows value by value and typed, so nothing is boxed on the way to the store (boxed
/// bindings were ~0.7 KB of garbage per order under load, docs/benchmarks.md): <see cref="Begin"/>, the row's values
/// in the order of its column list (<see cref="ProjectionRows"/>), <see cref="End"/>.
/// </summary>
internal interface IProjectionRowSink
{
    void Begin(ProjectionTable table);

    void Value(long value);

    void Value(int value);

    void Value(bool value);

    void Value(decimal value);

    void Value(decimal? value);

    void Value(string? value);

    void Value(byte[] value);

    void End();
}
