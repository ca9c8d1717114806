using TradingCore.Contracts.V1;
using WireDecimal = TradingCore.Contracts.V1.Decimal;

namespace TradingCore.Testing;

/// <summary>Request builders for tests.</summary>
internal static class Wire
{
    public static WireDecimal D(decimal value) => WireDecimal.FromDecimal(value);

    public static SubmitOrderRequest Market(OrderType type, decimal volume, string clientOrderId, string symbol = "EURUSD", long account = CoreServer.DemoAccount) => new()
    {
        AccountId = account,
        ClientOrderId = clientOrderId,
        Symbol = symbol,
        Type = type,
        Volume = D(volume),
    };

    public static async Task<T> Within<T>(Task<T> task, int seconds = 15) => await task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
