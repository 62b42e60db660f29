#!/usr/bin/env bash
# HTTP benchmark (DESIGN.md §8) against one build of TrialOps: this checkout, or the checkout given
# as $1 (to measure the build before a change on the same machine in the same hour).
#   bash bench/http.sh [APP_CHECKOUT] [SECONDS] [PORT]
# PORT (default 5099) lets two engineers bench at once. The app's process id is written to
# $TRIALOPS_HOME/web.pid and the home is kept when TRIALOPS_BENCH_KEEP=1, for a profiler
# (`dotnet-trace collect -p PID`) or a look at the database afterwards.
# Uses a scratch TRIALOPS_HOME (embedded PostgreSQL), a 60-participant demo trial, a DataEntry
# user's API token, and the web app on 127.0.0.1:5099; prints the table rows of bench/README.md.
set -euo pipefail
bench_root="$(cd "$(dirname "$0")/.." && pwd)"
app_root="$(cd "${1:-$bench_root}" && pwd)"
seconds="${2:-20}"
export TRIALOPS_HOME="$(mktemp -d /tmp/trialops-http.XXXXXX)"
url="http://127.0.0.1:${3:-5099}"

dotnet build "$app_root/src/TrialOps.Cli" -c Release -v q >/dev/null
dotnet build "$app_root/src/TrialOps.Web" -c Release -v q >/dev/null
dotnet build "$bench_root/bench/TrialOps.Bench" -c Release -v q >/dev/null
cli() { dotnet "$app_root/src/TrialOps.Cli/bin/Release/net10.0/trialops.dll" "$@"; }

cli demo --protocol "$app_root/seed/KET-NP-01.json" --participants 60 --seed 5 >/dev/null
echo 'bench-password-0001' | cli users add bench.nurse --role DataEntry --site S01 --site S02 --password-stdin >/dev/null
token="$(cli users token bench.nurse | tail -n 1)"

if [ -n "${TRIALOPS_BENCH_PGCONF:-}" ]; then
  # Extra server settings for a look inside (e.g. pg_stat_statements); the app restarts the cluster.
  printf '%s\n' "$TRIALOPS_BENCH_PGCONF" >>"$TRIALOPS_HOME/pgdata/postgresql.conf"
fi
(cd "$app_root/src/TrialOps.Web" && exec dotnet bin/Release/net10.0/TrialOps.Web.dll --urls "$url") >"$TRIALOPS_HOME/web.log" 2>&1 &
app=$!
echo "$app" >"$TRIALOPS_HOME/web.pid"
echo "home: $TRIALOPS_HOME, app pid $app" >&2
# The app stops its embedded cluster when it exits; then the scratch home and its cluster folder go.
cleanup() {
  kill $app 2>/dev/null; wait $app 2>/dev/null || true
  if [ "${TRIALOPS_BENCH_KEEP:-0}" != 1 ]; then
    rm -rf "$(readlink -f "$TRIALOPS_HOME/pgdata")" "$TRIALOPS_HOME"
  fi
}
trap cleanup EXIT
for _ in $(seq 120); do
  curl -fs "$url/health" >/dev/null 2>&1 && break
  sleep 1
done

echo "build: $(git -C "$app_root" rev-parse --short HEAD), $(nproc) cores, $(date -u +%FT%TZ)"
TRIALOPS_BENCH_TOKEN="$token" dotnet "$bench_root/bench/TrialOps.Bench/bin/Release/net10.0/TrialOps.Bench.dll" "$seconds" http "$url"
