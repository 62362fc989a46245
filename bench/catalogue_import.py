"""A programme-sized catalogue file through the CLI: import, import again, export, import the
export. Prints wall time and peak memory (max RSS) of each command, which runs in a process
of its own, as an operator would run it.

    python bench/catalogue_import.py                       # 100,000 cases, SQLite
    python bench/catalogue_import.py --cases 10000 \\
        --database postgresql://postgres@127.0.0.1:5432/bench   # emptied first!

The file is the synthetic catalogue of bench/matching.py (100 series, 100 coaches).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.matching import catalogue  # noqa: E402

FLASK = [sys.executable, "-m", "flask", "--app", str(ROOT / "wsgi.py")]


def write_file(path: Path, n_cases: int) -> None:
    series, coaches, cases = catalogue(n_cases)
    for item in series:
        item.pop("booked", None)
    for item in coaches:
        item.pop("assigned", None)
    path.write_text(json.dumps({"format": "intake-catalogue/1", "workshop_series": series,
                                "coaches": coaches, "cases": cases}, ensure_ascii=False),
                    encoding="utf-8")


def run(args: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, peak MiB and output of one CLI command in a fresh process of its own."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(FLASK + args, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   text=True)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        wall = time.perf_counter() - start
        out.seek(0)
        output = out.read().strip()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    return wall, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database", help="a DATABASE_URL to use; its tables are replaced")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ,
               "DATABASE_URL": args.database or f"sqlite:///{tmp / 'bench.sqlite3'}"}
        source = tmp / "catalogue.json"
        write_file(source, args.cases)
        size = source.stat().st_size / 1024 / 1024
        print(f"{args.cases} cases, file {size:.0f} MB, {env['DATABASE_URL'].split(':')[0]}")
        if args.database:
            from sqlalchemy import create_engine, text

            engine = create_engine(args.database.replace("postgresql://",
                                                         "postgresql+psycopg://"))
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        run(["init-db"], env)
        print(f"{'step':28}{'seconds':>9}{'peak MiB':>10}  output")
        for label, command in (
            ("import (all new)", ["catalogue", "import", str(source)]),
            ("import again (no change)", ["catalogue", "import", str(source)]),
            ("export", ["catalogue", "export", str(tmp / "export.json")]),
            ("import the export", ["catalogue", "import", str(tmp / "export.json")]),
        ):
            wall, peak, output = run(command, env)
            last = output.splitlines()[-1] if output else ""
            print(f"{label:28}{wall:9.1f}{peak:10.0f}  {last}")


if __name__ == "__main__":
    main()
