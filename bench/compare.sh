#!/usr/bin/env bash
# One route of two source trees side by side: each served in turn by gunicorn (2 workers,
# production settings) on the database bench/load.sh seeded, driven by wrk (4 connections),
# each run against the stack's ceiling measured just before it, the trees alternating for
# ROUNDS rounds. For a shared machine whose speed moves within the hour: a before/after pair
# measured minutes apart is comparable where two bench/load.sh runs hours apart are not.
# Prints per run: req/s, the share of the ceiling, p50, p99, and the CPU per request of the
# workers and of PostgreSQL's backends apart.
#
#   bench/load.sh                                     # seeds intake_load (and the sessions)
#   git worktree add --detach ../before <rev> && (cd ../before && make translations)
#   bench/compare.sh ../before .                      # the questionnaire step
#   ROUTE=get-staff ROUTE_PATH=/coordinator/ bench/compare.sh ../before .    # the inbox
#
# Staff sessions end after STAFF_IDLE_TIMEOUT (30 min): seed again before comparing the inbox.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
LOAD_DB="${LOAD_DB:-intake_load}" ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-6s}"
ROUTE="${ROUTE:-get-company}" ROUTE_PATH="${ROUTE_PATH:-/company/questionnaire/digitalisation}"
APP_PORT="${APP_PORT:-18767}" CEILING_PORT="${CEILING_PORT:-18768}"
BIN="$PWD/.venv/bin" HERE="$PWD"
[ $# -eq 2 ] || { echo "usage: bench/compare.sh BEFORE_TREE AFTER_TREE" >&2; exit 2; }
[ -f bench/.load/sessions.lua ] || { echo "run bench/load.sh first" >&2; exit 2; }
export MATCHER_DIR="$PWD/bench/.load/matcher"

ticks() {  # CPU ticks used so far by these processes
  local total=0 pid u s
  for pid in $1; do
    read -r u s < <(awk '{print $14, $15}' "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + u + s))
  done
  echo "$total"
}
wrk_json() { wrk -t1 -c4 -d"$DURATION" --timeout 10s -s bench/load.lua "$@" | tail -1; }

"$BIN/gunicorn" bench.ceiling_app:app --workers 2 --bind "127.0.0.1:$CEILING_PORT" \
  --error-logfile /dev/null &
ceiling=$!
trap 'kill $ceiling 2>/dev/null || true' EXIT
for round in $(seq "$ROUNDS"); do
  for tree in "$1" "$2"; do
    (cd "$tree" && INTAKE_ENV=production BASE_URL="http://127.0.0.1:$APP_PORT" \
      SECRET_KEY="load-test-secret-key-0123456789-abcdefghijklmnop" PYTHONPATH="$PWD" \
      DATABASE_URL="postgresql+psycopg://$PGUSER@$PGHOST:${PGPORT:-5432}/$LOAD_DB" \
      RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/9" exec "$BIN/gunicorn" \
      -c python:intake.serving.gunicorn wsgi:app --workers 2 --bind "127.0.0.1:$APP_PORT" \
      --error-logfile /dev/null) &
    app=$!
    for _ in $(seq 60); do curl -sf "http://127.0.0.1:$APP_PORT/readyz" >/dev/null && break; sleep 0.5; done
    wrk -t1 -c2 -d2s -s bench/load.lua "http://127.0.0.1:$APP_PORT" -- "$ROUTE" "$ROUTE_PATH" >/dev/null
    top=$(wrk_json "http://127.0.0.1:$CEILING_PORT" -- get-anon /)
    workers=$(pgrep -P "$app" | tr '\n' ' ')
    backends=$(pgrep -f "postgres: .*$LOAD_DB 127" | tr '\n' ' ' || true)
    w0=$(ticks "$workers") p0=$(ticks "$backends")
    run=$(wrk_json "http://127.0.0.1:$APP_PORT" -- "$ROUTE" "$ROUTE_PATH")
    w1=$(ticks "$workers") p1=$(ticks "$backends")
    kill "$app"; wait "$app" 2>/dev/null || true
    "$BIN/python" - "$tree" "$top" "$run" $((w1 - w0)) $((p1 - p0)) <<'PY'
import json, os, sys
tree, ceiling, run = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
tick_ms, n = 1000 / os.sysconf("SC_CLK_TCK"), max(1, run["requests"])
print(f"{tree:24} ceiling {ceiling['rps']:7.0f}  route {run['rps']:6.0f} req/s  "
      f"{100 * run['rps'] / ceiling['rps']:5.1f}%  p50 {run['p50_ms']:6.1f}  p99 {run['p99_ms']:6.1f}"
      f"  worker CPU {int(sys.argv[4]) * tick_ms / n:5.2f} ms  PostgreSQL {int(sys.argv[5]) * tick_ms / n:5.2f} ms"
      f"  statuses {run['statuses']}")
PY
  done
done
cd "$HERE"
