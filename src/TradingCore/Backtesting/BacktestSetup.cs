using TradingCore.Bars;
using TradingCore.Engine.Domain;
using TradingCore.Grpc.Validation;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>
/// Reads a run's start message into what the run needs: the symbol's specification from the live catalog, the
/// account, and the market data (stored bars, a bar export or a tick export) cut to the range. Every problem is
/// INVALID_ARGUMENT naming its field under <c>start.</c>.
/// </summary>
internal static class BacktestSetup
{
    public static async Task<(SymbolSpec Spec, Account Account, BacktestMarket Market)> ReadAsync(
        Wire.BacktestSettings settings, SymbolCatalog catalog, BarStore bars, int maxRows, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var data = settings.Data ?? new Wire.BacktestData();
        var symbol = WireReader.Symbol(data.Symbol, catalog, errors, "start.data.symbol");
        if (data.SourceCase == Wire.BacktestData.SourceOneofCase.None)
        {
            errors.Add("start.data", "needs a source: stored_bars, bar_export, tick_export or ndjson_ticks");
        }

        var barData = data.SourceCase is Wire.BacktestData.SourceOneofCase.StoredBars or Wire.BacktestData.SourceOneofCase.BarExport;
        if (barData)
        {
            WireReader.Enum(data.Timeframe, errors, "start.data.timeframe", allowUnspecified: false);
        }
        else if (settings.Step == Wire.BacktestStepKind.Bar)
        {
            errors.Add("start.step", "BAR needs bar data (stored_bars or bar_export)");
        }

        if (data.ServerUtcOffsetS is < -86_400 or > 86_400)
        {
            errors.Add("start.data.server_utc_offset_s", "must be within a day");
        }

        if (settings.FromTimeMs < 0 || settings.ToTimeMs < 0 || (settings.ToTimeMs != 0 && settings.ToTimeMs <= settings.FromTimeMs))
        {
            errors.Add("start.to_time_ms", "must be 0 (to the end) or after from_time_ms, both >= 0");
        }

        errors.ThrowIfAny();
        var spec = settings.SymbolSpec is { } given
            ? RunSpec(given, symbol)
            : catalog.TryGet(symbol, out var found) ? found : throw FieldErrors.Single("start.data.symbol", "is not a symbol of the catalog");
        var account = AccountOf(settings.Account ?? new Wire.CreateAccountRequest());
        var from = settings.FromTimeMs;
        var to = settings.ToTimeMs == 0 ? long.MaxValue : settings.ToTimeMs;
        BacktestMarket market;
        try
        {
            market = data.SourceCase switch
            {
                Wire.BacktestData.SourceOneofCase.StoredBars => BacktestMarket.FromBars(spec, Rows(await bars.RangeAsync(symbol, data.Timeframe, from, to, maxRows + 1, cancellationToken).ConfigureAwait(false)), BarLength(data.Timeframe, from), settings.Step),
                Wire.BacktestData.SourceOneofCase.BarExport => BacktestMarket.FromBars(spec, Rows(BarExport(symbol, data, from, to)), BarLength(data.Timeframe, from), settings.Step),
                Wire.BacktestData.SourceOneofCase.NdjsonTicks => BacktestMarket.FromTicks(spec, InRange(NdjsonTickReader.Read(new StringReader(data.NdjsonTicks), symbol, data.ServerUtcOffsetS).Where(tick => tick.Symbol == symbol), from, to, maxRows)),
                _ => BacktestMarket.FromTicks(spec, InRange(TickExportReader.Read(new StringReader(data.TickExport), symbol, data.ServerUtcOffsetS), from, to, maxRows)),
            };
        }
        catch (Mt5FormatException error)
        {
            throw FieldErrors.Single(data.SourceCase switch
            {
                Wire.BacktestData.SourceOneofCase.TickExport => "start.data.tick_export",
                Wire.BacktestData.SourceOneofCase.NdjsonTicks => "start.data.ndjson_ticks",
                _ => "start.data.bar_export",
            }, error.Message);
        }

        if (market.Rows == 0)
        {
            throw FieldErrors.Single("start.data", "holds no data in the range");
        }

        if (market.Rows > maxRows)
        {
            throw FieldErrors.Single("start.data", $"holds more than {maxRows} rows (TradingCore:Backtests:MaxDataRows): cut the range");
        }

        return (spec, account, market);
    }

    /// <summary>The run's own specification of the symbol (validated as Admin/UpsertSymbol does; field names under start.symbol_spec).</summary>
    private static SymbolSpec RunSpec(Wire.SymbolInfo given, string symbol)
    {
        if (given.Name != symbol)
        {
            throw FieldErrors.Single("start.symbol_spec.name", $"must be the data's symbol {symbol}");
        }

        try
        {
            return SymbolRequests.Spec(given);
        }
        catch (global::Grpc.Core.RpcException error) when (error.StatusCode == global::Grpc.Core.StatusCode.InvalidArgument)
        {
            throw new global::Grpc.Core.RpcException(new global::Grpc.Core.Status(error.StatusCode, "start.symbol_spec: " + error.Status.Detail), error.Trailers);
        }
    }

    /// <summary>The run's account from the Admin/CreateAccount request (its id is the server's: account_id must be 0).</summary>
    private static Account AccountOf(Wire.CreateAccountRequest request)
    {
        if (request.AccountId != 0)
        {
            throw FieldErrors.Single("start.account.account_id", "must be 0: the server numbers backtest accounts (BacktestStarted.account_id)");
        }

        try
        {
            return AccountRequests.Create(request);
        }
        catch (global::Grpc.Core.RpcException error) when (error.StatusCode == global::Grpc.Core.StatusCode.InvalidArgument)
        {
            throw new global::Grpc.Core.RpcException(new global::Grpc.Core.Status(error.StatusCode, "start.account: " + error.Status.Detail), error.Trailers);
        }
    }

    /// <summary>Ticks of [from, to), at most one more than <paramref name="maxRows"/> (so too many is noticed, not read whole).</summary>
    private static List<Engine.Domain.Tick> InRange(IEnumerable<Engine.Domain.Tick> ticks, long from, long to, int maxRows) =>
        [.. ticks.Where(tick => tick.TimeMs >= from && tick.TimeMs < to).Take(maxRows + 1)];

    private static IEnumerable<Persistence.Entities.BarEntity> BarExport(string symbol, Wire.BacktestData data, long from, long to)
    {
        var import = new BarImport(symbol, data.Timeframe, data.ServerUtcOffsetS);
        import.Add(data.BarExport);
        import.Complete();
        return import.Bars.Where(bar => bar.TimeMs >= from && bar.TimeMs < to);
    }

    /// <summary>Bars as the tick path reads them: open times in UTC (offset already applied).</summary>
    private static List<Mt5BarRow> Rows(IEnumerable<Persistence.Entities.BarEntity> bars) =>
        [.. bars.OrderBy(bar => bar.TimeMs).Select(bar => new Mt5BarRow(bar.TimeMs, bar.Open, bar.High, bar.Low, bar.Close, bar.TickVolume, (long)bar.RealVolume, bar.Spread))];

    private static TimeSpan BarLength(Wire.Timeframe timeframe, long fromMs) =>
        TimeSpan.FromMilliseconds(BarPeriods.Next(timeframe, BarPeriods.Start(timeframe, Math.Max(fromMs, 86_400_000L * 10))) - BarPeriods.Start(timeframe, Math.Max(fromMs, 86_400_000L * 10)));
}
