using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>Why a request was refused: an MT5 retcode and a sentence naming the rule.</summary>
internal readonly record struct Rejection(TradeRetcode Code, string Message);
