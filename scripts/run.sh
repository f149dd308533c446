#!/usr/bin/env bash
# Sets up and runs Drape on the embedded default (SQLite in ./data, blobs in ./data/blobs, port 8080).
# Extra arguments go to `drape serve` (e.g. --urls http://0.0.0.0:8080, --no-workers).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Drape.Server -c Release -nologo -clp:ErrorsOnly
drape=src/Drape.Server/bin/Release/net10.0/drape.dll
dotnet "$drape" models pull
dotnet "$drape" migrate
# The first run imports a labelled SAMPLE catalogue (drawn by Drape) so recommendations work offline.
if [ ! -f data/sample-catalog/.imported ]; then
  dotnet "$drape" catalog sample data/sample-catalog --count 300
  dotnet "$drape" catalog import data/sample-catalog/products.csv
  touch data/sample-catalog/.imported
fi
exec dotnet "$drape" serve "$@"
