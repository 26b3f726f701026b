#!/usr/bin/env bash
# Throughput of a public page with visitor counting on and off, in the same run.
#
# Two gunicorn servers on 127.0.0.1 (spare ports) share PostgreSQL
# (dolisa_stats_bench) and Redis (index 7); they differ only in the counting
# middleware (bench/stats_settings_off.py removes it). wrk loads them in
# rounds that load both at once, so that whatever else runs on the machine
# slows both alike; medians of the rounds' figures are compared: requests
# per second, and the CPU time the app workers and Redis spend per request
# (the flusher's CPU time is added to the counting side). The counting's own
# CPU time is also measured in isolation (bench/stats_cost.py) and set
# against the page's. A flusher calls flush() every 10 s meanwhile, as the production
# timer would. Needs: wrk (apt-get install wrk), createdb.
#
#   bash bench/stats_bench.sh [PATH] [ROUNDS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

PAGE=${1:-/}
ROUNDS=${2:-12}
SECONDS_PER_RUN=${3:-8}
CONNECTIONS=4
DB=dolisa_stats_bench
OUT=var/bench-stats
mkdir -p "$OUT"

export DOLISA_ENV_FILE=/dev/null
export SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz
export DEBUG=off SECURE_SSL_REDIRECT=off SERVE_MEDIA=off LOG_LEVEL=WARNING
export ALLOWED_HOSTS=127.0.0.1 TRUSTED_PROXY_COUNT=1
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export REDIS_URL=redis://127.0.0.1:6379/7
export STATIC_ROOT=$PWD/$OUT/static
export PYTHONPATH=$PWD/bench

psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" postgres | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres "$DB"
redis-cli -n 7 flushdb >/dev/null
.venv/bin/python manage.py migrate --verbosity 0
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py setup_demo >/dev/null

spare_port() { .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT_ON=$(spare_port)
PORT_OFF=$(spare_port)
WORKERS=${WORKERS:-2}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

DJANGO_SETTINGS_MODULE=dolisa_site.settings .venv/bin/gunicorn dolisa_site.wsgi:application \
  --bind 127.0.0.1:$PORT_ON --workers "$WORKERS" --log-level warning >"$OUT/gunicorn-on.log" 2>&1 &
MASTER_ON=$!
pids+=($!)
DJANGO_SETTINGS_MODULE=stats_settings_off .venv/bin/gunicorn dolisa_site.wsgi:application \
  --bind 127.0.0.1:$PORT_OFF --workers "$WORKERS" --log-level warning >"$OUT/gunicorn-off.log" 2>&1 &
MASTER_OFF=$!
pids+=($!)
# One long-lived flusher (a new Django process every 10 s would itself load the machine).
.venv/bin/python manage.py shell -c "
import time
from stats.flush import flush
while True:
    flush()
    time.sleep(10)
" >"$OUT/flush.log" 2>&1 &
FLUSHER=$!
pids+=($!)

for port in "$PORT_ON" "$PORT_OFF"; do
  for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port$PAGE" && break; sleep 0.2; done
  curl -fs -o /dev/null -H 'User-Agent: Mozilla/5.0 Chrome/131.0' "http://127.0.0.1:$port$PAGE"  # warm caches
done
.venv/bin/python manage.py flush_stats --verbosity 0
before=$(psql -h 127.0.0.1 -U postgres -tAc "SELECT COALESCE(SUM(page_views), 0) FROM stats_dailystat" "$DB")

# CPU time (clock ticks) used so far by some processes. Other programs on a
# busy machine change the wall-clock throughput a lot from one run to the
# next, but hardly the CPU time each request costs.
ticks() { for pid in "$@"; do sed 's/.*) //' "/proc/$pid/stat"; done | awk '{sum += $12 + $13} END {print sum}'; }
workers() { pgrep -P "$1" | tr '\n' ' '; }
REDIS_PID=$(pgrep -x redis-server | head -1)

load() {  # load LABEL PORT: wrk against one server
  wrk -t1 -c"$CONNECTIONS" --timeout 10s -d"${SECONDS_PER_RUN}s" -s bench/stats_visitors.lua "http://127.0.0.1:$2$PAGE" >"$OUT/wrk-$1.txt"
}
result() {  # result LABEL CPU_TICKS -> "requests/s CPU-ms-per-request"
  if grep -qE "Non-2xx|timeout [1-9]" "$OUT/wrk-$1.txt"; then echo "errors or timeouts, see $OUT/wrk-$1.txt" >&2; exit 1; fi
  awk -v cpu="$2" -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {n = $1} /Requests\/sec/ {rps = $2} END {printf "%s %.3f\n", rps, 1000 * cpu / hz / n}' "$OUT/wrk-$1.txt"
}

on=() off=()
counted_requests=0
for round in $(seq "$ROUNDS"); do
  # Both servers under load at the same time: whatever else the machine does
  # slows both alike, and the scheduler shares the CPUs between them, so the
  # throughput ratio of a round reflects what each request costs.
  on_pids="$(workers "$MASTER_ON")" off_pids="$(workers "$MASTER_OFF")"
  on_before=$(ticks $on_pids) off_before=$(ticks $off_pids) redis_before=$(ticks "$REDIS_PID")
  load "off-$round" "$PORT_OFF" & wrk_off=$!
  load "on-$round" "$PORT_ON" & wrk_on=$!
  wait "$wrk_off" "$wrk_on"
  redis_ticks=$(($(ticks "$REDIS_PID") - redis_before))
  # Redis serves both: its time is split by request counts (bench/stats_cost.py
  # measures the counting's own Redis time).
  n_on=$(awk '/requests in/ {print $1}' "$OUT/wrk-on-$round.txt")
  n_off=$(awk '/requests in/ {print $1}' "$OUT/wrk-off-$round.txt")
  off+=("$(result "off-$round" $(($(ticks $off_pids) - off_before + redis_ticks * n_off / (n_on + n_off))))")
  on+=("$(result "on-$round" $(($(ticks $on_pids) - on_before + redis_ticks * n_on / (n_on + n_off))))")
  counted_requests=$((counted_requests + n_on))
  echo "round $round: off ${off[-1]}, on ${on[-1]}  (req/s, CPU ms per request)"
done
.venv/bin/python manage.py flush_stats --verbosity 0
flusher_ticks=$(ticks "$FLUSHER")
after=$(psql -h 127.0.0.1 -U postgres -tAc "SELECT COALESCE(SUM(page_views), 0) FROM stats_dailystat" "$DB")
isolated=$(.venv/bin/python bench/stats_cost.py 20000 | tee "$OUT/cost.txt" | awk '/^total/ {print $2}')

.venv/bin/python - "$(printf '%s\n' "${off[@]}")" "$(printf '%s\n' "${on[@]}")" "$counted_requests" "$((after - before))" "$CONNECTIONS" \
  "$flusher_ticks" "$(getconf CLK_TCK)" "$isolated" <<'PY'
import statistics
import sys

off = [[float(value) for value in line.split()] for line in sys.argv[1].splitlines()]
on = [[float(value) for value in line.split()] for line in sys.argv[2].splitlines()]
requests, counted, connections = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
flusher_ms = 1000 * int(sys.argv[6]) / int(sys.argv[7]) / max(counted, 1)
isolated_ms = float(sys.argv[8])
rps_off, rps_on = statistics.median(r for r, _ in off), statistics.median(r for r, _ in on)
ratios = [b[0] / a[0] for a, b in zip(off, on)]
quartiles = statistics.quantiles(ratios, n=4)
cpu_off, cpu_on = statistics.median(c for _, c in off), statistics.median(c for _, c in on) + flusher_ms
print(f"wall clock: median off {rps_off:.1f} req/s, on {rps_on:.1f} req/s")
print(f"  on/off throughput per round: median {statistics.median(ratios):.3f} (quartiles {quartiles[0]:.3f}-{quartiles[2]:.3f})")
wall_cost = 100 * (1 - statistics.median(ratios))
print(f"  throughput cost of counting, wall clock: {wall_cost:.1f}%")
print(f"CPU per request (app workers + Redis): median off {cpu_off:.2f} ms, on {cpu_on:.2f} ms")
# Throughput the CPUs allow is inversely proportional to the CPU per request.
print(f"  throughput cost of counting, from CPU per request: {100 * (1 - cpu_off / cpu_on):.1f}%")
# The counting's own CPU time, measured in isolation (bench/stats_cost.py)
# plus the flusher's share, against the page's CPU time: the figure a
# shared machine cannot blur.
cost = 100 * (isolated_ms + flusher_ms) / (cpu_off + isolated_ms + flusher_ms)
print(f"counting in isolation: {isolated_ms:.3f} ms + flusher {flusher_ms:.3f} ms CPU per page view")
print(f"counting in isolation costs {cost:.2f}% of the page's CPU time")
print(f"requests answered with counting on: {requests}; page views counted: {counted}")
# wrk stops each run with up to one request per connection in flight: the
# server may finish and count those after wrk has stopped counting.
if not requests <= counted <= requests + connections * len(on):
    sys.exit("the counted page views do not match the requests answered")
if wall_cost >= 5 or cost >= 5:
    sys.exit("counting costs 5% or more")
PY
