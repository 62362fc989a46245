#!/usr/bin/env bash
# Proves that a backup restores the same data: seeds a database with companies, intakes,
# enrolments, uploaded files (they live in the database), staff and queued mail; backs it up
# with pg_dump exactly as docs/deploy.md says; restores it with pg_restore into a second,
# emptied database; and compares every table row by row. Exits non-zero on any difference.
#
#   bench/backup_restore.sh [SOURCE_DB] [TARGET_DB]     (defaults: bench_backup, bench_restore)
#
# Needs a PostgreSQL server that the current user may create databases on (PGHOST, PGUSER,
# ... as for psql; defaults 127.0.0.1 and postgres) and pg_dump/pg_restore of the same major
# version. Both databases are dropped and recreated.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
SOURCE="${1:-bench_backup}"
TARGET="${2:-bench_restore}"
PY=".venv/bin/python"
URL="postgresql+psycopg://${PGUSER}@${PGHOST}:${PGPORT:-5432}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for db in "$SOURCE" "$TARGET"; do
  dropdb --if-exists "$db"
  createdb "$db"
done

echo "Seeding $SOURCE ..."
"$PY" -m bench.restore_check seed "$URL/$SOURCE" >/dev/null 2>&1
"$PY" -m bench.restore_check fingerprint "$URL/$SOURCE" > "$WORK/before.txt"

echo "Backing up (pg_dump -Fc) ..."
pg_dump --format=custom --no-owner --file="$WORK/intake.dump" "$SOURCE"
ls -l "$WORK/intake.dump" | awk '{print "  dump size: " $5 " bytes"}'

echo "Restoring into $TARGET (pg_restore) ..."
pg_restore --no-owner --exit-on-error --dbname="$TARGET" "$WORK/intake.dump"
"$PY" -m bench.restore_check fingerprint "$URL/$TARGET" > "$WORK/after.txt"

if diff -u "$WORK/before.txt" "$WORK/after.txt"; then
  tables=$(wc -l < "$WORK/before.txt")
  rows=$(awk '{s += $2} END {print s}' "$WORK/before.txt")
  echo "Restore OK: $tables tables, $rows rows, identical row by row (md5 per table)."
  grep -E "^(activities|companies|outbox_messages|users|alembic_version) " "$WORK/after.txt" \
    | sed 's/^/  /'
else
  echo "Restore FAILED: the restored database differs (see the diff above)." >&2
  exit 1
fi
