using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// A session's dispatch after the handshake: ticks (converted from trade-server time to UTC, checked, de-duplicated,
/// written to the engine), symbol announcements (checked against the Admin API's ranges), heartbeats and bye. A bad
/// value refuses that frame only; a protocol violation refuses the connection.
/// </summary>
internal sealed partial class BridgeSession
{
    private async Task HandleAsync(BridgeMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case BridgeTick tick:
                await HandleTickAsync(BridgeTickValue.Of(tick), cancellationToken).ConfigureAwait(false);
                break;
            case BridgeSymbol announced when SymbolSpecRules.Problems(announced.Spec) is [var (field, problem), ..]:
                // The same ranges as the Admin API: a refused spec is not stored, its ticks are dropped and counted.
                if (_refusedSymbols.Count < MaxRefusedSymbols && SymbolNames.IsValid(announced.Spec.Name))
                {
                    _refusedSymbols.Add(announced.Spec.Name);
                }

                _feed.Observer.Refused(_name, FrameRefusal.SymbolOutOfRange, field == "name" ? $"symbol refused: name {problem}" : $"symbol {announced.Spec.Name} refused: {field} {problem}");
                MarkActive();
                break;
            case BridgeSymbol announced:
                _refusedSymbols.Remove(announced.Spec.Name);
                if (_announced.Add(announced.Spec.Name))
                {
                    _announcedUtf8.Add(new(System.Text.Encoding.UTF8.GetBytes(announced.Spec.Name), announced.Spec.Name));
                }

                _feed.Announced(announced.Spec.Name);

                // Its sessions are in this terminal's server time: the hello's UTC offset goes with the spec.
                _feed.Observer.SymbolAnnounced(_name, announced.Spec with { ServerUtcOffsetMinutes = (int)(_offsetMs / 60_000) });
                MarkActive();
                break;
            case BridgeHeartbeat:
                MarkActive();
                break;
            case BridgeTradeState state when _feed.Trades is { } trades && _version >= 2:
                await trades.LinkChangedAsync(_login, LinkOf(_hello!, state.TradeAllowed)).ConfigureAwait(false);
                MarkActive();
                break;
            case BridgeOrderResult result when _feed.Trades is { } trades && _version >= 2:
                await trades.ResultAsync(result.Result with { Login = _login }).ConfigureAwait(false);
                MarkActive();
                break;
            case BridgeDeal { Deal: { } deal } when _feed.Trades is { } trades && _version >= 2:
                await trades.DealAsync(deal with { Login = _login }).ConfigureAwait(false);
                MarkActive();
                break;
            case BridgePosition position when _version >= 2:
                if (_sweepPositions.Count >= MaxSweepItems)
                {
                    await RefuseAsync($"position: more than {MaxSweepItems} in one sweep").ConfigureAwait(false);
                    return;
                }

                _sweepPositions.Add(position.Position);
                MarkActive();
                break;
            case BridgeInFlight inFlight when _version >= 2:
                if (_sweepInFlight.Count >= MaxSweepItems)
                {
                    await RefuseAsync($"in_flight: more than {MaxSweepItems} in one sweep").ConfigureAwait(false);
                    return;
                }

                _sweepInFlight.Add(inFlight.OrderTicket);
                MarkActive();
                break;
            case BridgeOpenOrder open when _version >= 2:
                if (_sweepOrders.Count >= MaxSweepItems)
                {
                    await RefuseAsync($"open_order: more than {MaxSweepItems} in one sweep").ConfigureAwait(false);
                    return;
                }

                _sweepOrders.Add((open.Mt5OrderTicket, open.OrderTicket));
                MarkActive();
                break;
            case BridgePositionStops stops when _feed.Trades is { } trades && _version >= 2:
                await trades.PositionStopsAsync(_login, stops.Mt5PositionId, stops.StopLoss, stops.TakeProfit).ConfigureAwait(false);
                MarkActive();
                break;
            case BridgeOrderState state when _feed.Trades is { } trades && _version >= 2:
                await trades.OrderStateAsync(_login, state.Mt5OrderTicket, state.OrderTicket, state.State).ConfigureAwait(false);
                MarkActive();
                break;
            case BridgeSyncEnd end when _feed.Trades is { } trades && _version >= 2:
                await trades.ReconcileAsync(new Engine.Commands.VenueSync(_login, [.. _sweepPositions], end.Balance, [.. _sweepInFlight]) { OpenOrders = [.. _sweepOrders] }).ConfigureAwait(false);
                _sweepPositions.Clear();
                _sweepInFlight.Clear();
                _sweepOrders.Clear();
                MarkActive();
                break;
            case BridgeTradeState or BridgeOrderResult or BridgeDeal or BridgePosition or BridgeInFlight or BridgeSyncEnd or BridgeOpenOrder or BridgeOrderState or BridgePositionStops:
                // Trade reports of a v1 session, of a balance operation, or with no router: nothing to apply.
                MarkActive();
                break;
            case BridgeBye:
                Close("the terminal said bye");
                break;
            case BridgeHello:
                await RefuseAsync("hello: already received").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A tick, from the fast path or the general parser: UTC, checked, de-duplicated, written to the engine.</summary>
    private async Task HandleTickAsync(BridgeTickValue tick, CancellationToken cancellationToken)
    {
        if (!_announced.TryGetValue(tick.Symbol, out var symbol))
        {
            if (_refusedSymbols.Contains(tick.Symbol))
            {
                _feed.Observer.Refused(_name, FrameRefusal.SymbolRefused, "tick for a symbol whose specification was refused");
                MarkActive();
                return;
            }

            await RefuseAsync("symbol: tick for a symbol before its symbol message").ConfigureAwait(false);
            return;
        }

        // Server time to UTC; a time far beyond the admitted range is not converted (it could overflow).
        var timeMs = tick.TimeMsc <= ValueRanges.EndTimeMs + MaxOffsetMs ? tick.TimeMsc - _offsetMs : long.MaxValue;
        var converted = new Tick(symbol, timeMs, tick.Bid, tick.Ask, tick.Last, tick.Volume, tick.Flags);
        if (TickRules.Check(converted) is var rejection and not TickRejection.None)
        {
            // One bad value refuses this frame only: the terminal's other symbols keep flowing.
            _feed.Observer.Refused(_name, FrameRefusal.TickOutOfRange, $"tick for {symbol} refused: {TickRules.Describe(rejection)}");
            MarkActive();
            return;
        }

        var verdict = _acceptor!.Accept(tick);
        if (verdict != TickAcceptor.Verdict.Accepted)
        {
            _feed.Observer.Dropped(_name, verdict == TickAcceptor.Verdict.Duplicate ? TickDrop.Duplicate : TickDrop.OutOfOrder);
            MarkActive();
            return;
        }

        await _writer.WriteAsync(converted, cancellationToken).ConfigureAwait(false);
        MarkActive();
    }
}
