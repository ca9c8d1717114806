namespace TradingCore.Engine.Loop;

/// <summary>
/// The engine could not compute a command (a value beyond what its arithmetic can represent, or a check that
/// failed before the command changed anything) and refused it; the state is unchanged and the engine goes on.
/// Services answer INVALID_ARGUMENT.
/// </summary>
public sealed class EngineRefusedException(string message, Exception? inner = null) : Exception(message, inner);
