using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace TradingCore.Bars;

/// <summary>
/// One StreamBars subscriber: the forming bar is conflated (only its latest state waits), closed bars queue in
/// order (at most 1,000; a subscriber further behind loses the oldest). Never blocks the engine thread.
/// </summary>
internal sealed class BarSubscription(BarHub hub, string symbol, Contracts.V1.Timeframe timeframe) : IDisposable
{
    private const int MaxClosed = 1_000;
    private readonly Lock _gate = new();
    private readonly Queue<BarUpdate> _closed = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private BarUpdate? _forming;

    public string Symbol => symbol;

    public Contracts.V1.Timeframe Timeframe => timeframe;

    public void Offer(BarUpdate update)
    {
        lock (_gate)
        {
            if (update.Closed)
            {
                _closed.Enqueue(update);
                if (_closed.Count > MaxClosed)
                {
                    _closed.Dequeue();
                }

                _forming = null;
            }
            else
            {
                _forming = update;
            }
        }

        _signal.Writer.TryWrite(true);
    }

    public async IAsyncEnumerable<BarUpdate> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _signal.Reader.TryRead(out _);
            while (Take() is { } update)
            {
                yield return update;
            }
        }
    }

    public void Dispose()
    {
        hub.Unsubscribe(this);
        _signal.Writer.TryComplete();
    }

    private BarUpdate? Take()
    {
        lock (_gate)
        {
            if (_closed.TryDequeue(out var closed))
            {
                return closed;
            }

            var forming = _forming;
            _forming = null;
            return forming;
        }
    }
}
