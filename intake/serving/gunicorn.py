"""gunicorn's settings for intake: `gunicorn -c python:intake.serving.gunicorn wsgi:app`.

Only what the app needs of gunicorn; workers, binding and timeouts stay on the command line
(docs/deploy.md). Each worker reads the fitted matcher before it takes its first request, then
sets what it has loaded aside from the garbage collector (`settle_heap`).
"""

import gc


def post_worker_init(worker) -> None:
    from intake.matching_runtime import warm_up

    warm_up(worker.wsgi)
    settle_heap()


def settle_heap() -> None:
    """Move everything loaded so far out of the garbage collector's way, for good.

    A worker holds a few hundred thousand objects that live as long as it does (the matcher's
    vocabularies, the mappers, the translations), and every full collection walks all of them
    again: about 150 ms, once in every hundred or so inbox pages, which was the inbox's 99th
    percentile. Frozen (`gc.freeze`), they are never walked; requests' own objects are
    collected as before. A frozen object in a reference cycle is never freed: the matcher,
    replaced after a refit, holds none, so reference counting frees it (a test holds it so).
    """
    gc.collect()
    gc.freeze()
