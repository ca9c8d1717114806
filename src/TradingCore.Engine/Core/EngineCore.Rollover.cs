using TradingCore.Engine.Domain;
using TradingCore.Engine.Factories;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>The first server midnight of any symbol after the last rollover check (long.MinValue: not computed yet).</summary>
    private long _nextRolloverMs = long.MinValue;

    /// <summary>
    /// Charges swap when the engine's clock passes a symbol's server midnight: every open position on a symbol with
    /// swap pays each midnight after the one it was charged through, once (so a core that was down over midnight
    /// charges the missed rollovers when it comes back, and a restart charges nothing twice). The day that ended
    /// decides the nights: 3 on the symbol's triple day, 1 on Monday to Friday, 0 for Saturday and Sunday (the
    /// weekend is charged once, by Friday's rollover). docs/accounting.md, "Swaps and rollover".
    /// </summary>
    private void Rollover(long nowMs)
    {
        if (nowMs < _nextRolloverMs)
        {
            return;
        }

        var next = long.MaxValue;
        foreach (var symbol in _symbols.Values)
        {
            if (symbol.Spec.SwapMode != SwapMode.Disabled && symbol.OpenPositions.Count > 0)
            {
                ChargeSwaps(symbol, nowMs);
            }

            next = Math.Min(next, TradingHours.NextServerMidnight(symbol.Spec, nowMs));
        }

        _nextRolloverMs = next;
    }

    private void ChargeSwaps(SymbolBook symbol, long nowMs)
    {
        var spec = symbol.Spec;
        var reopens = spec.SwapMode is SwapMode.ReopenCurrent or SwapMode.ReopenBid;
        foreach (var (ticket, accountId) in symbol.OpenPositions.OrderBy(pair => pair.Key).ToList())
        {
            var book = _accounts[accountId];
            if (book.IsRouted)
            {
                continue; // MT5 charges a routed account's swaps; they arrive on its deals
            }

            var position = book.Positions[ticket];
            var (swap, nights, through) = (0m, 0, position.SwapThroughMs);
            for (var midnight = TradingHours.NextServerMidnight(spec, through); midnight <= nowMs; midnight = TradingHours.NextServerMidnight(spec, midnight))
            {
                var ended = TradingHours.ServerDay(spec, midnight - 1);
                var night = ended == spec.SwapRollover3Days ? 3 : ended is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
                if (!reopens)
                {
                    if (_valuation.Swap(book.Account, symbol, position, night) is not { } charge)
                    {
                        break; // not priceable now (no quote or conversion): charged on a later pass
                    }

                    swap += charge;
                }

                (nights, through) = (nights + night, midnight);
            }

            if (through == position.SwapThroughMs || (reopens && !Reopen(book, symbol, position, nights, through, nowMs)))
            {
                continue;
            }

            if (!reopens)
            {
                var charged = position with { Swap = position.Swap + swap, SwapThroughMs = through };
                StorePosition(book, charged, position);
                EmitPosition(charged, isNew: false, closed: false, nowMs);
            }

            UpdateMarginCall(book, nowMs);
        }
    }

    /// <summary>
    /// A reopen rollover (swap modes REOPEN_CURRENT and REOPEN_BID) for <paramref name="nights"/> nights: the
    /// position is closed at its close-side price (an OUT deal with the profit, reason ROLLOVER) and reopened (an IN
    /// deal) at that price, or at the bid, moved against it by the swap value × nights in points; the position keeps
    /// its ticket and identifier and opens at the new price. False (nothing changed) when it cannot be priced now.
    /// </summary>
    private bool Reopen(AccountBook book, SymbolBook symbol, Position position, int nights, long through, long nowMs)
    {
        if (nights == 0)
        {
            var skipped = position with { SwapThroughMs = through };
            StorePosition(book, skipped, position);
            EmitPosition(skipped, isNew: false, closed: false, nowMs);
            return true;
        }

        if (!symbol.HasTick)
        {
            return false;
        }

        var spec = symbol.Spec;
        var close = position.IsBuy ? symbol.LastTick.Bid : symbol.LastTick.Ask;
        var basis = spec.SwapMode == SwapMode.ReopenBid ? symbol.LastTick.Bid : close;
        var value = (position.IsBuy ? spec.SwapLong : spec.SwapShort) * nights * spec.Point;
        var reopen = position.IsBuy ? basis - value : basis + value;
        if (!ValueRanges.IsPrice(reopen)
            || _valuation.RealizedProfit(book.Account, spec, position.IsBuy, position.Volume, position.PriceOpen, close) is not { } profit
            || !ValueRanges.IsBookable(book.Account.Balance + profit))
        {
            return false;
        }

        var reopened = position with { PriceOpen = reopen, SwapThroughMs = through, TimeUpdateMs = nowMs };
        EmitDeal(DealFactory.Rollover(NextDealTicket(), position, closes: true, close, profit, nowMs));
        EmitDeal(DealFactory.Rollover(NextDealTicket(), reopened, closes: false, reopen, 0m, nowMs));
        StorePosition(book, reopened, position);
        EmitPosition(reopened, isNew: false, closed: false, nowMs);
        if (profit != 0m)
        {
            book.Account = book.Account with { Balance = book.Account.Balance + profit };
            EmitAccount(book, isNew: false, nowMs);
        }

        return true;
    }

    /// <summary>
    /// A symbol starting to charge swap charges from now on, not for the nights its positions were held without:
    /// their positions are charged through now.
    /// </summary>
    private void StartSwaps(SymbolBook symbol, long nowMs)
    {
        foreach (var (ticket, accountId) in symbol.OpenPositions.OrderBy(pair => pair.Key).ToList())
        {
            var book = _accounts[accountId];
            var position = book.Positions[ticket];
            var restarted = position with { SwapThroughMs = nowMs };
            StorePosition(book, restarted, position);
            EmitPosition(restarted, isNew: false, closed: false, nowMs);
        }
    }
}
