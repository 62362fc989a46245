"""Evaluation on labelled sets: hit@1, hit@3, MRR and MRR@3 per list, with 95% intervals.

    python -m matching.evaluate [--set NAME CATALOGUE PROFILES ...] [--json]
    python -m matching.evaluate --outcomes        (the bundled set: what outcomes change)

Without --set it reports every labelled set that is present: the bundled one
(matching/evaluation/) and the held-out one (matching/evaluation/heldout/, written by someone
who has not seen matching/).  Every scoring of a held-out set is appended to
matching/evaluation/HELDOUT_RUNS.md with the date, commit and figures: the held-out set is
scored, never tuned on (tuning: `python -m matching.tune`, cross-validation on the bundled set).

Runs per set: the matcher, the matcher without learning from cases, and the baselines of
`matching.baseline` (afternoon, main area, random).  Intervals: percentile bootstrap over
profiles (`RESAMPLES`, seeded), and the paired difference matcher - afternoon in MRR@3.
"""

import argparse
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from matching.baseline import Afternoon, main_area_rank, random_rank
from matching.model import LISTS, Matcher
from matching.records import main_area  # noqa: F401  (re-exported: the shared definition)

HERE = Path(__file__).parent / "evaluation"
DEFAULT_CATALOGUE = HERE / "catalogue.json"
DEFAULT_PROFILES = HERE / "profiles.json"
HELDOUT = HERE / "heldout"
HELDOUT_LOG = HERE / "HELDOUT_RUNS.md"
SHUFFLES = 20
RESAMPLES = 2000
METRICS = ("hit@1", "hit@3", "mrr", "mrr@3")


def ranks(rankings: list[list[str]], acceptable: list[set]) -> list[int | None]:
    """Rank (1-based) of the first acceptable item per profile, None when absent; profiles
    that name no acceptable item are left out."""
    return [next((i + 1 for i, code in enumerate(ranked) if code in good), None)
            for ranked, good in zip(rankings, acceptable, strict=True) if good]


def per_profile(found: list[int | None]) -> dict[str, np.ndarray]:
    r = np.array([x if x is not None else np.inf for x in found], dtype=float)
    return {"hit@1": (r <= 1).astype(float), "hit@3": (r <= 3).astype(float),
            "mrr": np.where(np.isfinite(r), 1.0 / r, 0.0),
            "mrr@3": np.where(r <= 3, 1.0 / r, 0.0)}


def metrics(rankings: list[list[str]], acceptable: list[set]) -> dict[str, float]:
    """hit@1, hit@3, MRR and MRR@3 over the profiles that name any acceptable item."""
    values = per_profile(ranks(rankings, acceptable))
    n = len(values["mrr"])
    if not n:
        return {**dict.fromkeys(METRICS, float("nan")), "n": 0}
    return {**{k: float(v.mean()) for k, v in values.items()}, "n": n}


def interval(values: np.ndarray, seed: int = 11) -> tuple[float, float]:
    """Percentile bootstrap 95% interval of a mean over profiles."""
    if values.size == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, values.size, (RESAMPLES, values.size))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def _with_intervals(found: list[int | None]) -> dict:
    values = per_profile(found)
    out = {k: float(v.mean()) if v.size else float("nan") for k, v in values.items()}
    out["ci"] = {k: interval(v) for k, v in values.items()}
    out["n"] = len(found)
    return out


def _acceptable(labelled: list[dict], name: str) -> list[set]:
    return [set(p["acceptable"].get(name) or []) for p in labelled]


def run_matcher(matcher: Matcher, labelled: list[dict]) -> dict[str, list]:
    """Ranks per list of a fitted matcher, each profile ranked over the whole list."""
    cat = matcher.catalogue_
    top = max(len(cat.series), len(cat.coaches), len(cat.cases), 1)
    rankings = {name: [] for name in LISTS}
    for p in labelled:
        result = matcher.suggest(p["profile"], top=top)
        for name in LISTS:
            rankings[name].append([item["code"] for item in result[name]])
    return {name: ranks(rankings[name], _acceptable(labelled, name)) for name in LISTS}


def afternoon_ranks(catalogue: dict, labelled: list[dict]) -> dict[str, list]:
    out = {}
    for name in LISTS:
        items = catalogue.get(name) or []
        baseline = Afternoon(name, items) if items else None
        rankings = [baseline.rank(p["profile"]) if baseline else [] for p in labelled]
        out[name] = ranks(rankings, _acceptable(labelled, name))
    return out


def shuffled_baselines(catalogue: dict, labelled: list[dict]) -> dict[str, dict]:
    """Random order and main area first, averaged over seeded shuffles."""
    rng = np.random.default_rng(2024)
    out = {"main_area": {}, "random": {}}
    for name in LISTS:
        items = catalogue.get(name) or []
        good = _acceptable(labelled, name)
        runs = {"main_area": [], "random": []}
        for _ in range(SHUFFLES):
            runs["random"].append(metrics([random_rank(items, rng) for _ in labelled], good))
            runs["main_area"].append(metrics(
                [main_area_rank(name, items, p["profile"], rng) for p in labelled], good))
        for run, found in runs.items():
            out[run][name] = {k: float(np.mean([f[k] for f in found])) for k in found[0]}
    return out


def _profiles(labelled_profiles) -> list[dict]:
    if isinstance(labelled_profiles, dict):
        return labelled_profiles.get("profiles", [])
    return list(labelled_profiles)


def evaluate(catalogue: dict, labelled_profiles, **params) -> dict[str, dict]:
    """Matcher (with and without learning) and baselines on one labelled set.

    Returns {run: {list: {"hit@1", "hit@3", "mrr", "mrr@3", "n"[, "ci"]}}} for the runs
    "matcher", "without_learning", "afternoon", "main_area", "random", and "difference":
    {list: {"mrr@3", "ci"}}, the paired matcher - afternoon difference.
    """
    labelled = _profiles(labelled_profiles)
    lists = [catalogue.get(k) or [] for k in LISTS]
    found = {"matcher": run_matcher(Matcher(**params).fit(*lists), labelled),
             "without_learning": run_matcher(
                 Matcher(**{**params, "learning": 0.0}).fit(*lists), labelled),
             "afternoon": afternoon_ranks(catalogue, labelled)}
    result = {run: {name: _with_intervals(r[name]) for name in LISTS}
              for run, r in found.items()}
    result.update(shuffled_baselines(catalogue, labelled))
    result["difference"] = {}
    for name in LISTS:
        ours = per_profile(found["matcher"][name])["mrr@3"]
        theirs = per_profile(found["afternoon"][name])["mrr@3"]
        diff = ours - theirs
        result["difference"][name] = {"mrr@3": float(diff.mean()) if diff.size else
                                      float("nan"), "ci": interval(diff)}
    return result


def _outcome_records(matcher: Matcher, labelled: list[dict]) -> list[dict]:
    """What companies like these would report after a series: the series they found
    acceptable fitted (signal 1), and the matcher's first unacceptable series did not (-1)."""
    records = []
    for p in labelled:
        good = set(p["acceptable"].get("workshop_series") or [])
        if not good:
            continue
        profile = p["profile"]
        base = {"company": profile.get("company", {}), "answers": profile.get("answers", {})}
        ranked = [i["code"] for i in matcher.suggest(profile, top=5)["workshop_series"]]
        helped = next((c for c in ranked if c in good), sorted(good)[0])
        records.append({**base, "workshop_series": helped, "coach": None, "signal": 1.0})
        missed = next((c for c in ranked if c not in good), None)
        if missed is not None:
            records.append({**base, "workshop_series": missed, "coach": None, "signal": -1.0})
    return records


def outcome_effect(catalogue: dict, labelled_profiles, seed: int = 7, **params) -> dict:
    """How outcomes reported by comparable companies move the series list: the profiles are
    split in two (seeded); one half's outcomes are given to the matcher and the other half
    is ranked with and without them, then the halves swap. MRR@3 and hit@1 of the series."""
    labelled = [p for p in _profiles(labelled_profiles)
                if p["acceptable"].get("workshop_series")]
    order = np.random.default_rng(seed).permutation(len(labelled))
    halves = [[labelled[i] for i in order[: len(order) // 2]],
              [labelled[i] for i in order[len(order) // 2:]]]
    lists = [catalogue.get(k) or [] for k in LISTS]
    plain = Matcher(**params).fit(*lists)
    found = {"without": [], "with": []}
    for given, ranked in (halves, halves[::-1]):
        taught = Matcher(**params).fit(*lists, feedback=_outcome_records(plain, given))
        found["without"] += run_matcher(plain, ranked)["workshop_series"]
        found["with"] += run_matcher(taught, ranked)["workshop_series"]
    return {run: _with_intervals(r) for run, r in found.items()}


def _cell(m: dict, key: str) -> str:
    if "ci" not in m:
        return f"{m[key]:.3f}".rjust(20)
    low, high = m["ci"][key]
    return f"{m[key]:.3f} [{low:.2f}, {high:.2f}]".rjust(20)


def report(result: dict) -> str:
    """A plain-text table of an `evaluate` result."""
    lines = [f"{'':18}{'list':17}" + "".join(k.rjust(20) for k in METRICS) + "    n"]
    for run in ("matcher", "afternoon", "without_learning", "main_area", "random"):
        for name in LISTS:
            m = result[run][name]
            lines.append(f"{run:18}{name:17}" + "".join(_cell(m, k) for k in METRICS)
                         + f"{m['n']:5.0f}")
    for name in LISTS:
        d = result["difference"][name]
        lines.append(f"matcher - afternoon, MRR@3, {name}: {d['mrr@3']:+.3f} "
                     f"[{d['ci'][0]:+.2f}, {d['ci'][1]:+.2f}]")
    return "\n".join(lines)


def labelled_sets() -> dict[str, tuple[Path, Path]]:
    """The labelled sets present: the bundled one, and the held-out one once committed."""
    sets = {"bundled": (DEFAULT_CATALOGUE, DEFAULT_PROFILES)}
    if (HELDOUT / "catalogue.json").exists() and (HELDOUT / "profiles.json").exists():
        sets["heldout"] = (HELDOUT / "catalogue.json", HELDOUT / "profiles.json")
    return sets


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=HERE, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def log_heldout_run(name: str, result: dict, log: Path = HELDOUT_LOG) -> None:
    """Append one line per scoring of a held-out set: it is counted, never tuned on."""
    s, c, k = (result["matcher"][n] for n in LISTS)
    a = result["afternoon"]["workshop_series"]
    ci = s["ci"]
    line = (f"| {datetime.now(UTC):%Y-%m-%d %H:%M} | {_commit()} | {name} | {s['n']} "
            f"| {s['hit@1']:.3f} [{ci['hit@1'][0]:.2f}, {ci['hit@1'][1]:.2f}] "
            f"| {s['hit@3']:.3f} | {s['mrr@3']:.3f} [{ci['mrr@3'][0]:.2f}, {ci['mrr@3'][1]:.2f}] "
            f"| {a['mrr@3']:.3f} | {c['hit@3']:.3f} | {k['hit@3']:.3f} |\n")
    with log.open("a", encoding="utf-8") as out:
        out.write(line)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=3, action="append", metavar=("NAME", "CATALOGUE",
                        "PROFILES"), help="a labelled set (repeatable); default: all present")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--outcomes", action="store_true",
                        help="show the effect of reported outcomes on the series list "
                             "(the bundled set only: the held-out set is scored once)")
    args = parser.parse_args(argv)
    if args.outcomes:
        _show_outcomes(args)
        return
    sets = ({name: (Path(c), Path(p)) for name, c, p in args.set} if args.set
            else labelled_sets())
    results = {}
    for name, (catalogue_path, profiles_path) in sets.items():
        catalogue = json.loads(catalogue_path.read_text(encoding="utf-8"))
        profiles = json.loads(profiles_path.read_text(encoding="utf-8"))
        results[name] = evaluate(catalogue, profiles)
        if HELDOUT in profiles_path.resolve().parents or name == "heldout":
            log_heldout_run(name, results[name])
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, result in results.items():
        print(f"== {name}: {sets[name][1]}\n{report(result)}\n")


def _show_outcomes(args) -> None:
    sets = ({name: (Path(c), Path(p)) for name, c, p in args.set} if args.set
            else {"bundled": labelled_sets()["bundled"]})
    for name, (catalogue_path, profiles_path) in sets.items():
        if name == "heldout" or HELDOUT in profiles_path.resolve().parents:
            raise SystemExit("--outcomes never runs on the held-out set: it is scored once.")
        result = outcome_effect(json.loads(catalogue_path.read_text(encoding="utf-8")),
                                json.loads(profiles_path.read_text(encoding="utf-8")))
        if args.json:
            print(json.dumps({name: result}, indent=2))
            continue
        print(f"== {name}: outcomes of comparable companies, workshop series")
        for run in ("without", "with"):
            print(f"{run + ' outcomes':18}" + "".join(_cell(result[run], k) for k in METRICS)
                  + f"{result[run]['n']:5.0f}")


if __name__ == "__main__":
    main()
