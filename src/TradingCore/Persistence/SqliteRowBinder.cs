using Microsoft.Data.Sqlite;

namespace TradingCore.Persistence;

/// <summary>
/// Binds each projected row's values straight into its prepared statement by position and runs it (no boxing, no
/// value array): the SQLite side of <see cref="IProjectionRowSink"/>, values stored as
/// <see cref="PreparedStatement.Bind(SQLitePCL.sqlite3_stmt, int, object?)"/> stores them.
/// </summary>
internal sealed class SqliteRowBinder(Func<ProjectionTable, PreparedStatement> statements) : IProjectionRowSink
{
    private PreparedStatement? _statement;
    private int _position;

    /// <summary>The transaction the rows are written in (set before a walk).</summary>
    public SqliteTransaction? Transaction { get; set; }

    public void Begin(ProjectionTable table) => (_statement, _position) = (statements(table), 0);

    public void Value(long value) => _statement!.BindInt64(++_position, value);

    public void Value(int value) => _statement!.BindInt64(++_position, value);

    public void Value(bool value) => _statement!.BindInt64(++_position, value ? 1 : 0);

    public void Value(decimal value) => _statement!.BindDecimal(++_position, value);

    public void Value(decimal? value) => _statement!.BindDecimal(++_position, value);

    public void Value(string? value) => _statement!.BindText(++_position, value);

    public void Value(byte[] value) => _statement!.BindBlob(++_position, value);

    public void End() => _statement!.Step(Transaction ?? throw new InvalidOperationException("no transaction to write the row in"), _position);
}
