using Grpc.Core;
using Microsoft.Extensions.Options;
using TradingCore.Backtesting;
using TradingCore.Bars;
using TradingCore.Configuration;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Events;
using TradingCore.Grpc.Validation;
using TradingCore.Mapping;
using TradingCore.Security;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>trading.v1.Backtests: lockstep runs on engines of their own (docs/backtesting.md).</summary>
internal sealed class BacktestsService(
    BacktestRegistry registry,
    SymbolCatalog catalog,
    BarStore bars,
    IOptions<TradingCoreOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime) : Wire.Backtests.BacktestsBase
{
    public override async Task Run(IAsyncStreamReader<Wire.BacktestRequest> requestStream, IServerStreamWriter<Wire.BacktestResponse> responseStream, ServerCallContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var token = stop.Token;
        if (!await requestStream.MoveNext(token))
        {
            return;
        }

        var first = requestStream.Current;
        var settings = first.Start ?? throw FieldErrors.Single("start", "the first message of a backtest must be start");
        var (spec, account, market) = await BacktestSetup.ReadAsync(settings, catalog, bars, options.Value.Backtests.MaxDataRows, token);
        var (runId, accountId) = registry.Next();
        var run = new BacktestRun(runId, Caller.Of(context).KeyId, settings.Name, spec, account with { AccountId = accountId }, market, time.GetUtcNow().ToUnixTimeMilliseconds());
        registry.Add(run);
        using var cancellable = CancellationTokenSource.CreateLinkedTokenSource(token, run.Cancelled);
        token = cancellable.Token;
        var state = Wire.BacktestState.Cancelled;
        try
        {
            await responseStream.WriteAsync(new Wire.BacktestResponse
            {
                RequestId = first.RequestId,
                Started = new Wire.BacktestStarted { RunId = run.RunId, AccountId = run.AccountId, Steps = run.Steps, Step = run.Step },
            }, token);
            state = await StepAsync(run, requestStream, responseStream, token);
            await WriteEventsAsync(run, run.CloseAtEnd(), responseStream, token);
        }
        catch (OperationCanceledException) when (run.Cancelled.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, $"backtest {run.RunId} was cancelled (Backtests/CancelBacktest)"));
        }
        finally
        {
            var report = run.Finish(state);
            if (state == Wire.BacktestState.Finished)
            {
                await responseStream.WriteAsync(new Wire.BacktestResponse { Finished = report }, token);
            }
        }
    }

    public override Task<Wire.ListBacktestsResponse> ListBacktests(Wire.ListBacktestsRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var response = new Wire.ListBacktestsResponse();
        response.Backtests.AddRange(registry.Visible(caller.KeyId, caller.IsAdmin).Select(run => run.Info()));
        return Task.FromResult(response);
    }

    public override Task<Wire.BacktestInfo> CancelBacktest(Wire.CancelBacktestRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var run = registry.Find(request.RunId, caller.KeyId, caller.IsAdmin) ?? throw Outcomes.NotFound($"no backtest {request.RunId}");
        run.Cancel();
        return Task.FromResult(run.Info());
    }

    public override Task<Wire.BacktestReport> GetBacktestReport(Wire.GetBacktestReportRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var run = registry.Find(request.RunId, caller.KeyId, caller.IsAdmin) ?? throw Outcomes.NotFound($"no backtest {request.RunId} (runs are kept in memory: TradingCore:Backtests:KeepFinished)");
        var report = run.Report()?.Clone() ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"backtest {run.RunId} is still running"));
        report.Csv = BacktestRenderer.Csv(report);
        report.Html = BacktestRenderer.Html(report, run.EquityCurve());
        return Task.FromResult(report);
    }

    /// <summary>Steps until the data ends (FINISHED) or the caller completes its stream (FINISHED, over what ran).</summary>
    private async Task<Wire.BacktestState> StepAsync(BacktestRun run, IAsyncStreamReader<Wire.BacktestRequest> requests, IServerStreamWriter<Wire.BacktestResponse> responses, CancellationToken token)
    {
        for (var index = 1L; run.Advance() is { } advanced; index++)
        {
            await WriteEventsAsync(run, [.. run.TakeOutOfBand(), .. advanced.Events], responses, token);
            var step = new Wire.BacktestStep { Index = index, TimeMs = run.NowMs, Tick = TickMapper.ToProto(advanced.Step.Ticks[^1]), Bar = advanced.Step.Bar, Account = run.Account() };
            step.Positions.AddRange(run.Positions());
            await responses.WriteAsync(new Wire.BacktestResponse { Step = step }, token);
            while (true)
            {
                if (!await requests.MoveNext(token))
                {
                    return Wire.BacktestState.Finished;
                }

                var request = requests.Current;
                if (request.RequestCase == Wire.BacktestRequest.RequestOneofCase.Advance)
                {
                    break;
                }

                await WriteEventsAsync(run, run.TakeOutOfBand(), responses, token);

                var (result, events) = Decide(run, request);
                result.ClientOrderId = result.ClientOrderId.Length > 0 ? result.ClientOrderId : ClientOrderId(request);
                await responses.WriteAsync(new Wire.BacktestResponse { RequestId = request.RequestId, Ack = result }, token);
                await WriteEventsAsync(run, events, responses, token);
            }
        }

        return Wire.BacktestState.Finished;
    }

    /// <summary>Decides one trade request at the step's time; a malformed one is INVALID (the run goes on).</summary>
    private (Wire.TradeResult Result, IReadOnlyList<EngineEvent> Events) Decide(BacktestRun run, Wire.BacktestRequest request)
    {
        try
        {
            Func<Engine.Core.EngineCore, long, TradeOutcome> command;
            switch (request.RequestCase)
            {
                case Wire.BacktestRequest.RequestOneofCase.Submit:
                    var order = OrderRequests.Submit(ForRun(request.Submit, run, "submit"), catalog, "submit.");
                    command = (core, nowMs) => core.Submit(order, nowMs);
                    break;
                case Wire.BacktestRequest.RequestOneofCase.Modify:
                    var modify = OrderRequests.Modify(ForRun(request.Modify, run, "modify"), "modify.");
                    command = (core, nowMs) => core.Modify(modify, nowMs);
                    break;
                case Wire.BacktestRequest.RequestOneofCase.Cancel:
                    var cancel = OrderRequests.Cancel(ForRun(request.Cancel, run, "cancel"), "cancel.");
                    command = (core, nowMs) => core.Cancel(cancel, nowMs);
                    break;
                case Wire.BacktestRequest.RequestOneofCase.Close:
                    var close = PositionRequests.Close(ForRun(request.Close, run, "close"));
                    command = (core, nowMs) => core.ClosePosition(close, nowMs);
                    break;
                case Wire.BacktestRequest.RequestOneofCase.ModifyPosition:
                    var modifyPosition = PositionRequests.Modify(ForRun(request.ModifyPosition, run, "modify_position"));
                    command = (core, nowMs) => core.ModifyPosition(modifyPosition, nowMs);
                    break;
                case Wire.BacktestRequest.RequestOneofCase.Start:
                    throw FieldErrors.Single("start", "is the first message only");
                default:
                    throw FieldErrors.Single("request", "is empty: send submit, modify, cancel, close, modify_position or advance");
            }

            var (outcome, events) = run.Execute(command);
            return (ResultMapper.ToProto(outcome), events);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.InvalidArgument)
        {
            return (new Wire.TradeResult { Retcode = Wire.TradeRetcode.Invalid, Message = error.Status.Detail }, []);
        }
    }

    /// <summary>The request on the run's account: it names the run's account or none (0 = the run's).</summary>
    private static T ForRun<T>(T request, BacktestRun run, string field)
        where T : Google.Protobuf.IMessage<T>
    {
        var accountId = request.Descriptor.FindFieldByName("account_id");
        if ((long)accountId.Accessor.GetValue(request) is var given && given != 0 && given != run.AccountId)
        {
            throw FieldErrors.Single($"{field}.account_id", $"is the run's account {run.AccountId} (or 0)");
        }

        var copy = request.Clone();
        accountId.Accessor.SetValue(copy, run.AccountId);
        return copy;
    }

    private static string ClientOrderId(Wire.BacktestRequest request) => request.RequestCase switch
    {
        Wire.BacktestRequest.RequestOneofCase.Submit => request.Submit.ClientOrderId,
        _ => "",
    };

    private static async Task WriteEventsAsync(BacktestRun run, IReadOnlyList<EngineEvent> events, IServerStreamWriter<Wire.BacktestResponse> responses, CancellationToken token)
    {
        foreach (var engineEvent in events)
        {
            if (engineEvent.AccountId == run.AccountId)
            {
                await responses.WriteAsync(new Wire.BacktestResponse { Event = TradeEventMapper.ToProto(engineEvent) }, token);
            }
        }
    }
}
