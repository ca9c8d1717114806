using BenchmarkDotNet.Running;
using TradingCore.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(EngineTickBenchmarks).Assembly).Run(args);
