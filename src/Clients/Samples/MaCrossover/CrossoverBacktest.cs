using System.Globalization;
using TradingCore.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Samples.MaCrossover;

/// <summary>
/// The crossover strategy as a backtest (docs/backtesting.md): the server steps through history bar by bar in
/// lockstep; on each step the bot feeds the bar's close (the bid) to <see cref="CrossoverStrategy"/> and, on a
/// crossing, moves its netting position to +Volume or -Volume with one market order, then advances. The same data
/// and settings give the same report, whatever language the bot is written in (the Python example does the same).
/// </summary>
public sealed class CrossoverBacktest(TradingCoreClient client, BotSettings settings, TextWriter log)
{
    /// <summary>Runs <paramref name="run"/> to its end and returns the report.</summary>
    public async Task<BacktestReport> RunAsync(BacktestSettings run, CancellationToken cancellationToken)
    {
        var strategy = new CrossoverStrategy(settings.Fast, settings.Slow);
        await client.EnsureLoggedInAsync(cancellationToken).ConfigureAwait(false);
        using var call = client.Backtests.Run(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(new BacktestRequest { Start = run }, cancellationToken).ConfigureAwait(false);
        var signals = 0;
        BacktestReport? report = null;
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var response = call.ResponseStream.Current;
            switch (response.ResponseCase)
            {
                case BacktestResponse.ResponseOneofCase.Started:
                    log.WriteLine($"ma-crossover: backtest {response.Started.RunId}: {response.Started.Steps} steps of {run.Data.Symbol}, SMA({settings.Fast}) x SMA({settings.Slow}), {settings.Volume} lots");
                    break;
                case BacktestResponse.ResponseOneofCase.Step:
                    var step = response.Step;
                    var close = (step.Bar?.Close ?? step.Tick.Bid).ToDecimal();
                    if (strategy.OnClose(close) is { } signal)
                    {
                        var target = signal == Signal.Buy ? settings.Volume : -settings.Volume;
                        var current = step.Positions.Sum(position => position.Type == PositionType.Buy ? position.Volume.ToDecimal() : -position.Volume.ToDecimal());
                        var delta = target - current;
                        if (delta != 0m)
                        {
                            signals++;
                            await call.RequestStream.WriteAsync(new BacktestRequest
                            {
                                RequestId = (ulong)signals,
                                Submit = new SubmitOrderRequest { ClientOrderId = $"bt-{signals}", Symbol = run.Data.Symbol, Type = delta > 0m ? OrderType.Buy : OrderType.Sell, Volume = Contracts.V1.Decimal.FromDecimal(Math.Abs(delta)) },
                            }, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    await call.RequestStream.WriteAsync(new BacktestRequest { Advance = new BacktestAdvance() }, cancellationToken).ConfigureAwait(false);
                    break;
                case BacktestResponse.ResponseOneofCase.Ack when response.Ack.Retcode is not (TradeRetcode.Done or TradeRetcode.Placed):
                    log.WriteLine($"ma-crossover: order {response.Ack.ClientOrderId} refused: {ContractNames.Short(response.Ack.Retcode)} {response.Ack.Message}");
                    break;
                case BacktestResponse.ResponseOneofCase.Finished:
                    report = response.Finished;
                    break;
            }
        }

        return report ?? throw new InvalidOperationException("the backtest ended without a report");
    }

    /// <summary>The summary in one line, the same in every example.</summary>
    public static string Summary(BacktestReport report)
    {
        var summary = report.Summary;
        var factor = summary.ProfitFactor is null ? "-" : summary.ProfitFactor.ToDecimal().ToString("0.00", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"backtest {report.RunId}: {report.Steps} steps {ContractNames.Time(report.FromTimeMs)} to {ContractNames.Time(report.ToTimeMs)}; ")
            + string.Create(CultureInfo.InvariantCulture, $"net profit {summary.TotalNetProfit.ToDecimal():0.00}, trades {summary.TotalTrades} (won {summary.ProfitTrades}), profit factor {factor}, ")
            + string.Create(CultureInfo.InvariantCulture, $"balance drawdown {summary.BalanceDrawdownMaximal.ToDecimal():0.00} ({summary.BalanceDrawdownMaximalPercent.ToDecimal():0.00}%), final balance {summary.FinalBalance.ToDecimal():0.00}");
    }
}
