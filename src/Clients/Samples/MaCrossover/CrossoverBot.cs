using System.Globalization;
using TradingCore.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Samples.MaCrossover;

/// <summary>What the bot trades and how.</summary>
public sealed record BotSettings
{
    /// <summary>The symbol traded.</summary>
    public string Symbol { get; init; } = "EURUSD";

    /// <summary>Position size in lots: the bot is long or short this much after its first signal.</summary>
    public decimal Volume { get; init; } = 0.10m;

    /// <summary>Fast moving-average length in bars.</summary>
    public int Fast { get; init; } = 5;

    /// <summary>Slow moving-average length in bars.</summary>
    public int Slow { get; init; } = 20;

    /// <summary>Length of the sampling bucket whose last mid price is one close.</summary>
    public TimeSpan Bucket { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Stop after this many orders (0 = until cancelled).</summary>
    public int MaxTrades { get; init; }

    /// <summary>Account to trade (null = the API key's first account).</summary>
    public long? AccountId { get; init; }

    /// <summary>Prefix of this run's client order ids (unique per run: ids are unique per account forever).</summary>
    public string RunId { get; init; } = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
}

/// <summary>
/// The moving-average crossover bot: streams ticks of one symbol, samples closes, and on each crossover moves its
/// position to +Volume (buy signal) or -Volume (sell signal). Every order carries a client order id derived from
/// the run and the signal number, so the client library's retries can never double it. Gaps in the tick stream are
/// logged (the averages carry on; a production bot might re-seed them from bar history).
/// </summary>
public sealed class CrossoverBot(TradingCoreClient client, BotSettings settings, TextWriter log)
{
    private readonly CrossoverStrategy _strategy = new(settings.Fast, settings.Slow);
    private readonly CloseSampler _sampler = new(settings.Bucket);
    private int _signals;

    /// <summary>Orders the bot sent (accepted or not).</summary>
    public int Trades { get; private set; }

    /// <summary>Trades until cancelled or <see cref="BotSettings.MaxTrades"/>: samples closes from the tick stream, one order per crossover.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var accountId = settings.AccountId
            ?? (await client.ListAccountsAsync(cancellationToken).ConfigureAwait(false)).Select(account => (long?)account.AccountId).FirstOrDefault()
            ?? throw new InvalidOperationException("the API key is bound to no account");
        var account = await client.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        var hedging = account.MarginMode == MarginMode.RetailHedging;
        log.WriteLine($"ma-crossover: {settings.Symbol} SMA({settings.Fast}) x SMA({settings.Slow}) on {settings.Bucket.TotalSeconds:0.###} s closes, {settings.Volume} lots, account {accountId} ({ContractNames.Short(account.MarginMode)})");

        // Queued delivery (DROP_OLDEST), not the default conflation: a close is the last tick of its bucket, and a
        // conflated stream may hand over only a later one. A gap the buffer could not hold is reported (TicksMissed).
        var subscription = new TickSubscription { Symbols = [settings.Symbol], Policy = TickDeliveryPolicy.DropOldest };
        await foreach (var item in client.StreamTicksAsync(subscription, cancellationToken).ConfigureAwait(false))
        {
            switch (item)
            {
                case TickReceived { Tick: var tick } when !tick.Snapshot:
                    var mid = (tick.Bid.ToDecimal() + tick.Ask.ToDecimal()) / 2m;
                    if (_sampler.OnTick(tick.TimeMs, mid) is not { } close)
                    {
                        break;
                    }

                    var signal = _strategy.OnClose(close);
                    ReportWarmUp();
                    if (signal is { } crossing)
                    {
                        await TradeAsync(accountId, hedging, crossing, cancellationToken).ConfigureAwait(false);
                        if (settings.MaxTrades > 0 && Trades >= settings.MaxTrades)
                        {
                            return;
                        }
                    }

                    break;
                case SnapshotCompleted:
                    log.WriteLine($"ma-crossover: streaming {settings.Symbol}; closes are sampled from the next tick");
                    break;
                case TicksMissed missed:
                    log.WriteLine(missed.SequenceReset ? $"ma-crossover: {missed.Symbol} sequence restarted (server restart)" : $"ma-crossover: missed {missed.Missed} ticks of {missed.Symbol}");
                    break;
                case StreamInterrupted interrupted:
                    log.WriteLine($"ma-crossover: stream interrupted ({interrupted.Error.Message}); reconnecting");
                    break;
            }
        }
    }

    private async Task TradeAsync(long accountId, bool hedging, Signal signal, CancellationToken cancellationToken)
    {
        var target = signal == Signal.Buy ? settings.Volume : -settings.Volume;
        var positions = await client.ListPositionsAsync(accountId, settings.Symbol, cancellationToken).ConfigureAwait(false);
        var current = positions.Sum(position => position.Type == PositionType.Buy ? position.Volume.ToDecimal() : -position.Volume.ToDecimal());
        if (current == target)
        {
            return;
        }

        var signalId = $"ma-{settings.RunId}-{++_signals}";
        if (hedging)
        {
            // Hedging keeps opposite positions apart: close what points the wrong way, then open the target.
            foreach (var position in positions)
            {
                var closed = await client.ClosePositionAsync(accountId, position.Ticket, clientOrderId: $"{signalId}-c{position.Ticket}", cancellationToken: cancellationToken).ConfigureAwait(false);
                Report(signal, position.Type == PositionType.Buy ? OrderType.Sell : OrderType.Buy, closed, $" to close position {position.Ticket}");
            }

            current = 0m;
        }

        var delta = target - current;
        var side = delta > 0 ? OrderType.Buy : OrderType.Sell;
        var outcome = await client.SubmitMarketOrderAsync(accountId, settings.Symbol, side, Math.Abs(delta), signalId, cancellationToken).ConfigureAwait(false);
        Trades++;
        Report(signal, side, outcome, string.Empty);
    }

    /// <summary>What the bot waits for until its averages exist and have been ordered once.</summary>
    private void ReportWarmUp()
    {
        if (_strategy.Closes < _strategy.WarmUp)
        {
            log.WriteLine($"ma-crossover: warming up: {_strategy.Closes} of {_strategy.WarmUp} closes for SMA({settings.Slow})");
        }
        else if (!_strategy.HasState)
        {
            log.WriteLine("ma-crossover: averages ready; waiting for the fast one to move off the slow one before the first crossing");
        }
    }

    /// <summary>One line per order, naming the side it actually traded (a close of a long is a sell, whatever the signal).</summary>
    private void Report(Signal signal, OrderType side, TradeOutcome outcome, string purpose)
    {
        var averages = _strategy.Averages is { } value ? $" (fast {value.Fast:0.#####}, slow {value.Slow:0.#####})" : string.Empty;
        var verb = side == OrderType.Buy ? "bought" : "sold";
        log.WriteLine(outcome.Succeeded
            ? $"ma-crossover: {signal} signal{averages}: {verb} {outcome.Volume}{purpose} at {outcome.Price} ({outcome.Result.ClientOrderId})"
            : $"ma-crossover: {signal} signal{averages}: {(side == OrderType.Buy ? "buy" : "sell")}{purpose} rejected ({outcome.Result.ClientOrderId}): {outcome}");
    }
}
