#!/bin/sh
# Generates the Python modules of trading.v1 into ./gen, with the google.api and google.rpc protos they use
# (HTTP annotations; error details). Needs protoc and grpc_python_plugin (Debian/Ubuntu: apt-get install
# protobuf-compiler protobuf-compiler-grpc), or set PROTOC="python3 -m grpc_tools.protoc" with grpcio-tools.
# The google protos come from the Google.Api.CommonProtos NuGet package the .NET build restores; point
# GOOGLEAPIS_PROTOS elsewhere to use another copy.
# Usage: ./generate.sh [output directory, default ./gen]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-$here/gen}" && cd "${1:-$here/gen}" && pwd)
root=$(cd "$here/../../../.." && pwd)
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
common=${GOOGLEAPIS_PROTOS:-${packages%/}/google.api.commonprotos/2.17.0/content/protos}
if [ ! -f "$common/google/api/annotations.proto" ]; then
  echo "google/api protos not found in $common: run 'dotnet build' once (it restores them) or set GOOGLEAPIS_PROTOS" >&2
  exit 1
fi
rm -rf "${out:?}"/*
cd "$root/protos"
if [ -n "${PROTOC:-}" ]; then
  $PROTOC -I . -I "$common" --python_out="$out" --grpc_python_out="$out" \
    trading/v1/*.proto google/api/annotations.proto google/api/http.proto google/rpc/status.proto google/rpc/error_details.proto
else
  protoc -I . -I "$common" --python_out="$out" --grpc_python_out="$out" \
    --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
    trading/v1/*.proto google/api/annotations.proto google/api/http.proto google/rpc/status.proto google/rpc/error_details.proto
fi
echo "generated into $out"
