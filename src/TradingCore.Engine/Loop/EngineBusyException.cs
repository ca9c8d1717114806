namespace TradingCore.Engine.Loop;

/// <summary>The engine's input stayed full for the whole admission timeout; the command was not queued.</summary>
public sealed class EngineBusyException(string message) : Exception(message);
