#!/usr/bin/env bash
# sqlmap (Debian's package) at --level 3 --risk 2 against the app on PostgreSQL, with CSRF
# handled (a valid token for the session cookie on every request): login, registration (a
# fresh organisation number and e-mail each request), a questionnaire save, the follow-up
# survey, and the inbox's query parameters. Fails if anything is injectable.
# Results go to docs/security.md by hand; the full logs are kept in bench/.sqlmap/.
#
#   bench/sqlmap.sh                 # database intake_sqlmap on 127.0.0.1 (emptied first)
#   SQLMAP_DB=mydb bench/sqlmap.sh
#
# Needs: .venv (make setup), sqlmap (apt-get install -y sqlmap), PostgreSQL at PGHOST.
# Takes a while: level 3 tries every parameter and the User-Agent and Referer headers with
# hundreds of payloads, including time-based ones.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
DB="${SQLMAP_DB:-intake_sqlmap}"
PORT="${SQLMAP_PORT:-18767}"
BASE="http://127.0.0.1:${PORT}"
URL="postgresql+psycopg://${PGUSER}@${PGHOST}:${PGPORT:-5432}/${DB}"
SECRET="sqlmap-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
UA="sqlmap-check"
OUT="bench/.sqlmap"
BIN=.venv/bin
command -v sqlmap >/dev/null || { echo "sqlmap is missing: apt-get install -y sqlmap" >&2; exit 2; }

createdb "$DB" 2>/dev/null || true
rm -rf "$OUT" && mkdir -p "$OUT"
eval "$("$BIN/python" -m bench.sqlmap_login "$URL" "$SECRET" "$BASE" "$UA" 2>/dev/null \
        | sed -n 's/^\([a-z]*_\(cookie\|csrf\|token\)\)=\(.*\)$/\1="\3"/p')"

INTAKE_ENV=production SECRET_KEY="$SECRET" BASE_URL="$BASE" DATABASE_URL="$URL" \
  "$BIN/gunicorn" bench.sqlmap_app:app --workers 2 --bind "127.0.0.1:${PORT}" \
  --error-logfile "$OUT/app.log" &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 0.5; done

COMMON=(--batch --level 3 --risk 2 --dbms PostgreSQL --time-sec 2
        --user-agent "$UA" --output-dir "$OUT" --flush-session --disable-coloring)
# Each request carries a session cookie and that session's CSRF token, both minted for the scan;
# the server's cookies are dropped, so a registration that succeeds does not log the scanner in.
SAME=(--drop-set-cookie --skip "csrf_token,session")

# A fresh, valid organisation number (Luhn) and e-mail for every registration request.
FRESH='import random as _r; _d=[_r.randint(0, 9) for _ in range(9)]; _d[0]=5; _d[1]=5
_s=sum((lambda n: n - 9 if n > 9 else n)(x * (2 if i % 2 == 0 else 1)) for i, x in enumerate(_d))
_d.append((10 - _s % 10) % 10); org_number="%s-%s" % ("".join(map(str, _d[:6])), "".join(map(str, _d[6:])))
contact_email="sqlmap%d@verkstad.se" % _r.randint(0, 10**9)'

scan() {  # name, then sqlmap arguments
  local name="$1"; shift
  echo "== $name"
  touch "$OUT/.$name.started"
  sqlmap "${COMMON[@]}" "$@" > "$OUT/$name.log" 2>&1 || true
  # sqlmap's own verdict: an injection point it confirmed is listed ("identified the following
  # injection point") and written to this scan's results CSV. Along the way it prints
  # provisional findings ("appears to be ... injectable": a slow answer under load, a UNION
  # heuristic) that it checks again and drops, noting a dropped one in the CSV as "false
  # positive or unexploitable"; those are counted and shown, not taken as the verdict.
  local found
  found=$(find "$OUT" -maxdepth 1 -name 'results-*.csv' -newer "$OUT/.$name.started" \
            -exec cat {} + | grep -v '^Target URL,' | grep -vc 'false positive or unexploitable' \
          || true)
  if grep -qiE "identified the following injection point|is vulnerable" "$OUT/$name.log" \
       || [ "${found:-0}" -gt 0 ]; then
    echo "   INJECTABLE: see $OUT/$name.log"; return 1
  fi
  local provisional
  provisional=$(grep -ciE "appears to be .*injectable" "$OUT/$name.log" || true)
  [ "$provisional" -gt 0 ] && echo "   ($provisional provisional finding(s) that sqlmap checked again and dropped)"
  if ! grep -qE "all tested parameters do not appear to be injectable" "$OUT/$name.log"; then
    echo "   the scan did not complete: see $OUT/$name.log"; return 1
  fi
  echo "   all tested parameters do not appear to be injectable:"
  grep -oE "[A-Za-z-]* ?parameter '[^']+' does not seem to be injectable" "$OUT/$name.log" \
    | sed -E "s/ does not seem to be injectable//; s/^/     /"
  echo "   $(grep -c "testing '" "$OUT/$name.log") technique runs, HTTP errors: $(grep -A3 \
    'HTTP error codes detected' "$OUT/$name.log" | grep -oE '[0-9]{3} \([^)]*\) - [0-9]+ times' \
    | paste -sd ';' || true)"
}

failed=0
scan login "${SAME[@]}" -u "$BASE/login" --cookie "session=$anon_cookie" \
  --data "email=kim@verkstad.se&password=wrong+password&csrf_token=$anon_csrf" || failed=1
scan registration "${SAME[@]}" -u "$BASE/company/register" --cookie "session=$anon_cookie" \
  --eval "$FRESH" \
  --data "org_number=556036-0793&name=Sqlmap+AB&sni_division=25&county=23&municipality=%C3%96stersund&employees=12&turnover_band=20_100&contact_name=Kim&contact_role=VD&contact_email=kim%40verkstad.se&contact_phone=070-1234567&de_minimis_received=no&de_minimis_amount_eur=0&password=sqlmap+password+1&confirm=sqlmap+password+1&consent=y&csrf_token=$anon_csrf" \
  || failed=1
scan questionnaire-save "${SAME[@]}" -u "$BASE/company/questionnaire/digitalisation" \
  --cookie "session=$company_cookie" \
  --data "statement_production_data=2&statement_business_systems=3&priority=4&text=Vi+planerar+i+Excel&nav=stay&csrf_token=$company_csrf" \
  || failed=1
# The follow-up survey, opened by its link with no login; saved as a draft, so every request
# reaches the same checks. `action` is left out: any value but "draft" submits, and a submitted
# link answers only 410 from then on (single use), so every later payload would test nothing.
# It is compared with a constant and never reaches SQL; the fields it submits are those tested.
scan survey-draft --drop-set-cookie --skip "csrf_token,session,action" \
  -u "$BASE/survey/$survey_token" --cookie "session=$anon_cookie" \
  --data "rating=4&usefulness=5&recommend=9&fit=partly&actions=investment&investment_sek=250000&next_need=Mer+automation&comment=Bra&action=draft&csrf_token=$anon_csrf" \
  || failed=1
if grep -q "410 (Gone)" "$OUT/survey-draft.log"; then
  echo "   the survey link was used up during the scan: later payloads tested nothing" >&2
  failed=1
fi
scan inbox -u "$BASE/coordinator/?q=Verkstad&status=submitted&county=23&area=automation&series=1&submitted_from=2026-01-01&submitted_to=2026-12-31&sort=name&dir=asc&page=1" \
  --cookie "session=$staff_cookie" "${SAME[@]}" --threads 4 || failed=1

if grep -q Traceback "$OUT/app.log"; then
  echo "The app logged errors during the scan (see $OUT/app.log)" >&2; failed=1
fi
[ "$failed" = 0 ] && echo "sqlmap found nothing injectable." || { echo "sqlmap FOUND something" >&2; exit 1; }
