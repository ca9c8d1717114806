#!/bin/bash
# Where a tick's server CPU goes at the fan-out maximum (the fanout group's "core, S sub, max rate"): starts a Release
# core on fresh data with perf maps and the harness as its MT5 terminal on the bridge, warms it up, then records 10 s
# of `perf record -g` in the middle of a 22 s run and prints the hottest symbols (self and with children).
#
#   benchmarks/profiling/profile-ticks.sh [subscribers, default 8] [more core settings...]
#
# Needs perf (Debian: linux-perf) and `dotnet build -c Release src/TradingCore benchmarks/TradingCore.LoadHarness`.
set -euo pipefail
subscribers=${1:-8}; shift $(( $# < 1 ? $# : 1 ))
source "$(dirname "$0")/core.sh"
bridge=$(free_port)
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start_core --TradingCore:Feed:Kind=Bridge \
  --TradingCore:Feed:Bridge:Listen="127.0.0.1:$bridge" --TradingCore:Feed:Bridge:Terminals:0:Login=900001 \
  --TradingCore:Feed:Bridge:Terminals:0:Secret=load-harness-secret-0123456789 "$@"
profile_drive "ticks:$subscribers@$bridge" 8
echo "$(cat "$work/drive.log"); server CPU $(( cpu_ticks * 100 / $(getconf CLK_TCK) / 22 ))% of one core; perf data in $work/perf.data"
perf report -i "$work/perf.data" --no-children --sort sym --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -40
echo "--- with children"
perf report -i "$work/perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' | grep '%' | head -60
