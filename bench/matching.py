"""Matching benchmark: fit time, peak memory and suggest() latency on synthetic catalogues.

    python bench/matching.py                      # 1,000 / 10,000 / 100,000 cases
    python bench/matching.py --sizes 1000,10000   # a quick subset

Each size runs in a fresh subprocess, so that its peak memory (max RSS) is its own.  The
catalogue has 100 workshop series and 100 coaches; cases are generated from domain phrases
in Swedish and English.  "kernel" is the floor: the bare scipy sparse product over the same
case matrix plus the top-3 selection, with the query already encoded.
"""

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching import Matcher, areas  # noqa: E402

QUERIES = 200
PHRASES = {
    "digitalisation": ["ritningar på papper", "affärssystem som inte används", "ERP-byte",
                       "MES och produktionsuppföljning", "sensors on machines",
                       "digital twin of the line", "Excel för planering", "IoT-givare",
                       "paper work orders", "dashboards för nyckeltal"],
    "automation": ["svetsrobot för korta serier", "robot welding cell", "cobot för palletering",
                   "maskinbetjäning på natten", "automation of packing", "CNC-bearbetning",
                   "robotcell med vridbord", "machine vision inspection", "materialhantering",
                   "automatisera monteringen"],
    "productivity": ["5S och ordning", "långa ställtider", "lean och flöde", "OEE och stopptid",
                     "changeover takes hours", "kassationer och omarbete", "bottleneck machine",
                     "daglig styrning vid tavlan", "preventive maintenance", "ledtider"],
    "business_model": ["nya marknader i Norge", "serviceavtal och eftermarknad",
                       "export to Germany", "prissättning", "egen produkt", "new customers",
                       "leverantör till storkund", "affärsmodell för tjänster", "webshop",
                       "subcontractor to OEM"],
    "competence": ["svårt att rekrytera svetsare", "pensionsavgångar", "kompetensmatris",
                   "training operators", "ledarskap för arbetsledare", "hard to find staff",
                   "utbildning i robotprogrammering", "introduktion av nyanställda",
                   "samverkan med Teknikcollege", "succession planning"],
    "sustainability": ["energikartläggning", "tryckluftsläckage", "klimatdata och EPD",
                       "recycling of offcuts", "energy costs", "materialspill",
                       "fossilfri uppvärmning", "hållbarhetsrapportering", "LED-belysning",
                       "circular business"],
}
COUNTIES = ["22", "23", "24", "20"]
SECTORS = ["10", "16", "22", "25", "28", "33", "62"]


def text(rng: random.Random, area: str, n: int = 2) -> str:
    return ", ".join(rng.sample(PHRASES[area], n)) + f". Vi har {rng.randint(5, 200)} anställda."


def answers(rng: random.Random) -> dict:
    chosen = list(areas[:4]) + [a for a in areas[4:] if rng.random() < 0.6]
    return {a: {"maturity": rng.randint(1, 5), "priority": rng.randint(1, 5),
                "text": text(rng, a) if rng.random() < 0.8 else ""} for a in chosen}


def company(rng: random.Random) -> dict:
    return {"sector": rng.choice(SECTORS), "employees": rng.randint(3, 250),
            "county": rng.choice(COUNTIES)}


def catalogue(n_cases: int, seed: int = 1) -> tuple[list, list, list]:
    rng = random.Random(seed)
    series = [{"code": f"WS-{i:03}", "title": text(rng, a, 1), "description": text(rng, a, 4),
               "areas": [a], "county": rng.choice(COUNTIES + [None]), "seats": 12,
               "booked": rng.randint(0, 12)}
              for i, a in enumerate(rng.choice(areas) for _ in range(100))]
    coaches = [{"code": f"CO-{i:03}", "name": f"Coach {i}", "profile": text(rng, a, 4),
                "areas": [a], "counties": rng.sample(COUNTIES, 2), "capacity": 5,
                "assigned": rng.randint(0, 5)}
               for i, a in enumerate(rng.choice(areas) for _ in range(100))]
    cases = [{"code": f"CASE-{i:06}", "company": company(rng), "answers": answers(rng),
              "summary": text(rng, rng.choice(areas), 3), "outcome": "Ställtiden halverades.",
              "workshop_series": rng.choice(series)["code"],
              "coach": rng.choice(coaches)["code"]}
             for i in range(n_cases)]
    return series, coaches, cases


def profiles(n: int, seed: int = 2) -> list[dict]:
    rng = random.Random(seed)
    return [{"company": company(rng), "answers": answers(rng)} for _ in range(n)]


def _ms(values: list[float]) -> tuple[float, float]:
    return statistics.median(values) * 1000, float(np.percentile(values, 95)) * 1000


def measure(n_cases: int) -> dict:
    """One size, in this process: fit, suggest latency, kernel latency, peak RSS."""
    series, coaches, cases = catalogue(n_cases)
    queries = profiles(QUERIES)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    matcher = Matcher().fit(series, coaches, cases)
    fit_s, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    matcher.suggest(queries[0])  # warm caches once, as a long-running worker would be
    suggest_t, suggest_cpu = [], []
    for q in queries:
        start, cpu = time.perf_counter(), time.process_time()
        matcher.suggest(q, top=3, lang="sv")
        suggest_t.append(time.perf_counter() - start)
        suggest_cpu.append(time.process_time() - cpu)
    # The floor: the same case matrix, the query already encoded, one product and a top-3.
    from matching.learn import nearest
    from matching.records import profile_record, table
    cat = matcher.catalogue_
    encoded = [cat.space.transform(table([profile_record(q)])).toarray().ravel()
               for q in queries]
    kernel_t, kernel_cpu = [], []
    for vector in encoded:
        start, cpu = time.perf_counter(), time.process_time()
        scores = cat.history.case_matrix @ vector
        nearest(scores, 3)
        kernel_t.append(time.perf_counter() - start)
        kernel_cpu.append(time.process_time() - cpu)
    s_med, s_p95 = _ms(suggest_t)
    k_med, k_p95 = _ms(kernel_t)
    return {"cases": n_cases, "fit_s": fit_s, "fit_cpu_s": fit_cpu, "peak_mib": peak_mib,
            "suggest_cpu_ms": _ms(suggest_cpu), "kernel_cpu_ms": _ms(kernel_cpu),
            "data_mib": rss_before / 1024, "nnz": int(cat.history.case_matrix.nnz),
            "suggest_median_ms": s_med, "suggest_p95_ms": s_p95,
            "kernel_median_ms": k_med, "kernel_p95_ms": k_p95}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated case counts (default: %(default)s)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores; wall-clock figures, CPU time in brackets")
    print("| cases | fit (s) | peak RSS (MiB) | of which data (MiB) | suggest median / p95 (ms)"
          " | kernel median / p95 (ms) | p95 ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        sc, kc = r["suggest_cpu_ms"], r["kernel_cpu_ms"]
        print(f"| {r['cases']:,} | {r['fit_s']:.1f} ({r['fit_cpu_s']:.1f})"
              f" | {r['peak_mib']:.0f} | {r['data_mib']:.0f}"
              f" | {r['suggest_median_ms']:.1f} / {r['suggest_p95_ms']:.1f}"
              f" ({sc[0]:.1f} / {sc[1]:.1f})"
              f" | {r['kernel_median_ms']:.2f} / {r['kernel_p95_ms']:.2f}"
              f" ({kc[0]:.2f} / {kc[1]:.2f})"
              f" | {r['suggest_p95_ms'] / r['kernel_p95_ms']:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
