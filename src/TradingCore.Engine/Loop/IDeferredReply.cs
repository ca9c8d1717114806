namespace TradingCore.Engine.Loop;

/// <summary>
/// A command reply held back until the events the command produced are durable. The persistence writer calls
/// <see cref="Release"/> after its transaction commits, or <see cref="Fail"/> when it cannot commit.
/// </summary>
public interface IDeferredReply
{
    void Release();

    void Fail(Exception error);
}
