namespace TradingCore.Backtesting;

/// <summary>
/// The drawdowns of a series of balance or equity values that starts at the deposit (docs/backtesting.md), kept
/// as the values arrive (a run feeds it every tick's equity without storing them): absolute = deposit − the lowest
/// value below it; maximal = the largest fall from a peak, in money, with its percent of that peak; relative = the
/// largest fall in percent of its peak (two decimals), with its money.
/// </summary>
internal sealed class DrawdownTracker(decimal deposit)
{
    private readonly decimal _deposit = deposit;
    private decimal _peak = deposit;
    private decimal _lowest = deposit;

    public decimal Absolute => Math.Max(0m, _deposit - _lowest);

    public decimal Maximal { get; private set; }

    public decimal MaximalPercent { get; private set; }

    public decimal RelativePercent { get; private set; }

    public decimal Relative { get; private set; }

    public void Add(decimal value)
    {
        _lowest = Math.Min(_lowest, value);
        _peak = Math.Max(_peak, value);
        var fall = _peak - value;
        if (fall <= 0m)
        {
            return;
        }

        var percent = _peak > 0m ? Math.Round(fall * 100m / _peak, 2, MidpointRounding.AwayFromZero) : 0m;
        if (fall > Maximal)
        {
            (Maximal, MaximalPercent) = (fall, percent);
        }

        if (percent > RelativePercent)
        {
            (RelativePercent, Relative) = (percent, fall);
        }
    }
}
