namespace TradingCore.Testing;

/// <summary>
/// The one way tests wait for something that happens on another thread or process: poll the condition (no fixed
/// sleeps), fail with a clear message after the timeout.
/// </summary>
internal static class Poll
{
    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {seconds} s");
            await Task.Delay(10);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static Task Eventually(Func<bool> condition, int seconds = 15) => Eventually(() => Task.FromResult(condition()), seconds);
}
