using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>One step of a run: the ticks to apply (oldest first) and, for bar steps, the bar they make up.</summary>
internal readonly record struct BacktestStepData(IReadOnlyList<Tick> Ticks, Wire.Bar? Bar);
