"""A gunicorn worker sets what it loaded at start aside from the garbage collector, so that a full
collection walks only what requests made since (it walked the matcher's vocabularies and the
mappers too, about 150 ms every hundred or so inbox pages: the inbox's 99th percentile)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_WORKER = """
import gc, json
from intake.serving.gunicorn import settle_heap

loaded = [[i] for i in range(100_000)]  # what a worker holds for its lifetime
settle_heap()
served = [[i] for i in range(1_000)]  # what requests made since
walked = len(gc.get_objects())
print(json.dumps({"frozen": gc.get_freeze_count(), "walked": walked}))
"""


def test_a_full_collection_walks_only_what_came_after_the_start():
    # A process of its own: freezing is for the rest of a process's life.
    done = subprocess.run([sys.executable, "-c", _WORKER], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    heap = json.loads(done.stdout)
    assert heap["frozen"] > 100_000
    assert 1_000 <= heap["walked"] < 20_000


_REPLACED = """
import gc, json, sys
from matching import Matcher

catalogue = json.loads(open("matching/evaluation/catalogue.json", encoding="utf-8").read())
Matcher().fit(catalogue["workshop_series"], catalogue["coaches"], catalogue["cases"]).save(
    sys.argv[1])
loaded = Matcher.load(sys.argv[1], mmap=True)
loaded.suggest({"answers": {}, "county": "23", "sni_division": "25"})
gc.collect()
gc.disable()  # from here on only reference counting frees anything
del loaded
print(json.dumps({"left_for_the_collector": gc.collect()}))
"""


def test_a_replaced_matcher_is_freed_without_the_collector(tmp_path):
    # What a worker froze stays frozen: a matcher replaced after a refit must be freed by
    # reference counting alone, which it is as long as it holds no reference cycles.
    done = subprocess.run([sys.executable, "-c", _REPLACED, str(tmp_path / "m.joblib")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == {"left_for_the_collector": 0}
