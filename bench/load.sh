#!/usr/bin/env bash
# Load test: the app under gunicorn (2 workers) on PostgreSQL, driven by wrk on 127.0.0.1, next
# to the stack's ceiling (a bare Flask route rendering a 100-line template, same gunicorn, same
# run, measured again right before each route). Reports req/s, p50 and p99 per route, then
# checks that every save and submission the app accepted is in the database. Bounded: twice
# DURATION per route (default 10s), plus seeding (about 30 s).
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
LOGS="$(mktemp -d)"
# The seed fits the matcher and saves it here; the workers load it from here, memory-mapped
# (and bench/compare.sh after this run).
export MATCHER_DIR="$PWD/bench/.load/matcher"
echo "Seeding $LOAD_DB (5,000 inbox companies, 600 companies to save into, 1,500 to submit) ..."
"$BIN/python" -m bench.load_seed "$URL" "$SECRET" 2>/dev/null | tail -1

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$LOGS"; }
trap cleanup EXIT
INTAKE_ENV=production SECRET_KEY="$SECRET" BASE_URL="http://127.0.0.1:${APP_PORT}" \
  DATABASE_URL="$URL" RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/9" \
  "$BIN/gunicorn" -c python:intake.serving.gunicorn wsgi:app --workers 2 --bind "127.0.0.1:${APP_PORT}" --timeout 30 \
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

cpu_ticks() {  # CPU ticks used so far by a gunicorn master's workers (and, for the app, by
               # the PostgreSQL backends serving LOAD_DB): what the system under test spent
  local master="$1" total=0 pid u s
  local pids
  pids="$(pgrep -P "$master") $([ "$2" = app ] && pgrep -f "postgres: .*${LOAD_DB} 127" || true)"
  for pid in $pids; do
    read -r u s < <(awk '{print $14, $15}' "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + u + s))
  done
  echo "$total"
}

run() {  # label, port, mode, path
  local label="$1" port="$2" mode="$3" path="${4:-/}"
  local line master kind before after
  if [ "$port" = "$APP_PORT" ]; then master="${pids[0]}"; kind=app; else master="${pids[1]}"; kind=ceiling; fi
  before=$(cpu_ticks "$master" "$kind")
  line=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/load.lua \
    "http://127.0.0.1:${port}" -- "$mode" "$path" | tail -1)
  after=$(cpu_ticks "$master" "$kind")
  printf '%s\t%s\t%s\n' "$label" "$line" "$((after - before))" >> "$LOGS/results.tsv"
}

# Warm-up: every worker loads its templates (and the matcher the seed saved, at its first
# submission).
for mode_path in "get-anon /" "get-company /company/questionnaire/digitalisation" \
                 "get-staff /coordinator/"; do
  set -- $mode_path
  wrk -t1 -c2 -d2s -s bench/load.lua "http://127.0.0.1:${APP_PORT}" -- "$1" "$2" >/dev/null
done
wrk -t1 -c2 -d2s -s bench/load.lua "http://127.0.0.1:${CEILING_PORT}" -- get-anon / >/dev/null

echo "Measuring, ${DURATION} per route, ${CONNECTIONS} connections, 2 gunicorn workers ..."
# The ceiling is measured right before each route, and each route is compared with that
# measurement: on a shared machine the load of the moment moves both alike.
pair() {  # label, mode, path
  run "ceiling before: $1" "$CEILING_PORT" get-anon /
  run "$1" "$APP_PORT" "$2" "${3:-/}"
}
pair "front page" get-anon /
pair "questionnaire step (GET)" get-company /company/questionnaire/digitalisation
pair "autosave (POST)" save
pair "submission (POST)" submit
pair "inbox, 5,000 companies" get-staff /coordinator/

ps -o rss= -p "$(pgrep -f "gunicorn wsgi:app" | tr '\n' ',' | sed 's/,$//')" \
  | sort -n | tail -2 | awk '{printf "worker RSS: %.0f MiB\n", $1 / 1024}' > "$LOGS/rss.txt" || true

"$BIN/python" - "$LOGS/results.tsv" "$URL" <<'PY'
import json, os, sys
from sqlalchemy import create_engine, text

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
results = {label: json.loads(data) for label, data, _ in rows}
tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
for label, _, ticks in rows:  # CPU per request: not inflated by other jobs on the machine
    results[label]["cpu_ms"] = int(ticks) * tick_ms / max(1, results[label]["requests"])
ceilings = {label[len("ceiling before: "):]: r for label, r in results.items()
            if label.startswith("ceiling before: ")}
mean = sum(r["rps"] for r in ceilings.values()) / len(ceilings)
cpu_ceiling = sum(r["cpu_ms"] for r in ceilings.values()) / len(ceilings)
print(f"\n{'route':30} {'req/s':>8} {'ceiling':>8} {'% ceiling':>10} {'p50 ms':>8} "
      f"{'p99 ms':>8} {'errors':>7} {'CPU ms/req':>11} {'% ceiling':>10}")
print(f"{'ceiling (mean of its runs)':30} {mean:8.1f} {'':>8} {'':>10} "
      f"{sum(r['p50_ms'] for r in ceilings.values()) / len(ceilings):8.1f} "
      f"{max(r['p99_ms'] for r in ceilings.values()):8.1f} {0:7d} {cpu_ceiling:11.2f}")
for label, r in results.items():
    if label in ceilings:
        statuses = {int(k): v for k, v in r["statuses"].items()}
        errors = r["socket_errors"] + sum(v for k, v in statuses.items() if k >= 400)
        ceiling = ceilings[label]["rps"]
        print(f"{label:30} {r['rps']:8.1f} {ceiling:8.1f} {100 * r['rps'] / ceiling:9.1f}% "
              f"{r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {errors:7d} {r['cpu_ms']:11.2f} "
              f"{100 * cpu_ceiling / r['cpu_ms'] if r['cpu_ms'] else 0:9.1f}%")

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
