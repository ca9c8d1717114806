namespace TradingCore.Engine.Loop;

/// <summary>
/// A command reply held back until the events the command produced are durable. The persistence writer calls
/// <see cref="Release"/> after its transaction commits, or <see cref="Fail"/> when it cannot commit.
/// </summary>
public interface IDeferredReply
{
    /// <summary>The events are durable: answer the caller.</summary>
    void Release();

    /// <summary>The events could not be stored: fail the caller with <paramref name="error"/>.</summary>
    void Fail(Exception error);
}
