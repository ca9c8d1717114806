namespace TradingCore.Engine.Loop;

/// <summary>The engine is not running (starting, stopped, or halted after a persistence failure).</summary>
public sealed class EngineUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
