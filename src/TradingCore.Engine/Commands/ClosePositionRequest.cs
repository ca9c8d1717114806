namespace TradingCore.Engine.Commands;

/// <summary>Close a position fully or partly with an opposite market deal.</summary>
public sealed record ClosePositionRequest
{
    public required long AccountId { get; init; }

    public required ulong PositionTicket { get; init; }

    /// <summary>Lots to close; null = all.</summary>
    public decimal? Volume { get; init; }

    public required string ClientOrderId { get; init; }

    public uint DeviationPoints { get; init; }

    public decimal? Price { get; init; }

    public ulong Magic { get; init; }

    public string Comment { get; init; } = "";
}
