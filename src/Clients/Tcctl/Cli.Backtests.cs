using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TradingCore.Contracts.V1;

namespace TradingCore.Tcctl;

internal static partial class Cli
{
    private static Command BacktestsCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("backtests", "Backtest runs (docs/backtesting.md): list them, follow one with a progress bar, read its report, cancel one");
        Handle(command, globals, host, async (session, _, cancellationToken) =>
        {
            var reply = await BacktestsAsync(session, cancellationToken);
            session.Emit(reply, () =>
            {
                var table = Session.Table("Run", "Name", "Symbol", "State", "Steps", "Started");
                foreach (var run in reply.Backtests)
                {
                    table.AddRow(run.RunId, Markup.Escape(run.Name), run.Symbol, Session.Name(run.State), Progress(run), Session.Time(run.StartedMs));
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(WatchCommand(globals, host));
        command.Subcommands.Add(ReportCommand(globals, host));
        command.Subcommands.Add(CancelBacktestCommand(globals, host));
        return command;
    }

    private static Command CancelBacktestCommand(GlobalOptions globals, CliHost host)
    {
        var run = new Argument<string>("run") { Description = "Run id (from `tcctl backtests`)" };
        var command = new Command("cancel", "Stop a running backtest (its report covers the steps that ran)") { run };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            await session.LoggedInAsync(cancellationToken);
            var info = await session.Client.Backtests.CancelBacktestAsync(new CancelBacktestRequest { RunId = parsed.GetValue(run)! }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
            session.Emit(info, () => host.Console.MarkupLine($"Backtest {info.RunId} cancelled after {Progress(info)} steps"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command WatchCommand(GlobalOptions globals, CliHost host)
    {
        var run = new Argument<string>("run") { Description = "Run id (from `tcctl backtests`)" };
        var command = new Command("watch", "Follow a run with a progress bar until it ends") { run };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var id = parsed.GetValue(run)!;
            var first = await FindAsync(session, id, cancellationToken);
            var last = await session.WithProgressAsync($"Backtest {id}", Math.Max(1, first.Steps), async progress =>
            {
                var current = first;
                while (current.State == BacktestState.Running)
                {
                    progress(current.StepsDone);
                    await Task.Delay(250, cancellationToken);
                    current = await FindAsync(session, id, cancellationToken);
                }

                progress(current.StepsDone);
                return current;
            });
            session.Emit(last, () => host.Console.MarkupLine($"Backtest {last.RunId} {Session.Name(last.State)} after {Progress(last)} steps"));
            return last.State == BacktestState.Finished ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static Command ReportCommand(GlobalOptions globals, CliHost host)
    {
        var run = new Argument<string>("run") { Description = "Run id (from `tcctl backtests`)" };
        var html = new Option<FileInfo?>("--html") { Description = "Write the report as an HTML page here" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write the deals as CSV here" };
        var command = new Command("report", "The summary of a finished run (MT5 Strategy Tester figures); --html, --csv write the renderings") { run, html, csv };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            await session.LoggedInAsync(cancellationToken);
            var report = await session.Client.Backtests.GetBacktestReportAsync(new GetBacktestReportRequest { RunId = parsed.GetValue(run)! }, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
            if (parsed.GetValue(html) is { } page)
            {
                await File.WriteAllTextAsync(page.FullName, report.Html, cancellationToken);
            }

            if (parsed.GetValue(csv) is { } deals)
            {
                await File.WriteAllTextAsync(deals.FullName, report.Csv, cancellationToken);
            }

            session.Emit(report, () =>
            {
                var summary = report.Summary;
                var table = Session.Table("Backtest " + report.RunId, Markup.Escape($"{report.Name} ({report.Symbol}, {Session.Time(report.FromTimeMs)} to {Session.Time(report.ToTimeMs)})"));
                table.AddRow("Initial deposit", Session.Format(summary.InitialDeposit));
                table.AddRow("Total net profit", Session.Format(summary.TotalNetProfit));
                table.AddRow("Gross profit / loss", $"{Session.Format(summary.GrossProfit)} / {Session.Format(summary.GrossLoss)}");
                table.AddRow("Profit factor", summary.ProfitFactor is null ? "-" : Session.Format(summary.ProfitFactor));
                table.AddRow("Expected payoff", Session.Format(summary.ExpectedPayoff));
                table.AddRow("Trades (won)", $"{summary.TotalTrades} ({summary.ProfitTrades})");
                table.AddRow("Balance drawdown maximal", $"{Session.Format(summary.BalanceDrawdownMaximal)} ({Session.Format(summary.BalanceDrawdownMaximalPercent)}%)");
                table.AddRow("Equity drawdown maximal", $"{Session.Format(summary.EquityDrawdownMaximal)} ({Session.Format(summary.EquityDrawdownMaximalPercent)}%)");
                table.AddRow("Final balance", Session.Format(summary.FinalBalance));
                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<ListBacktestsResponse> BacktestsAsync(Session session, CancellationToken cancellationToken)
    {
        await session.LoggedInAsync(cancellationToken);
        return await session.Client.Backtests.ListBacktestsAsync(new ListBacktestsRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
    }

    private static async Task<BacktestInfo> FindAsync(Session session, string runId, CancellationToken cancellationToken) =>
        (await BacktestsAsync(session, cancellationToken)).Backtests.FirstOrDefault(run => run.RunId == runId)
        ?? throw new CliUsageException($"no backtest {runId} (tcctl backtests lists the runs kept in memory)");

    private static string Progress(BacktestInfo run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run.StepsDone}/{run.Steps}");
}
