"""Evaluation on a labelled set: hit@1, hit@3 and MRR per list, next to two baselines.

    python -m matching.evaluate [--catalogue PATH] [--profiles PATH]

Baselines, computed in the same run so that the comparison is fair:
- random: the list in random order (seeded, averaged over several shuffles);
- main area: items covering the area with the largest priority x (5 - maturity) first
  (for cases: cases whose own main area is that area), the rest after, ties in random order.
The matcher is evaluated with and without learning from cases, to show what learning adds.
"""

import argparse
import json
from pathlib import Path

import numpy as np

from matching.model import LISTS, Matcher
from matching.records import area_answers

HERE = Path(__file__).parent / "evaluation"
DEFAULT_CATALOGUE = HERE / "catalogue.json"
DEFAULT_PROFILES = HERE / "profiles.json"
SHUFFLES = 20


def main_area(answers) -> str | None:
    """The area with the largest priority x (5 - maturity); first in area order on a tie."""
    scores = area_answers(answers)  # in AREAS order, so max() keeps the first on a tie
    if not scores:
        return None
    return max(scores, key=lambda a: scores[a][1] * (5 - scores[a][0]))


def metrics(rankings: list[list[str]], acceptable: list[set]) -> dict[str, float]:
    """hit@1, hit@3 and MRR over the profiles that name any acceptable item."""
    hits1, hits3, rr = [], [], []
    for ranked, good in zip(rankings, acceptable, strict=True):
        if not good:
            continue
        rank = next((i + 1 for i, code in enumerate(ranked) if code in good), None)
        hits1.append(rank == 1)
        hits3.append(rank is not None and rank <= 3)
        rr.append(1.0 / rank if rank else 0.0)
    if not rr:
        return {"hit@1": float("nan"), "hit@3": float("nan"), "mrr": float("nan"), "n": 0}
    return {"hit@1": float(np.mean(hits1)), "hit@3": float(np.mean(hits3)),
            "mrr": float(np.mean(rr)), "n": len(rr)}


def _mean(runs: list[dict]) -> dict[str, float]:
    return {key: float(np.mean([r[key] for r in runs])) for key in runs[0]}


def _covers(list_name: str, item: dict, area: str | None) -> bool:
    if list_name == "cases":
        return main_area(item.get("answers")) == area
    return area in (item.get("areas") or [])


def baselines(catalogue: dict, labelled: list[dict]) -> dict[str, dict]:
    """Random order and main-area heuristic, averaged over seeded shuffles."""
    rng = np.random.default_rng(2024)
    out = {"random": {}, "main_area": {}}
    for list_name, key in zip(LISTS, ("workshop_series", "coaches", "cases"), strict=True):
        items = catalogue.get(key) or []
        good = [set(p["acceptable"].get(list_name) or []) for p in labelled]
        random_runs, area_runs = [], []
        for _ in range(SHUFFLES):
            shuffled = [[items[i]["code"] for i in rng.permutation(len(items))]
                        for _ in labelled]
            random_runs.append(metrics(shuffled, good))
            by_area = []
            for p in labelled:
                area = main_area(p["profile"].get("answers"))
                order = rng.permutation(len(items))
                order = sorted(order, key=lambda i: not _covers(list_name, items[i], area))
                by_area.append([items[i]["code"] for i in order])
            area_runs.append(metrics(by_area, good))
        out["random"][list_name] = _mean(random_runs)
        out["main_area"][list_name] = _mean(area_runs)
    return out


def run_matcher(matcher: Matcher, labelled: list[dict]) -> dict[str, dict]:
    """Metrics of a fitted matcher: each profile ranked over the whole of each list."""
    rankings = {name: [] for name in LISTS}
    cat = matcher.catalogue_
    top = max(len(cat.series), len(cat.coaches), len(cat.cases), 1)
    for p in labelled:
        result = matcher.suggest(p["profile"], top=top, lang=p.get("lang", "sv"))
        for name in LISTS:
            rankings[name].append([item["code"] for item in result[name]])
    return {name: metrics(rankings[name], [set(p["acceptable"].get(name) or [])
                                           for p in labelled]) for name in LISTS}


def evaluate(catalogue: dict, labelled_profiles, **params) -> dict[str, dict]:
    """Matcher (with and without learning from cases) and baselines on one labelled set.

    `labelled_profiles` is the profiles file's dict or its list of profiles; `params` go to
    `Matcher`.  Returns {"matcher", "without_learning", "random", "main_area"}, each
    {list name: {"hit@1", "hit@3", "mrr", "n"}}.
    """
    labelled = labelled_profiles.get("profiles", []) if isinstance(labelled_profiles, dict) \
        else list(labelled_profiles)
    lists = [catalogue.get(k) or [] for k in ("workshop_series", "coaches", "cases")]
    result = {"matcher": run_matcher(Matcher(**params).fit(*lists), labelled)}
    plain = {**params, "learning": 0.0}
    result["without_learning"] = run_matcher(Matcher(**plain).fit(*lists), labelled)
    result.update(baselines(catalogue, labelled))
    return result


def report(result: dict) -> str:
    """A plain-text table of an `evaluate` result."""
    lines = [f"{'':18}{'list':17}{'hit@1':>7}{'hit@3':>7}{'MRR':>7}{'n':>5}"]
    for run in ("matcher", "without_learning", "main_area", "random"):
        for name in LISTS:
            m = result[run][name]
            lines.append(f"{run:18}{name:17}{m['hit@1']:7.3f}{m['hit@3']:7.3f}{m['mrr']:7.3f}"
                         f"{m['n']:5.0f}")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", type=Path, default=DEFAULT_CATALOGUE)
    parser.add_argument("--profiles", type=Path, default=DEFAULT_PROFILES)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    catalogue = json.loads(args.catalogue.read_text(encoding="utf-8"))
    profiles = json.loads(args.profiles.read_text(encoding="utf-8"))
    result = evaluate(catalogue, profiles)
    print(json.dumps(result, indent=2) if args.json else report(result))


if __name__ == "__main__":
    main()
