using Grpc.Core;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Persistence;

namespace TradingCore.Grpc;

/// <summary>
/// Runs the commands that name a new client order id (submit, close, close-by) and answers the engine's question
/// when the id may belong to an order its idempotency window forgot: reads that order from storage (which holds
/// everything the engine forgot) and sends the command again with the answer, so an old id gets the same
/// duplicate/ALREADY_EXISTS answer as a recent one. A new id usually needs no read (the engine's filter of
/// forgotten ids says so).
/// </summary>
internal sealed class OrderCommands(EngineRouter engines, HistoryReader history)
{
    /// <summary>Storage reads per command before giving up (each retry means more of the account was forgotten meanwhile).</summary>
    private const int MaxRecalls = 4;

    public Task<TradeOutcome> SubmitAsync(OrderRequest order, CancellationToken cancellationToken) =>
        RunAsync(order.AccountId, order.ClientOrderId, recall => (core, nowMs) => core.Submit(recall is null ? order : order with { Recall = recall }, nowMs), cancellationToken);

    public Task<TradeOutcome> ClosePositionAsync(ClosePositionRequest close, CancellationToken cancellationToken) =>
        RunAsync(close.AccountId, close.ClientOrderId, recall => (core, nowMs) => core.ClosePosition(recall is null ? close : close with { Recall = recall }, nowMs), cancellationToken);

    public Task<TradeOutcome> ClosePositionByAsync(ClosePositionByRequest closeBy, CancellationToken cancellationToken) =>
        RunAsync(closeBy.AccountId, closeBy.ClientOrderId, recall => (core, nowMs) => core.ClosePositionBy(recall is null ? closeBy : closeBy with { Recall = recall }, nowMs), cancellationToken);

    private async Task<TradeOutcome> RunAsync(long accountId, string clientOrderId, Func<StoredRecall?, Func<EngineCore, long, TradeOutcome>> command, CancellationToken cancellationToken)
    {
        StoredRecall? recall = null;
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await engines.For(accountId).ExecuteAsync(command(recall), cancellationToken).ConfigureAwait(false);
            if (outcome.Kind != OutcomeKind.RecallNeeded)
            {
                return outcome;
            }

            if (attempt == MaxRecalls)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"client order id '{clientOrderId}' could not be checked against storage; try again"));
            }

            // The engine forgets only what storage already holds, so a read now covers everything up to RecallThrough.
            var stored = await history.StoredOrderAsync(accountId, clientOrderId, cancellationToken).ConfigureAwait(false);
            recall = new StoredRecall(outcome.RecallThrough, stored);
        }
    }
}
