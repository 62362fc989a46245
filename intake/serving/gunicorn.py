"""gunicorn's settings for intake: `gunicorn -c python:intake.serving.gunicorn wsgi:app`.

Only what the app needs of gunicorn; workers, binding and timeouts stay on the command line
(docs/deploy.md). Each worker reads the fitted matcher before it takes its first request.
"""


def post_worker_init(worker) -> None:
    from intake.matching_runtime import warm_up

    warm_up(worker.wsgi)
