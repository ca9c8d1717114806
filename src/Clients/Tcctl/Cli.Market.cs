using System.CommandLine;
using Spectre.Console;
using TradingCore.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Tcctl;

internal static partial class Cli
{
    private static Command SymbolsCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("symbols", "List the symbols and their trading specifications");
        Handle(command, globals, host, async (session, _, cancellationToken) =>
        {
            var symbols = await session.Client.ListSymbolsAsync(cancellationToken);
            session.Emit(new ListSymbolsResponse { Symbols = { symbols } }, () =>
            {
                var table = Session.Table("Symbol", "Description", "Digits", "Contract", "Volume min/max/step", "Trade mode", "Margin ccy");
                foreach (var symbol in symbols)
                {
                    table.AddRow(
                        Markup.Escape(symbol.Name),
                        Markup.Escape(symbol.Description),
                        symbol.Digits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Session.Format(symbol.ContractSize),
                        $"{Session.Format(symbol.VolumeMin)} / {Session.Format(symbol.VolumeMax)} / {Session.Format(symbol.VolumeStep)}",
                        Session.Name(symbol.TradeMode),
                        symbol.CurrencyMargin);
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command TicksCommand(GlobalOptions globals, CliHost host)
    {
        var symbols = new Argument<string[]>("symbols") { Description = "Symbols to stream (all when none)", Arity = ArgumentArity.ZeroOrMore };
        var count = new Option<int>("--count", "-n") { Description = "Stop after this many ticks (0 = until Ctrl+C)" };
        var policy = new Option<TickDeliveryPolicy>("--policy") { Description = "When this client falls behind: Conflate (default), DropOldest or Disconnect" };
        var command = new Command("ticks", "Stream live ticks (snapshot first) until Ctrl+C; reconnects and reports gaps") { symbols, count, policy };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var limit = parsed.GetValue(count);
            var subscription = new TickSubscription { Symbols = parsed.GetValue(symbols) ?? [], Policy = parsed.GetValue(policy) };
            var received = 0;
            try
            {
                await foreach (var item in session.Client.StreamTicksAsync(subscription, cancellationToken))
                {
                    Show(session, item);
                    if (item is TickReceived && ++received == limit)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: a normal way to end a live stream.
            }

            if (!session.Json)
            {
                host.Console.MarkupLine($"[grey]{received} ticks[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Show(Session session, TickStreamEvent item)
    {
        var console = session.Host.Console;
        switch (item)
        {
            case TickReceived { Tick: var tick }:
                session.Emit(new StreamTicksResponse { Tick = tick }, () => console.MarkupLine(
                    $"{Session.Time(tick.TimeMs)}  [bold]{Markup.Escape(tick.Symbol),-8}[/] bid {Session.Format(tick.Bid),-10} ask {Session.Format(tick.Ask),-10} #{tick.Sequence}{(tick.Snapshot ? " [grey](snapshot)[/]" : "")}"));
                break;
            case TicksMissed missed:
                session.Emit(new StreamTicksResponse { Gap = new TickGap { Symbol = missed.Symbol, Missed = missed.Missed, SequenceReset = missed.SequenceReset } }, () => console.MarkupLine(
                    missed.SequenceReset
                        ? $"[yellow]gap: {Markup.Escape(missed.Symbol)} sequence restarted (server restart)[/]"
                        : $"[yellow]gap: {Markup.Escape(missed.Symbol)} missed {missed.Missed} ticks[/]"));
                break;
            case SnapshotCompleted completed:
                session.Emit(new StreamTicksResponse { SnapshotComplete = new SnapshotComplete { TickCount = completed.TickCount } }, () => console.MarkupLine($"[grey]snapshot complete ({completed.TickCount} symbols); live ticks follow[/]"));
                break;
            case FeedStatusChanged { Status: var status }:
                session.Emit(new StreamTicksResponse { Status = status }, () => console.MarkupLine(
                    $"[yellow]feed {Markup.Escape(status.Symbol.Length > 0 ? status.Symbol : "(all)")}: {Session.Name(status.State)} {Markup.Escape(status.Reason)}[/]"));
                break;
            case StreamInterrupted interrupted:
                session.Host.Error.WriteLine($"tcctl: stream interrupted ({interrupted.Error.StatusCode}: {interrupted.Error.Message}); reconnecting in {interrupted.RetryIn.TotalMilliseconds:0} ms");
                break;
        }
    }

    private static Command BarsCommand(GlobalOptions globals, CliHost host)
    {
        var symbol = new Argument<string>("symbol") { Description = "Symbol" };
        var timeframe = new Option<Timeframe>("--timeframe", "-t") { Description = "M1, M5, M15, M30, H1 (default), H4, D1, W1 or MN1", DefaultValueFactory = _ => Timeframe.H1, CustomParser = result => Session.ParseEnum<Timeframe>(result, "timeframe", Timeframe.H1) };
        var from = new Option<string?>("--from") { Description = "Start (ISO 8601 or epoch ms); default: as far back as --limit reaches" };
        var to = new Option<string?>("--to") { Description = "End (ISO 8601 or epoch ms); default: now" };
        var limit = new Option<int>("--limit") { Description = "Most bars to return (newest kept)", DefaultValueFactory = _ => 100 };
        var command = new Command("bars", "Bar history of a symbol (OHLC by bid)") { symbol, timeframe, from, to, limit };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var request = new GetBarsRequest
            {
                Symbol = parsed.GetValue(symbol)!,
                Timeframe = parsed.GetValue(timeframe),
                FromTimeMs = ParseTime(parsed.GetValue(from), 0),
                ToTimeMs = ParseTime(parsed.GetValue(to), 0),
                Limit = parsed.GetValue(limit),
            };
            var bars = await session.Client.GetBarsAsync(request, cancellationToken);
            session.Emit(new GetBarsResponse { Bars = { bars } }, () =>
            {
                var table = Session.Table("Time", "Open", "High", "Low", "Close", "Ticks", "Spread");
                foreach (var bar in bars)
                {
                    table.AddRow(Session.Time(bar.TimeMs), Session.Format(bar.Open), Session.Format(bar.High), Session.Format(bar.Low), Session.Format(bar.Close), bar.TickVolume.ToString(System.Globalization.CultureInfo.InvariantCulture), bar.Spread.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command HealthCommand(GlobalOptions globals, CliHost host)
    {
        var services = new Argument<string[]>("services") { Description = "Health services to check (default: the server, order entry and market data)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("health", "Check grpc.health.v1 (no login needed); exit code 1 unless all are SERVING") { services };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var names = parsed.GetValue(services) is { Length: > 0 } given ? given : ["", "trading.v1.Orders", "trading.v1.MarketData"];
            var health = new Grpc.Health.V1.Health.HealthClient(session.Channel);
            var table = Session.Table("Service", "Status");
            var healthy = true;
            foreach (var name in names)
            {
                var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = name }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
                healthy &= reply.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving;
                // Machine output keeps the service each status belongs to: one JSON object per service.
                var status = Grpc.Health.V1.HealthCheckResponse.Descriptor.EnumTypes[0].FindValueByNumber((int)reply.Status).Name;
                var line = new Google.Protobuf.WellKnownTypes.Struct { Fields = { ["service"] = Google.Protobuf.WellKnownTypes.Value.ForString(name), ["status"] = Google.Protobuf.WellKnownTypes.Value.ForString(status) } };
                session.Emit(line, () => table.AddRow(name.Length > 0 ? Markup.Escape(name) : "(server)", reply.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving ? "[green]SERVING[/]" : $"[red]{status}[/]"));
            }

            if (!session.Json)
            {
                host.Console.Write(table);
            }

            return healthy ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
