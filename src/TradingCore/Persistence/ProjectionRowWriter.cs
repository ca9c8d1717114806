namespace TradingCore.Persistence;

/// <summary>Writes one projected row; <paramref name="values"/> is only valid during the call.</summary>
/// <param name="table">Which row it is.</param>
/// <param name="values">The row's values in the order of its column list.</param>
internal delegate void ProjectionRowWriter(ProjectionTable table, ReadOnlySpan<object?> values);
