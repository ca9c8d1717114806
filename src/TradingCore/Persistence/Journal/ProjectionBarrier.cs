namespace TradingCore.Persistence.Journal;

/// <summary>
/// Read-your-writes for readers of the projected tables: waits until every step the engine took before the call is
/// committed, then until the projection has reached the journal record holding it. So an order acknowledged before
/// a history query is in its answer, and so is anything the caller could have seen of the engine's state before
/// (an order's fill reported by MT5, read with GetOrder: its deal is in ListDeals). Under load the wait is one
/// commit and the projection's lag, typically one batch.
/// </summary>
internal sealed class ProjectionBarrier(JournalWriter journal, Projector projector)
{
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (journal.Discarding)
        {
            return;
        }

        await journal.WaitCommittedAsync(journal.EnqueuedSteps, cancellationToken).ConfigureAwait(false);
        await projector.WaitForAsync(journal.CommittedSeq, cancellationToken).ConfigureAwait(false);
    }
}
