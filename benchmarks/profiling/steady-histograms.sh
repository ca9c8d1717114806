#!/bin/bash
# The steady run seen from inside the core (docs/benchmarks.md): starts a Release core on fresh data (workstation GC,
# as the load harness starts cores), warms it up for 10 s at 500 orders/s open loop with the harness's `drive`, scrapes
# its Prometheus endpoint, drives 60 s more at 500/s, scrapes again, and prints for every histogram how many
# observations of the 60 s fell over 5, 10, 25 and 50 ms, plus the GC collections and pause time meanwhile.
#
#   benchmarks/profiling/steady-histograms.sh [rate] [more core settings...]
#
# Needs `dotnet build -c Release src/TradingCore benchmarks/TradingCore.LoadHarness`. GCSERVER=1 runs the core with server GC.
set -euo pipefail
rate=${1:-500}; shift $(( $# < 1 ? $# : 1 ))
source "$(dirname "$0")/core.sh"
DOTNET_gcServer=${GCSERVER:-0} start_core "$@"
dotnet "$harness" drive "http://127.0.0.1:$port" "$work/data" 10 "rate:$rate" > /dev/null
curl -s "http://127.0.0.1:$metrics/metrics" > "$work/before.txt"
dotnet "$harness" drive "http://127.0.0.1:$port" "$work/data" 60 "rate:$rate"
curl -s "http://127.0.0.1:$metrics/metrics" > "$work/after.txt"
python3 "$root/benchmarks/profiling/histogram-diff.py" "$work/before.txt" "$work/after.txt"
echo "scrapes and core log in $work"
