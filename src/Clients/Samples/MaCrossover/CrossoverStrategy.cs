namespace TradingCore.Samples.MaCrossover;

/// <summary>What the strategy wants after a bar: nothing, buy or sell.</summary>
public enum Signal
{
    /// <summary>The fast average crossed above the slow one: go long.</summary>
    Buy,

    /// <summary>The fast average crossed below the slow one: go short.</summary>
    Sell,
}

/// <summary>
/// Simple moving averages of the last <c>fast</c> and <c>slow</c> closes. A signal is given only when the fast
/// average crosses the slow one, i.e. their order flips; the first order seen sets the state without a signal (the
/// bot does not trade on a trend it joined late), and equal averages keep the previous state. Pure and
/// deterministic: the same closes give the same signals.
/// </summary>
public sealed class CrossoverStrategy
{
    private readonly int _fast;
    private readonly int _slow;
    private readonly Queue<decimal> _closes = new();
    private decimal _sum;
    private int _side;

    /// <summary>A strategy with moving averages of <paramref name="fast"/> and <paramref name="slow"/> bars.</summary>
    public CrossoverStrategy(int fast, int slow)
    {
        if (fast < 1 || slow <= fast)
        {
            throw new ArgumentException($"need 1 <= fast < slow, got fast {fast} and slow {slow}");
        }

        _fast = fast;
        _slow = slow;
    }

    /// <summary>Closes seen so far, up to the slow average's length (the warm-up).</summary>
    public int Closes => _closes.Count;

    /// <summary>Closes needed before the averages exist.</summary>
    public int WarmUp => _slow;

    /// <summary>Whether the averages have been ordered once (signals come from the next crossing on).</summary>
    public bool HasState => _side != 0;

    /// <summary>The last fast and slow averages (null until enough closes were seen).</summary>
    public (decimal Fast, decimal Slow)? Averages { get; private set; }

    /// <summary>Feeds one closed bar's close price; returns the signal it produces.</summary>
    public Signal? OnClose(decimal close)
    {
        _closes.Enqueue(close);
        _sum += close;
        if (_closes.Count > _slow)
        {
            _sum -= _closes.Dequeue();
        }

        if (_closes.Count < _slow)
        {
            return null;
        }

        var fast = _closes.Skip(_slow - _fast).Sum() / _fast;
        var slow = _sum / _slow;
        Averages = (fast, slow);
        var side = Math.Sign(fast - slow);
        if (side == 0 || side == _side)
        {
            return null;
        }

        var previous = _side;
        _side = side;
        return previous == 0 ? null : side > 0 ? Signal.Buy : Signal.Sell;
    }
}

/// <summary>
/// Turns ticks into closes of fixed time buckets (the last mid price of each bucket), emitted when the first tick
/// of a later bucket arrives. Buckets without ticks emit nothing.
/// </summary>
public sealed class CloseSampler(TimeSpan bucket)
{
    private readonly long _bucketMs = (long)bucket.TotalMilliseconds > 0 ? (long)bucket.TotalMilliseconds : throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "must be positive");
    private long _current = long.MinValue;
    private decimal _last;

    /// <summary>The close of the bucket this tick ended, if it ended one.</summary>
    public decimal? OnTick(long timeMs, decimal mid)
    {
        var bucket = Math.DivRem(timeMs, _bucketMs).Quotient;
        decimal? closed = _current != long.MinValue && bucket > _current ? _last : null;
        if (bucket >= _current)
        {
            _current = bucket;
            _last = mid;
        }

        return closed;
    }
}
