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
        RunAsync(order.AccountId, order.ClientOrderId, order, static (request, recall) => request with { Recall = recall }, static (core, request, nowMs) => core.Submit(request, nowMs), cancellationToken);

    public Task<TradeOutcome> ClosePositionAsync(ClosePositionRequest close, CancellationToken cancellationToken) =>
        RunAsync(close.AccountId, close.ClientOrderId, close, static (request, recall) => request with { Recall = recall }, static (core, request, nowMs) => core.ClosePosition(request, nowMs), cancellationToken);

    public Task<TradeOutcome> ClosePositionByAsync(ClosePositionByRequest closeBy, CancellationToken cancellationToken) =>
        RunAsync(closeBy.AccountId, closeBy.ClientOrderId, closeBy, static (request, recall) => request with { Recall = recall }, static (core, request, nowMs) => core.ClosePositionBy(request, nowMs), cancellationToken);

    /// <summary>
    /// Runs <paramref name="command"/> with <paramref name="request"/>, and again with the stored answer attached
    /// (<paramref name="withRecall"/>) while the engine asks for it. The delegates are static: an order allocates no
    /// closure here.
    /// </summary>
    private async Task<TradeOutcome> RunAsync<TRequest>(
        long accountId,
        string clientOrderId,
        TRequest request,
        Func<TRequest, StoredRecall, TRequest> withRecall,
        Func<EngineCore, TRequest, long, TradeOutcome> command,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await engines.For(accountId).ExecuteAsync(request, command, cancellationToken).ConfigureAwait(false);
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
            request = withRecall(request, new StoredRecall(outcome.RecallThrough, stored));
        }
    }
}
