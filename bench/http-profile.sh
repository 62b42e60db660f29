#!/usr/bin/env bash
# The HTTP benchmark with a look inside: pg_stat_statements over the throughput phase (statements
# per command), CPU seconds of the app and of PostgreSQL, and a dotnet-trace CPU profile of the app
# during the throughput phase, summarized by bench/speedscope-summary.py.
#   bash bench/http-profile.sh [APP_CHECKOUT] [SECONDS] [PORT] [OUT_DIR]
set -euo pipefail
bench_root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${2:-20}"
out="${4:-$(mktemp -d /tmp/trialops-profile.XXXXXX)}"
mkdir -p "$out"
export TRIALOPS_BENCH_STATEMENTS=1
export TRIALOPS_BENCH_PGCONF="shared_preload_libraries = 'pg_stat_statements'"
trace="${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}"

bash "$bench_root/bench/http.sh" "${1:-$bench_root}" "$seconds" "${3:-5099}" >"$out/bench.txt" 2>"$out/bench.err" &
bench=$!
until grep -q "throughput phase starts" "$out/bench.err" 2>/dev/null; do
  kill -0 $bench 2>/dev/null || { cat "$out/bench.err"; exit 1; }
  sleep 0.5
done
pid="$(sed -n 's/.*app pid \([0-9]*\).*/\1/p' "$out/bench.err" | head -n 1)"
"$trace" collect -p "$pid" --profile dotnet-sampled-thread-time --format Speedscope -o "$out/app.nettrace" \
  --duration "00:00:00:$(printf '%02d' $((seconds - 4)))" >"$out/trace.log" 2>&1 || true
wait $bench
cat "$out/bench.txt"
speedscope="$(ls "$out"/*.speedscope.json 2>/dev/null | head -n 1)"
[ -n "$speedscope" ] && python3 "$bench_root/bench/speedscope-summary.py" "$speedscope" 45 >"$out/profile.txt"
echo "profile: $out/profile.txt"
