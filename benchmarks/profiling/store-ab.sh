#!/bin/bash
# Needs a PostgreSQL server on 127.0.0.1:55440 (superuser trading, trust), e.g. as user postgres:
#   initdb -D /tmp/pgb/data -A trust -U trading && pg_ctl -D /tmp/pgb/data -o "-p 55440 -k /tmp/pgb -c listen_addresses=127.0.0.1" -l /tmp/pgb/log start
# and the Release builds of src/TradingCore and benchmarks/TradingCore.LoadHarness.
# usage: benchmarks/profiling/store-ab.sh <label> <store sqlite|pg> <mode unary|bidi|rate:N>: fresh store + core, 10 s warm-up, 20 s measured; core and postgres CPU per order
label=$1; store=$2; mode=$3; shift 3
ROOT=$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)
mkdir -p /tmp/prof; cd /tmp/prof; pkill -f "TradingCore.dll --urls http://127.0.0.1:51000"; sleep 1
rm -rf data-$label; mkdir -p data-$label
extra=()
if [ "$store" = pg ]; then
  psql -q -h 127.0.0.1 -p 55440 -U trading -d postgres -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
  extra=(--TradingCore:Persistence:Provider=PostgreSql "--TradingCore:Persistence:ConnectionString=Host=127.0.0.1;Port=55440;Database=bench;Username=trading")
fi
(cd $ROOT/src/TradingCore/bin/Release/net10.0 && exec dotnet TradingCore.dll --urls http://127.0.0.1:51000 --TradingCore:HttpJson:Url= --TradingCore:Metrics:Url=http://127.0.0.1:51001 --TradingCore:DataDirectory=/tmp/prof/data-$label --TradingCore:Feed:Kind=Synthetic --TradingCore:Auth:RequestsPerSecond=10000000 --TradingCore:Auth:RequestBurst=10000000 --TradingCore:Auth:MaxStreamsPerKey=1000 --TradingCore:Streams:EventBuffer=1000000 --Logging:LogLevel:Default=Warning "${extra[@]}" "$@" > /tmp/prof/core-$label.log 2>&1 &)
sleep 6
H=$ROOT/benchmarks/TradingCore.LoadHarness/bin/Release/net10.0/TradingCore.LoadHarness.dll
dotnet $H drive http://127.0.0.1:51000 /tmp/prof/data-$label 10 $mode > /dev/null
PID=$(pgrep -f "TradingCore.dll --urls http://127.0.0.1:51000")
pgcpu() { local t=0; for p in $(pgrep -u postgres postgres); do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done; echo $t; }
T0=$(awk '{print $14+$15}' /proc/$PID/stat); P0=$(pgcpu)
R=$(dotnet $H drive http://127.0.0.1:51000 /tmp/prof/data-$label 20 $mode)
T1=$(awk '{print $14+$15}' /proc/$PID/stat); P1=$(pgcpu)
N=$(echo "$R" | grep -o "^[0-9,]*" | tr -d ,)
echo "$label: $R  core CPU $(( (T1-T0)*10000 / (N*20) )) µs/order, postgres CPU $(( (P1-P0)*10000 / (N*20) )) µs/order"
pkill -f "TradingCore.dll --urls http://127.0.0.1:51000"
