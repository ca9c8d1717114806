namespace TradingCore.Persistence;

/// <summary>This core does not (or no longer) hold the store's lease: it must not commit anything.</summary>
internal sealed class LeaseLostException : InvalidOperationException
{
    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
