#!/usr/bin/env bash
# Reproduces every figure of docs/benchmarks.md on this machine: all BenchmarkDotNet micro-benchmarks, then every
# scenario of the end-to-end load harness against a Release build of the core. About 30 minutes on 2 cores (18:23-18:50 UTC on 2026-12-06).
# Results: BenchmarkDotNet.Artifacts/results (micro), docs/benchmarks/{results.json,summary.md,*.png} (harness).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/TradingCore.Benchmarks -- --job short --filter '*EngineTickBenchmarks*' '*EngineLoopBenchmarks*' '*OrderValidationBenchmarks*' '*BridgeFrameBenchmarks*' '*FanOutSerializationBenchmarks*' '*TickParserBenchmarks*' '*JournalBatchBenchmarks*'
dotnet run -c Release --project benchmarks/TradingCore.Benchmarks -- --filter '*JournalBenchmarks*' '*ProjectionIndexBenchmarks*'
dotnet build -c Release src/TradingCore
dotnet run -c Release --project benchmarks/TradingCore.LoadHarness -- all --seconds 10 --mixed-seconds 180 --gc-seconds 60
