namespace TradingCore.Diagnostics;

/// <summary>Source-generated log messages of the host, with stable event ids (1xx hosting, 2xx feed, 3xx journal, 4xx engine, 5xx gRPC).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Trading Core listening on {Urls}; data directory {DataDirectory}; feed {Feed}")]
    public static partial void Started(ILogger logger, string urls, string dataDirectory, string feed);

    [LoggerMessage(107, LogLevel.Information, "Idempotency: {Count} client order ids left in storage at startup are in the filter of forgotten ids ({Bytes} bytes)")]
    public static partial void ForgottenIdsLoaded(ILogger logger, long count, long bytes);

    [LoggerMessage(108, LogLevel.Warning, "Idempotency: the filter of forgotten client order ids could not be loaded; ids the window lacks are looked up in storage")]
    public static partial void ForgottenIdsNotLoaded(ILogger logger, Exception error);

    [LoggerMessage(109, LogLevel.Critical, "Recovery failed; the core stops (exit code 1)")]
    public static partial void RecoveryFailed(ILogger logger, Exception error);

    [LoggerMessage(111, LogLevel.Warning, "Cleared EF Core's migration lock ({Rows} row) left by a core killed while it started; this core holds the data directory's lock, so no other process is migrating")]
    public static partial void StaleMigrationLockCleared(ILogger logger, int rows);

    [LoggerMessage(110, LogLevel.Information, "Heap settled after recovery: one full collection of {Milliseconds} ms, {LiveMegabytes} MB live")]
    public static partial void HeapSettled(ILogger logger, long milliseconds, long liveMegabytes);

    [LoggerMessage(101, LogLevel.Information, "Recovered state: {Accounts} accounts, {OpenOrders} working orders, {Positions} positions, last event sequence {Sequence}")]
    public static partial void Recovered(ILogger logger, int accounts, int openOrders, int positions, ulong sequence);

    [LoggerMessage(102, LogLevel.Information, "Created demo account {AccountId} ({Currency} {Balance}, 1:{Leverage}, {MarginMode})")]
    public static partial void DemoAccountCreated(ILogger logger, long accountId, string currency, decimal balance, int leverage, string marginMode);

    [LoggerMessage(103, LogLevel.Information, "Shutting down: feed stopped, engine drained, journal flushed ({Committed} steps committed this run)")]
    public static partial void Stopped(ILogger logger, long committed);

    [LoggerMessage(104, LogLevel.Information, "Account control applied to {AccountId}: trading state {State}, limits replaced {Limits}")]
    public static partial void AccountControlApplied(ILogger logger, long accountId, string state, bool limits);

    [LoggerMessage(105, LogLevel.Warning, "TradingCore:AccountControl:{Key} was not applied: {Reason}")]
    public static partial void AccountControlInvalid(ILogger logger, string key, string reason);

    [LoggerMessage(106, LogLevel.Warning, "First start: an admin key and a trader key for the demo account were written to {Path} (owner-only); move the secrets somewhere safe and delete the file")]
    public static partial void BootstrapCredentialsWritten(ILogger logger, string path);

    [LoggerMessage(107, LogLevel.Information, "First run, try it: {Hint}")]
    public static partial void FirstRunHint(ILogger logger, string hint);

    [LoggerMessage(200, LogLevel.Information, "Feed {Feed} started for {Symbols}")]
    public static partial void FeedStarted(ILogger logger, string feed, string symbols);

    [LoggerMessage(201, LogLevel.Information, "Feed {Feed} ended")]
    public static partial void FeedEnded(ILogger logger, string feed);

    [LoggerMessage(202, LogLevel.Error, "Feed {Feed} failed; no more ticks will arrive from it")]
    public static partial void FeedFailed(ILogger logger, string feed, Exception error);

    [LoggerMessage(203, LogLevel.Information, "Feed {Feed} is {State}: {Reason}")]
    public static partial void FeedStateChanged(ILogger logger, string feed, string state, string reason);

    [LoggerMessage(204, LogLevel.Warning, "Feed {Feed} refused data: {Reason}")]
    public static partial void FeedRejected(ILogger logger, string feed, string reason);

    [LoggerMessage(208, LogLevel.Warning, "Feed {Feed} refused a frame ({Kind}, {Count} so far; logged at 1, 2, 4, 8, ...): {Reason}")]
    public static partial void FeedFrameRefused(ILogger logger, string feed, string kind, long count, string reason);

    [LoggerMessage(209, LogLevel.Warning, "Engine did not apply a tick ({Reason}, {Count} so far; logged at 1, 2, 4, 8, ...)")]
    public static partial void EngineTickRejected(ILogger logger, string reason, long count);

    [LoggerMessage(210, LogLevel.Error, "Engine refused a command it could not compute (nothing changed; the engine goes on)")]
    public static partial void EngineCommandRefused(ILogger logger, Exception error);

    [LoggerMessage(211, LogLevel.Error, "Tick streams or bars failed on a tick (the tick is applied; the engine goes on)")]
    public static partial void TickSinkFailed(ILogger logger, Exception error);

    [LoggerMessage(213, LogLevel.Error, "Projecting the journal into the queryable tables failed; it is retried (history reads wait, nothing is lost)")]
    public static partial void ProjectionFailed(ILogger logger, Exception error);

    [LoggerMessage(212, LogLevel.Warning, "The last quotes could not be saved; the next save tries again")]
    public static partial void QuotesNotSaved(ILogger logger, Exception error);

    [LoggerMessage(206, LogLevel.Debug, "Feed {Feed} dropped a tick: {Reason}")]
    public static partial void FeedTickDropped(ILogger logger, string feed, string reason);

    [LoggerMessage(205, LogLevel.Information, "Feed {Feed} announced symbol {Symbol}; the catalog is updated")]
    public static partial void SymbolAnnounced(ILogger logger, string feed, string symbol);

    [LoggerMessage(214, LogLevel.Information, "Feed {Feed} announced symbol {Symbol}; an operator's specification is kept (Admin/ReleaseSymbol lets the feed's apply)")]
    public static partial void SymbolAnnouncementKept(ILogger logger, string feed, string symbol);

    [LoggerMessage(207, LogLevel.Error, "{Count} bars could not be stored; they are missing from history")]
    public static partial void BarsNotStored(ILogger logger, int count, Exception error);

    [LoggerMessage(220, LogLevel.Information, "MT5 login {Login}: terminal link {State} (AutoTrading {TradeAllowed}, {Currency})")]
    public static partial void Mt5Link(ILogger logger, long login, string state, bool tradeAllowed, string currency);

    [LoggerMessage(221, LogLevel.Warning, "MT5 login {Login}: order {Ticket} could not be sent (no connected v2 terminal); rejected with 10031")]
    public static partial void Mt5NotSent(ILogger logger, long login, ulong ticket);

    [LoggerMessage(222, LogLevel.Information, "MT5 login {Login}: {Report} {Key} {Outcome}")]
    public static partial void Mt5Report(ILogger logger, long login, string report, ulong key, string outcome);

    [LoggerMessage(223, LogLevel.Error, "MT5 login {Login}: a {Report} could not be applied; the terminal's next reconciliation brings it again")]
    public static partial void Mt5ReportFailed(ILogger logger, long login, string report, Exception error);

    [LoggerMessage(224, LogLevel.Information, "MT5 login {Login} reconciled: {Resolved} orders resolved, {Opened} positions opened and {Closed} closed to match MT5, balance moved by {Adjustment}; {Mismatches} differences left")]
    public static partial void Mt5Reconciled(ILogger logger, long login, int resolved, int opened, int closed, decimal adjustment, int mismatches);

    [LoggerMessage(225, LogLevel.Warning, "MT5 login {Login}: an order got no result within the routing timeout; the terminal is asked to sweep")]
    public static partial void Mt5SweepRequested(ILogger logger, long login);

    [LoggerMessage(226, LogLevel.Error, "MT5 login {Login}: after reconciliation the ledger does not add up: {Problem}")]
    public static partial void LedgerProblem(ILogger logger, long login, string problem);

    [LoggerMessage(300, LogLevel.Warning, "Journal commit failed (attempt {Attempt}); retrying")]
    public static partial void JournalRetry(ILogger logger, int attempt, Exception error);

    [LoggerMessage(301, LogLevel.Critical, "Journal commit failed for good; trading is halted and waiting replies fail")]
    public static partial void JournalFailed(ILogger logger, Exception error);

    [LoggerMessage(303, LogLevel.Warning, "Standby: another core holds the store's lease ({Holder}); waiting to take over")]
    public static partial void StandbyWaiting(ILogger logger, string holder);

    [LoggerMessage(304, LogLevel.Warning, "Took the store's lease (epoch {Epoch}) after waiting {WaitedMs} ms as a standby; recovering from the shared journal")]
    public static partial void LeaseTaken(ILogger logger, long epoch, long waitedMs);

    [LoggerMessage(305, LogLevel.Critical, "Lost the store's lease; trading is halted and the core stops (exit code 1) so that it can come back as a standby")]
    public static partial void LeaseLost(ILogger logger, Exception error);

    [LoggerMessage(306, LogLevel.Warning, "The projection of the journal into the tables is {Lag} events behind (bound {Bound}); new orders wait until it catches up")]
    public static partial void ProjectionHolding(ILogger logger, long lag, int bound);

    [LoggerMessage(307, LogLevel.Information, "The projection caught up after holding the journal for {HeldMs} ms; orders flow again")]
    public static partial void ProjectionCaughtUp(ILogger logger, long heldMs);

    [LoggerMessage(302, LogLevel.Critical, "TradingCore:Persistence:Writer=None: nothing is stored, acknowledged orders are lost on restart (benchmarks only)")]
    public static partial void JournalDiscarding(ILogger logger);

    [LoggerMessage(400, LogLevel.Critical, "The engine failed and halted; restart the service to recover from storage")]
    public static partial void EngineFaulted(ILogger logger, Exception error);

    [LoggerMessage(500, LogLevel.Error, "Unhandled error in {Method}; answered INTERNAL")]
    public static partial void UnhandledRpcError(ILogger logger, string method, Exception error);

    [LoggerMessage(501, LogLevel.Information, "The client of {Method} went away ({Reason}); the call ended")]
    public static partial void ClientGone(ILogger logger, string method, string reason);
}
