"""One app process for the rate-limit tests: posts wrong passwords and prints the statuses.

Run as `python -m tests.intake.limits_worker DB_URL STORAGE_URI PREFIX EMAIL ATTEMPTS`, so that
two of them are two processes sharing (or not) a rate-limit store, as two gunicorn workers are.
"""

import json
import sys

from intake import create_app
from tests.conftest import RequestClient, make_config


def main(database_url: str, storage: str, prefix: str, email: str, attempts: int) -> None:
    app = create_app(make_config(database_url, RATELIMIT_STORAGE_URI=storage,
                                 RATELIMIT_KEY_PREFIX=prefix))
    app.test_client_class = RequestClient
    client = app.test_client()
    statuses = [client.post("/login", data={"email": email, "password": "wrong password"})
                .status_code for _ in range(attempts)]
    print(json.dumps(statuses))


if __name__ == "__main__":
    main(*sys.argv[1:5], int(sys.argv[5]))
