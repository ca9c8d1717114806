namespace TradingCore.Persistence.Journal;

/// <summary>
/// Read-your-writes for readers of the projected tables: waits until the projection has reached every journal
/// record appended before the call (so an order acknowledged before a history query is in its answer). Under load
/// the wait is the projection's lag, typically one batch.
/// </summary>
internal sealed class ProjectionBarrier(JournalWriter journal, Projector projector)
{
    public Task WaitAsync(CancellationToken cancellationToken) =>
        journal.Discarding ? Task.CompletedTask : projector.WaitForAsync(journal.CommittedSeq, cancellationToken);
}
