namespace TradingCore.Hosting;

/// <summary>Engine limits (TradingCore:Engine).</summary>
public sealed class EngineSettings
{
    /// <summary>Capacity of the engine input channel (ticks and commands).</summary>
    public int InputCapacity { get; set; } = 65_536;

    /// <summary>How long a command may wait for room in the engine input before RESOURCE_EXHAUSTED, ms.</summary>
    public int AdmissionTimeoutMs { get; set; } = 2_000;

    /// <summary>Working pending orders allowed per account (retcode 10033 beyond).</summary>
    public int MaxPendingOrdersPerAccount { get; set; } = 500;
}
