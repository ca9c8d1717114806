using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Streaming;

/// <summary>
/// CONFLATE: at most one waiting tick per symbol; a newer tick of a symbol replaces the waiting one (counted),
/// and symbols are delivered in the order they first became pending. Memory is bounded by the symbol count.
/// </summary>
internal sealed class ConflatingTickSubscription(TickHub hub, IReadOnlySet<string>? symbols) : TickSubscription(hub, symbols)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Wire.Tick> _pending = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public override void Offer(Wire.Tick tick)
    {
        lock (_gate)
        {
            if (_pending.ContainsKey(tick.Symbol))
            {
                LostCount++;
            }
            else
            {
                _order.Enqueue(tick.Symbol);
            }

            _pending[tick.Symbol] = tick;
        }

        _signal.Writer.TryWrite(true);
    }

    public override async IAsyncEnumerable<Wire.Tick> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _signal.Reader.TryRead(out _);
            while (TryTake(out var tick))
            {
                yield return tick;
            }
        }
    }

    protected override void Complete() => _signal.Writer.TryComplete();

    private bool TryTake(out Wire.Tick tick)
    {
        lock (_gate)
        {
            if (_order.TryDequeue(out var symbol) && _pending.Remove(symbol, out tick!))
            {
                return true;
            }
        }

        tick = null!;
        return false;
    }
}
