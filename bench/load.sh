#!/usr/bin/env bash
# Load test: the app under gunicorn (2 workers) on PostgreSQL, driven by wrk on 127.0.0.1, next
# to the stack's ceiling (a bare Flask route rendering a 100-line template, same gunicorn, same
# run). Reports req/s, p50 and p99 per route, then checks that every save and submission the
# app accepted is in the database. Bounded: DURATION per route (default 10s), plus seeding.
#
#   bench/load.sh                          # database intake_load on 127.0.0.1 (emptied first)
#   LOAD_DB=mydb DURATION=20s CONNECTIONS=4 bench/load.sh
#
# Needs: .venv (make setup), wrk (apt-get install -y wrk), PostgreSQL at PGHOST (127.0.0.1)
# that PGUSER (postgres) may create databases on, Redis at 127.0.0.1:6379 (db 9).
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
LOAD_DB="${LOAD_DB:-intake_load}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-4}"
APP_PORT="${APP_PORT:-18765}"
CEILING_PORT="${CEILING_PORT:-18766}"
URL="postgresql+psycopg://${PGUSER}@${PGHOST}:${PGPORT:-5432}/${LOAD_DB}"
SECRET="load-test-secret-key-0123456789-abcdefghijklmnop"
BIN=.venv/bin
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

createdb "$LOAD_DB" 2>/dev/null || true
echo "Seeding $LOAD_DB (5,000 inbox companies, 600 companies to save into, 1,500 to submit) ..."
"$BIN/python" -m bench.load_seed "$URL" "$SECRET" 2>/dev/null | tail -1

LOGS="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$LOGS"; }
trap cleanup EXIT
INTAKE_ENV=production SECRET_KEY="$SECRET" BASE_URL="http://127.0.0.1:${APP_PORT}" \
  DATABASE_URL="$URL" RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/9" \
  "$BIN/gunicorn" wsgi:app --workers 2 --bind "127.0.0.1:${APP_PORT}" --timeout 30 \
  --error-logfile "$LOGS/app.log" &
pids+=($!)
"$BIN/gunicorn" bench.ceiling_app:app --workers 2 --bind "127.0.0.1:${CEILING_PORT}" \
  --error-logfile "$LOGS/ceiling.log" &
pids+=($!)
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:${APP_PORT}/readyz" >/dev/null && \
    curl -sf "http://127.0.0.1:${CEILING_PORT}/" >/dev/null && break
  sleep 0.5
done

run() {  # label, port, mode, path
  local label="$1" port="$2" mode="$3" path="${4:-/}"
  local line
  line=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/load.lua \
    "http://127.0.0.1:${port}" -- "$mode" "$path" | tail -1)
  printf '%s\t%s\n' "$label" "$line" >> "$LOGS/results.tsv"
}

# Warm-up: every worker loads its templates, and fits the matcher at its first submission.
for mode_path in "get-anon /" "get-company /company/questionnaire/digitalisation" \
                 "get-staff /coordinator/"; do
  set -- $mode_path
  wrk -t1 -c2 -d2s -s bench/load.lua "http://127.0.0.1:${APP_PORT}" -- "$1" "$2" >/dev/null
done
wrk -t1 -c2 -d2s -s bench/load.lua "http://127.0.0.1:${CEILING_PORT}" -- get-anon / >/dev/null

echo "Measuring, ${DURATION} per route, ${CONNECTIONS} connections, 2 gunicorn workers ..."
run "ceiling: bare Flask, 100-line template" "$CEILING_PORT" get-anon /
run "front page" "$APP_PORT" get-anon /
run "questionnaire step (GET)" "$APP_PORT" get-company /company/questionnaire/digitalisation
run "autosave (POST)" "$APP_PORT" save
run "submission (POST)" "$APP_PORT" submit
run "inbox, 5,000 companies" "$APP_PORT" get-staff /coordinator/

ps -o rss= -p "$(pgrep -f "gunicorn wsgi:app" | tr '\n' ',' | sed 's/,$//')" \
  | sort -n | tail -2 | awk '{printf "worker RSS: %.0f MiB\n", $1 / 1024}' > "$LOGS/rss.txt" || true

"$BIN/python" - "$LOGS/results.tsv" "$URL" <<'PY'
import json, sys
from sqlalchemy import create_engine, text

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
results = {label: json.loads(data) for label, data in rows}
ceiling = results["ceiling: bare Flask, 100-line template"]["rps"]
print(f"\n{'route':42} {'req/s':>8} {'% ceiling':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
for label, r in results.items():
    statuses = {int(k): v for k, v in r["statuses"].items()}
    errors = r["socket_errors"] + sum(v for k, v in statuses.items() if k >= 400)
    print(f"{label:42} {r['rps']:8.1f} {100 * r['rps'] / ceiling:9.1f}% {r['p50_ms']:8.1f} "
          f"{r['p99_ms']:8.1f} {errors:7d}")

saves = {int(k): v for k, v in results["autosave (POST)"]["statuses"].items()}
submits = {int(k): v for k, v in results["submission (POST)"]["statuses"].items()}
engine = create_engine(sys.argv[2])
with engine.connect() as conn:
    stored = conn.scalar(text("SELECT count(*) FROM area_answers WHERE text LIKE 'bench-save-%'"))
    submitted = conn.scalar(text(
        "SELECT count(*) FROM intakes JOIN companies ON companies.id = intakes.company_id "
        "WHERE companies.name LIKE 'Lastprov %' AND intakes.status <> 'draft'"))
engine.dispose()
accepted_saves, accepted_submits = saves.get(204, 0), submits.get(303, 0)
print(f"\nautosaves answered 204: {accepted_saves}; in the database: {stored}")
print(f"submissions accepted: {accepted_submits}; submitted in the database: {submitted}")
lost = max(0, accepted_saves - stored) + max(0, accepted_submits - submitted)
print("lost: 0 (every accepted save and submission is in the database)" if lost == 0
      else f"LOST: {lost} accepted writes are missing from the database")
sys.exit(1 if lost else 0)
PY
cat "$LOGS/rss.txt"; cp "$LOGS/results.tsv" bench/.load/results.tsv
if grep -q "Traceback" "$LOGS/app.log"; then
  echo "The app logged errors:" >&2; grep -A5 Traceback "$LOGS/app.log" | head -40 >&2; exit 1
fi
