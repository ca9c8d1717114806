using TradingCore.Engine.Domain;
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
        foreach (var (ticket, accountId) in symbol.OpenPositions.OrderBy(pair => pair.Key).ToList())
        {
            var book = _accounts[accountId];
            var position = book.Positions[ticket];
            var (swap, through) = (0m, position.SwapThroughMs);
            for (var midnight = TradingHours.NextServerMidnight(spec, through); midnight <= nowMs; midnight = TradingHours.NextServerMidnight(spec, midnight))
            {
                var ended = TradingHours.ServerDay(spec, midnight - 1);
                var nights = ended == spec.SwapRollover3Days ? 3 : ended is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
                if (_valuation.Swap(book.Account, symbol, position, nights) is not { } charge)
                {
                    break; // not priceable now (no quote or conversion): charged on a later pass
                }

                (swap, through) = (swap + charge, midnight);
            }

            if (through == position.SwapThroughMs)
            {
                continue;
            }

            var charged = position with { Swap = position.Swap + swap, SwapThroughMs = through };
            StorePosition(book, charged, position);
            EmitPosition(charged, isNew: false, closed: false, nowMs);
            UpdateMarginCall(book, nowMs);
        }
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
