namespace TradingCore.Mt5Feed.Replay;

/// <summary>An MT5 export file does not have the expected format; the message names the line and the field.</summary>
public sealed class Mt5FormatException(string message) : FormatException(message);
