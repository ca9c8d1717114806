using TradingCore.Contracts.V1;
using WireDecimal = TradingCore.Contracts.V1.Decimal;

namespace TradingCore.Tests;

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

    /// <summary>Polls until <paramref name="condition"/> holds (no fixed sleeps), failing after the timeout.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {seconds} s");
            await Task.Delay(20);
        }
    }
}
