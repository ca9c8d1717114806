namespace TradingCore.Persistence;

/// <summary>
/// Writer "None": commits nothing. Acknowledgements no longer wait for a disk, and nothing survives a restart. It
/// exists to measure what persistence costs (docs/benchmarks.md, "persistence on vs off"); the host logs a warning
/// at every start with it. Never use it for real money.
/// </summary>
internal sealed class DiscardingJournalStore : IJournalStore
{
    public string Name => "none";

    public void Commit(JournalBatch batch)
    {
    }

    public void Dispose()
    {
    }
}
