using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    private readonly HashSet<long> _stopOutCandidates = [];

    /// <summary>
    /// After a tick, every account holding the symbol is checked: while its margin level (equity / margin × 100)
    /// is below its stop-out level, its position with the largest floating loss is closed at market with deal
    /// reason SO, and the level is computed again.
    /// </summary>
    private void CheckStopOuts(SymbolBook symbol, long nowMs)
    {
        _stopOutCandidates.Clear();
        foreach (var (_, accountId) in symbol.OpenPositions)
        {
            _stopOutCandidates.Add(accountId);
        }

        foreach (var accountId in _stopOutCandidates)
        {
            StopOut(_accounts[accountId], nowMs);
        }

        _stopOutCandidates.Clear();
    }

    private void StopOut(AccountBook book, long nowMs)
    {
        while (book.Positions.Count > 0 && IsBelowStopOut(book))
        {
            Position? worst = null;
            var worstProfit = 0m;
            foreach (var position in book.Positions.Values)
            {
                var (profit, _) = FloatingProfit(book.Account, position);
                if (worst is null || profit < worstProfit)
                {
                    (worst, worstProfit) = (position, profit);
                }
            }

            var symbol = SymbolOf(worst!.Symbol);
            var count = book.Positions.Count;
            CloseAtMarket(book, symbol, worst, worst.Volume, TradeReason.StopOut, nowMs);
            if (book.Positions.Count == count && book.Positions.ContainsKey(worst.Ticket))
            {
                return; // the venue did not fill the close; try again on the next tick
            }
        }
    }

    /// <summary>
    /// Whether the margin level is below the stop-out level. An account whose figures cannot be computed (a
    /// position without a quote or conversion) is not stopped out on a guess: it is checked again on the next tick.
    /// </summary>
    private bool IsBelowStopOut(AccountBook book)
    {
        if (AccountMargin(book) is not { } margin || margin <= 0m)
        {
            return false;
        }

        var (profit, state) = FloatingProfit(book);
        if (state == PriceState.Missing)
        {
            return false;
        }

        var equity = book.Account.Balance + book.Account.Credit + profit;
        return equity * 100m < book.Account.StopOutLevel * margin;
    }
}
