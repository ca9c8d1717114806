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
root=$(cd "$(dirname "$0")/../.." && pwd)
core=$root/src/TradingCore/bin/Release/net10.0
harness=$root/benchmarks/TradingCore.LoadHarness/bin/Release/net10.0/TradingCore.LoadHarness.dll
work=$(mktemp -d /tmp/tradingcore-steady-XXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
metrics=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$core" && DOTNET_gcServer=${GCSERVER:-0} exec dotnet TradingCore.dll \
  --urls "http://127.0.0.1:$port" --TradingCore:HttpJson:Url= --TradingCore:Metrics:Url="http://127.0.0.1:$metrics" \
  --TradingCore:DataDirectory="$work/data" --TradingCore:Feed:Kind=Synthetic \
  --TradingCore:Auth:RequestsPerSecond=10000000 --TradingCore:Auth:RequestBurst=10000000 \
  --TradingCore:Auth:MaxStreamsPerKey=1000 --Logging:LogLevel:Default=Warning "$@" > "$work/core.log" 2>&1) &
trap 'kill %1 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do [ -f "$work/data/bootstrap-credentials.json" ] && break; sleep 0.5; done
sleep 2
dotnet "$harness" drive "http://127.0.0.1:$port" "$work/data" 10 "rate:$rate" > /dev/null
curl -s "http://127.0.0.1:$metrics/metrics" > "$work/before.txt"
dotnet "$harness" drive "http://127.0.0.1:$port" "$work/data" 60 "rate:$rate"
curl -s "http://127.0.0.1:$metrics/metrics" > "$work/after.txt"
python3 "$root/benchmarks/profiling/histogram-diff.py" "$work/before.txt" "$work/after.txt"
echo "scrapes and core log in $work"
