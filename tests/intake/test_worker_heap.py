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
