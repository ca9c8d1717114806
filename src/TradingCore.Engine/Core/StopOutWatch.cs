namespace TradingCore.Engine.Core;

/// <summary>
/// The accounts whose stop-out figures depend on one symbol's quote, ordered by the edges of their
/// <see cref="ScreenBand"/>s, so a tick finds the accounts it may have pushed towards stop-out in O(log n + hits)
/// however many accounts hold the symbol. Engine thread only.
/// </summary>
internal sealed class StopOutWatch
{
    private readonly SortedSet<(decimal Low, long Account)> _byLow = [];
    private readonly SortedSet<(decimal High, long Account)> _byHigh = [];

    public int Count => _byLow.Count;

    public void Add(long account, ScreenBand band)
    {
        _byLow.Add((band.Low, account));
        _byHigh.Add((band.High, account));
    }

    public void Remove(long account, ScreenBand band)
    {
        _byLow.Remove((band.Low, account));
        _byHigh.Remove((band.High, account));
    }

    /// <summary>Appends the accounts whose band the quote leaves (bid below Low, or ask above High); an account may appear twice.</summary>
    public void Collect(decimal bid, decimal ask, List<long> crossed)
    {
        if (_byLow.Count == 0)
        {
            return;
        }

        if (_byLow.Max.Low > bid)
        {
            foreach (var (_, account) in _byLow.GetViewBetween((bid, long.MaxValue), (decimal.MaxValue, long.MaxValue)))
            {
                crossed.Add(account);
            }
        }

        if (_byHigh.Min.High < ask)
        {
            foreach (var (_, account) in _byHigh.GetViewBetween((decimal.MinValue, long.MinValue), (ask, long.MinValue)))
            {
                crossed.Add(account);
            }
        }
    }
}
