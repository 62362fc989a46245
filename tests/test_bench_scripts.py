"""The benchmarks are how the figures in docs/ are made: they must keep running as the code
under them changes (three broke unnoticed before this test: a renamed import, a renamed
attribute). Each module is imported, and the matching benchmark runs at its smallest size."""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(p.stem for p in (ROOT / "bench").glob("*.py"))


@pytest.mark.parametrize("name", MODULES)
def test_every_benchmark_module_imports(name):
    importlib.import_module(f"bench.{name}")


def test_the_matching_benchmark_measures_a_small_catalogue():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "matching.py"), "--one", "300"],
                         capture_output=True, text=True, check=True, cwd=ROOT, timeout=300)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["cases"] == 300
    assert figures["nnz"] > 0
    assert 0 < figures["kernel_median_ms"] <= figures["suggest_median_ms"]
