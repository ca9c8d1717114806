using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TradingCore.Client;
using TradingCore.Contracts.V1;

namespace TradingCore.Tcctl;

internal static partial class Cli
{
    private static Command OrderCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("order", "Place, modify or cancel orders (exit code 4 when the server rejects the request)");
        command.Subcommands.Add(PlaceCommand("buy", "Buy at market", OrderType.Buy, globals, host));
        command.Subcommands.Add(PlaceCommand("sell", "Sell at market", OrderType.Sell, globals, host));
        command.Subcommands.Add(PlaceCommand("buy-limit", "Buy when the ask falls to PRICE", OrderType.BuyLimit, globals, host));
        command.Subcommands.Add(PlaceCommand("sell-limit", "Sell when the bid rises to PRICE", OrderType.SellLimit, globals, host));
        command.Subcommands.Add(PlaceCommand("buy-stop", "Buy when the ask rises to PRICE", OrderType.BuyStop, globals, host));
        command.Subcommands.Add(PlaceCommand("sell-stop", "Sell when the bid falls to PRICE", OrderType.SellStop, globals, host));
        command.Subcommands.Add(PlaceCommand("buy-stop-limit", "At PRICE, place a buy limit at --stop-limit", OrderType.BuyStopLimit, globals, host));
        command.Subcommands.Add(PlaceCommand("sell-stop-limit", "At PRICE, place a sell limit at --stop-limit", OrderType.SellStopLimit, globals, host));
        command.Subcommands.Add(ModifyCommand(globals, host));
        command.Subcommands.Add(CancelCommand(globals, host));
        return command;
    }

    private static Command PlaceCommand(string name, string description, OrderType type, GlobalOptions globals, CliHost host)
    {
        var market = type is OrderType.Buy or OrderType.Sell;
        var symbol = new Argument<string>("symbol") { Description = "Symbol, e.g. EURUSD" };
        var volume = DecimalValues.Argument("volume", "Lots, e.g. 0.10", "0.10");
        var price = DecimalValues.Argument("price", "Order price", "1.08450");
        var stopLimit = DecimalValues.OptionalOption("--stop-limit", "Limit price placed when PRICE is reached (stop-limit orders)", "1.08450");
        stopLimit.Required = type is OrderType.BuyStopLimit or OrderType.SellStopLimit;
        var stopLoss = DecimalValues.OptionalOption("--sl", "Stop loss price", "1.08000");
        var takeProfit = DecimalValues.OptionalOption("--tp", "Take profit price", "1.09000");
        var id = new Option<string?>("--id") { Description = "Client order id (idempotency key; generated when absent). Reuse it to retry safely." };
        var deviation = new Option<uint>("--deviation") { Description = "Largest accepted slippage in points (market orders, with --price)" };
        var comment = new Option<string?>("--comment") { Description = "Order comment" };
        var magic = new Option<ulong>("--magic") { Description = "Expert/strategy id (MT5 magic number)" };
        var command = new Command(name, description) { symbol, volume };
        if (!market)
        {
            command.Arguments.Add(price);
            command.Options.Add(stopLimit);
        }
        else
        {
            command.Options.Add(deviation);
        }

        foreach (var option in new Option[] { stopLoss, takeProfit, id, comment, magic })
        {
            command.Options.Add(option);
        }

        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var request = new SubmitOrderRequest
            {
                AccountId = await session.AccountAsync(cancellationToken),
                ClientOrderId = parsed.GetValue(id) ?? TradingCoreClient.NewClientOrderId(),
                Symbol = parsed.GetValue(symbol)!,
                Type = type,
                Volume = Wire(parsed.GetValue(volume)),
                StopLoss = Wire(parsed.GetValue(stopLoss)),
                TakeProfit = Wire(parsed.GetValue(takeProfit)),
                Comment = parsed.GetValue(comment) ?? string.Empty,
                Magic = parsed.GetValue(magic),
            };
            if (!market)
            {
                request.Price = Wire(parsed.GetValue(price));
                request.StopLimitPrice = Wire(parsed.GetValue(stopLimit));
            }
            else
            {
                request.DeviationPoints = parsed.GetValue(deviation);
            }

            return ShowOutcome(session, await session.Client.SubmitOrderAsync(request, cancellationToken), outcome => new SubmitOrderResponse { Result = outcome.Result, Order = outcome.Order });
        });
        return command;
    }

    private static Command ModifyCommand(GlobalOptions globals, CliHost host)
    {
        var ticket = new Argument<ulong>("ticket") { Description = "Ticket of the pending order" };
        var price = DecimalValues.OptionalOption("--price", "New order price", "1.08450");
        var stopLimit = DecimalValues.OptionalOption("--stop-limit", "New stop-limit price", "1.08450");
        var stopLoss = DecimalValues.OptionalOption("--sl", "New stop loss (0 removes it)", "1.08000");
        var takeProfit = DecimalValues.OptionalOption("--tp", "New take profit (0 removes it)", "1.09000");
        var command = new Command("modify", "Change a pending order") { ticket, price, stopLimit, stopLoss, takeProfit };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var request = new ModifyOrderRequest
            {
                AccountId = await session.AccountAsync(cancellationToken),
                OrderTicket = parsed.GetValue(ticket),
                Price = Wire(parsed.GetValue(price)),
                StopLimitPrice = Wire(parsed.GetValue(stopLimit)),
                StopLoss = Wire(parsed.GetValue(stopLoss)),
                TakeProfit = Wire(parsed.GetValue(takeProfit)),
            };
            return ShowOutcome(session, await session.Client.ModifyOrderAsync(request, cancellationToken), outcome => new ModifyOrderResponse { Result = outcome.Result, Order = outcome.Order });
        });
        return command;
    }

    private static Command CancelCommand(GlobalOptions globals, CliHost host)
    {
        var ticket = new Argument<ulong>("ticket") { Description = "Ticket of the pending order" };
        var command = new Command("cancel", "Cancel a pending order") { ticket };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
            ShowOutcome(session, await session.Client.CancelOrderAsync(await session.AccountAsync(cancellationToken), parsed.GetValue(ticket), cancellationToken), outcome => new CancelOrderResponse { Result = outcome.Result, Order = outcome.Order }));
        return command;
    }

    private static int ShowOutcome(Session session, TradeOutcome outcome, Func<TradeOutcome, Google.Protobuf.IMessage> wire)
    {
        session.Emit(wire(outcome), () =>
        {
            var color = outcome.Succeeded ? "green" : "red";
            session.Host.Console.MarkupLine($"[{color}]{Session.Name(outcome.Retcode)}[/] ({(int)outcome.Retcode}) {Markup.Escape(outcome.Message)}{(outcome.Duplicate ? " [yellow](duplicate: the original outcome)[/]" : "")}");
            var table = Session.Table("Order", "Deal", "Position", "Volume", "Price", "Bid", "Ask", "Client order id");
            table.AddRow(Ticket(outcome.OrderTicket), Ticket(outcome.DealTicket), Ticket(outcome.PositionTicket), Session.Format(outcome.Result.Volume), Session.Format(outcome.Result.Price), Session.Format(outcome.Result.Bid), Session.Format(outcome.Result.Ask), Markup.Escape(outcome.ClientOrderId));
            session.Host.Console.Write(table);
        });
        return outcome.Succeeded ? ExitCodes.Ok : ExitCodes.Rejected;
    }

    private static string Ticket(ulong ticket) => ticket == 0 ? "" : ticket.ToString(CultureInfo.InvariantCulture);

    private static Command OrdersCommand(GlobalOptions globals, CliHost host)
    {
        var history = new Option<bool>("--history") { Description = "Orders no longer working (filled, cancelled, rejected, expired) instead of working ones" };
        var symbol = new Option<string?>("--symbol") { Description = "Only this symbol" };
        var limit = new Option<int>("--limit") { Description = "Most orders to show", DefaultValueFactory = _ => 50 };
        var command = new Command("orders", "List working orders (or --history)") { history, symbol, limit };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var request = new ListOrdersRequest
            {
                AccountId = await session.AccountAsync(cancellationToken),
                Scope = parsed.GetValue(history) ? OrderScope.History : OrderScope.Open,
                Symbol = parsed.GetValue(symbol) ?? string.Empty,
                PageSize = parsed.GetValue(limit),
            };
            var page = await session.Client.ListOrdersAsync(request, cancellationToken);
            session.Emit(page, () =>
            {
                // An MT5-routed account's orders also show MT5's ticket.
                var routed = page.Orders.Any(order => order.Mt5OrderTicket != 0);
                var table = Session.Table("Ticket", "Time", "Symbol", "Type", "State", "Volume", "Price", "SL", "TP", "Client order id");
                if (routed)
                {
                    table.AddColumn("MT5 order");
                }

                foreach (var order in page.Orders)
                {
                    string[] cells = [Ticket(order.Ticket), Session.Time(order.TimeSetupMs), Markup.Escape(order.Symbol), Session.Name(order.Type), Session.Name(order.State), Session.Format(order.VolumeInitial), Session.Format(order.PriceOpen), Session.Format(order.StopLoss), Session.Format(order.TakeProfit), Markup.Escape(order.ClientOrderId)];
                    table.AddRow(routed ? [.. cells, Ticket(order.Mt5OrderTicket)] : cells);
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command DealsCommand(GlobalOptions globals, CliHost host)
    {
        var symbol = new Option<string?>("--symbol") { Description = "Only this symbol" };
        var limit = new Option<int>("--limit") { Description = "Most deals to show", DefaultValueFactory = _ => 50 };
        var command = new Command("deals", "List deals, newest first") { symbol, limit };
        Handle(command, globals, host, async (session, parsed, cancellationToken) =>
        {
            var request = new ListDealsRequest { AccountId = await session.AccountAsync(cancellationToken), Symbol = parsed.GetValue(symbol) ?? string.Empty, PageSize = parsed.GetValue(limit) };
            var page = await session.Client.ListDealsAsync(request, cancellationToken);
            session.Emit(page, () =>
            {
                var routed = page.Deals.Any(deal => deal.Mt5DealTicket != 0);
                var table = Session.Table("Deal", "Time", "Symbol", "Type", "Entry", "Volume", "Price", "Profit", "Commission", "Fee", "Swap", "Order", "Position");
                if (routed)
                {
                    table.AddColumn("MT5 deal");
                }

                foreach (var deal in page.Deals)
                {
                    string[] cells = [Ticket(deal.Ticket), Session.Time(deal.TimeMs), Markup.Escape(deal.Symbol), Session.Name(deal.Type), Session.Name(deal.Entry), Session.Format(deal.Volume), Session.Format(deal.Price), Session.Format(deal.Profit), Session.Format(deal.Commission), Session.Format(deal.Fee), Session.Format(deal.Swap), Ticket(deal.OrderTicket), Ticket(deal.PositionId)];
                    table.AddRow(routed ? [.. cells, Ticket(deal.Mt5DealTicket)] : cells);
                }

                host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command PositionsCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("positions", "Open positions (list, close)");
        var list = new Command("list", "List open positions");
        Handle(list, globals, host, ListPositionsAsync);
        Handle(command, globals, host, ListPositionsAsync);
        var ticket = new Argument<ulong>("ticket") { Description = "Position ticket" };
        var volume = DecimalValues.OptionalOption("--volume", "Lots to close (default: all)", "0.10");
        var id = new Option<string?>("--id") { Description = "Client order id of the closing order (generated when absent)" };
        var close = new Command("close", "Close a position fully or partly at market") { ticket, volume, id };
        Handle(close, globals, host, async (session, parsed, cancellationToken) =>
            ShowOutcome(session, await session.Client.ClosePositionAsync(await session.AccountAsync(cancellationToken), parsed.GetValue(ticket), parsed.GetValue(volume), parsed.GetValue(id), cancellationToken), outcome => new ClosePositionResponse { Result = outcome.Result }));
        command.Subcommands.Add(list);
        command.Subcommands.Add(close);
        return command;
    }

    private static async Task<int> ListPositionsAsync(Session session, ParseResult parsed, CancellationToken cancellationToken)
    {
        var positions = await session.Client.ListPositionsAsync(await session.AccountAsync(cancellationToken), cancellationToken: cancellationToken);
        session.Emit(new ListPositionsResponse { Positions = { positions } }, () =>
        {
            var routed = positions.Any(position => position.Mt5PositionId != 0);
            var table = Session.Table("Ticket", "Opened", "Symbol", "Type", "Volume", "Open", "Current", "SL", "TP", "Profit", "Swap");
            if (routed)
            {
                table.AddColumn("MT5 position");
            }

            foreach (var position in positions)
            {
                string[] cells = [Ticket(position.Ticket), Session.Time(position.TimeMs), Markup.Escape(position.Symbol), Session.Name(position.Type), Session.Format(position.Volume), Session.Format(position.PriceOpen), Session.Priced(position.PriceCurrent, position.PriceState), Session.Format(position.StopLoss), Session.Format(position.TakeProfit), Session.Priced(position.Profit, position.PriceState), Session.Format(position.Swap)];
                table.AddRow(routed ? [.. cells, Ticket(position.Mt5PositionId)] : cells);
            }

            session.Host.Console.Write(table);
        });
        return ExitCodes.Ok;
    }

    private static Command AccountCommand(GlobalOptions globals, CliHost host)
    {
        var command = new Command("account", "Balance, equity, margin and settings of the account");
        Handle(command, globals, host, async (session, _, cancellationToken) =>
        {
            var account = await session.Client.GetAccountAsync(await session.AccountAsync(cancellationToken), cancellationToken);
            session.Emit(account, () =>
            {
                var table = Session.Table("Field", "Value");
                table.AddRow("Account", $"{account.AccountId} {Markup.Escape(account.Name)}");
                table.AddRow("Mode", $"{Session.Name(account.MarginMode)}, 1:{account.Leverage}, {Session.Name(account.TradingState)}");
                table.AddRow("Balance", $"{Session.Format(account.Balance)} {account.Currency}");
                table.AddRow("Equity", Session.Priced(account.Equity, account.PriceState));
                table.AddRow("Profit", Session.Priced(account.Profit, account.PriceState));
                table.AddRow("Margin", Session.Priced(account.Margin, account.PriceState));
                table.AddRow("Free margin", Session.Priced(account.FreeMargin, account.PriceState));
                table.AddRow("Margin level %", Session.Format(account.MarginLevel));
                var unit = account.StopOutMode == StopOutMode.Money ? $" {account.Currency}" : " %";
                table.AddRow("Margin call / stop-out", $"{Session.Format(account.MarginCallLevel)}{unit} / {Session.Format(account.StopOutLevel)}{unit}{(account.MarginCall ? " (in margin call)" : "")}");
                table.AddRow("Prices", Session.Name(account.PriceState));
                table.AddRow("Venue", account.Venue == AccountVenue.Mt5 ? $"MT5 login {account.Mt5Login}, {Session.Name(account.VenueState)}" : "INTERNAL");
                session.Host.Console.Write(table);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
