namespace TradingCore.Security;

/// <summary>Endpoint metadata: the endpoint serves authenticated callers only (<see cref="RequireCallerMiddleware"/>).</summary>
internal sealed class RequiresCaller
{
    public static readonly RequiresCaller Instance = new();

    private RequiresCaller()
    {
    }
}
