"""Choosing weights by cross-validation: the choice rule, and that the held-out set is not read."""

import ast
from pathlib import Path

import numpy as np

from matching import tune


def _scored(series_mrr: float) -> dict:
    values = {"hit@1": np.full(50, series_mrr), "hit@3": np.ones(50),
              "mrr@3": np.full(50, series_mrr)}
    return {"workshop_series": values, "coaches": values}


def test_choose_prefers_open_vocabulary_weight_only_within_the_tolerance():
    grid = [{"chars_weight": 0.1}, {"chars_weight": 0.3}, {"chars_weight": 0.5}]
    rows = np.arange(50)
    near = [_scored(0.95), _scored(0.945), _scored(0.80)]
    assert tune.choose(grid, near, rows) == 1  # 0.3: as good within one profile in fifty
    far = [_scored(0.95), _scored(0.90), _scored(0.80)]
    assert tune.choose(grid, far, rows) == 0


def test_tuning_never_reads_the_held_out_set():
    source = Path(tune.__file__).read_text(encoding="utf-8")
    names = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    assert "HELDOUT" not in names and "heldout" not in source.replace("held-out", "")
