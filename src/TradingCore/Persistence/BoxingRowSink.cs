namespace TradingCore.Persistence;

/// <summary>Collects each row's values into an array and hands it to a <see cref="ProjectionRowWriter"/> (PostgreSQL's set-based upserts take arrays of column values anyway).</summary>
internal sealed class BoxingRowSink(ProjectionRowWriter write) : IProjectionRowSink
{
    private readonly object?[] _values = new object?[ProjectionRows.MaxColumns];
    private ProjectionTable _table;
    private int _count;

    public void Begin(ProjectionTable table) => (_table, _count) = (table, 0);

    public void Value(long value) => _values[_count++] = value;

    public void Value(int value) => _values[_count++] = value;

    public void Value(bool value) => _values[_count++] = value;

    public void Value(decimal value) => _values[_count++] = value;

    public void Value(decimal? value) => _values[_count++] = value;

    public void Value(string? value) => _values[_count++] = value;

    public void Value(byte[] value) => _values[_count++] = value;

    public void End() => write(_table, _values.AsSpan(0, _count));
}
