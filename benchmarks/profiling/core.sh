# Sourced by the profiling scripts: the Release builds' paths, a fresh work directory, two free loopback ports, and
# start_core, which starts a core on them (Synthetic feed, rate limits raised for one harness key, logging at
# Warning) with the caller's environment and extra settings, and returns once it wrote its first credentials; and
# profile_drive, which samples that core with perf under a harness load.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
core=$root/src/TradingCore/bin/Release/net10.0
harness=$root/benchmarks/TradingCore.LoadHarness/bin/Release/net10.0/TradingCore.LoadHarness.dll
work=$(mktemp -d /tmp/tradingcore-profile-XXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
metrics=$(free_port)

start_core() {
  (cd "$core" && exec dotnet TradingCore.dll \
    --urls "http://127.0.0.1:$port" --TradingCore:HttpJson:Url= --TradingCore:Metrics:Url="http://127.0.0.1:$metrics" \
    --TradingCore:DataDirectory="$work/data" --TradingCore:Feed:Kind=Synthetic \
    --TradingCore:Auth:RequestsPerSecond=10000000 --TradingCore:Auth:RequestBurst=10000000 \
    --TradingCore:Auth:MaxStreamsPerKey=1000 --Logging:LogLevel:Default=Warning "$@" > "$work/core.log" 2>&1) &
  trap 'kill %1 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do [ -f "$work/data/bootstrap-credentials.json" ] && break; sleep 0.5; done
  sleep 2
}

# Profiles the started core under the harness's `drive <mode>` ($1): a warm-up of $2 seconds, then 22 s of the same
# load with `perf record -g` sampling the 10 s in its middle. Sets pid and cpu_ticks (the core's CPU over the 22 s,
# in clock ticks); the drive's output is in $work/drive.log, the samples in $work/perf.data.
profile_drive() {
  pid=$(pgrep -f "TradingCore.dll --urls http://127.0.0.1:$port")
  dotnet "$harness" drive "http://127.0.0.1:$port" "$work/data" "$2" "$1" > /dev/null
  local before; before=$(awk '{print $14+$15}' "/proc/$pid/stat")
  dotnet "$harness" drive "http://127.0.0.1:$port" "$work/data" 22 "$1" > "$work/drive.log" &
  local drive=$!
  sleep 6
  perf record -F 1999 -g -p "$pid" -o "$work/perf.data" -- sleep 10 > /dev/null 2>&1
  wait "$drive"
  cpu_ticks=$(( $(awk '{print $14+$15}' "/proc/$pid/stat") - before ))
}
