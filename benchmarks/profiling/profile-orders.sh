#!/bin/bash
# Per-stage CPU breakdown of an order (docs/benchmarks.md): starts a Release core on fresh data with perf maps,
# warms it up with the harness's `drive` load, then records 10 s of `perf record -g` in the middle of a 22 s drive
# and attributes the samples to stages (stages.py), in % and in µs of the server CPU per order measured meanwhile.
#
#   benchmarks/profiling/profile-orders.sh [unary|bidi|rate:N] [Sqlite|None] [more core settings...]
#
# Needs perf (Debian: linux-perf) and `dotnet build -c Release src/TradingCore benchmarks/TradingCore.LoadHarness`.
set -euo pipefail
mode=${1:-unary}; writer=${2:-Sqlite}; shift $(( $# < 2 ? $# : 2 ))
source "$(dirname "$0")/core.sh"
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start_core --TradingCore:Persistence:Writer="$writer" "$@"
profile_drive "$mode" 12
orders=$(grep -o '^[0-9,]*' "$work/drive.log" | tr -d ,)
per_order=$(( cpu_ticks * 10000 * 100 / (orders * 22 * $(getconf CLK_TCK)) ))
echo "$(cat "$work/drive.log"); server CPU $per_order µs per order (core $writer, $mode); perf data in $work/perf.data"
perf script -i "$work/perf.data" 2>/dev/null | python3 "$root/benchmarks/profiling/stages.py" "$per_order"
