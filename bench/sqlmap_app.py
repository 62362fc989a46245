"""The app as bench/sqlmap.sh serves it: the production configuration from the environment, with
rate limits off, since they would answer the scanner's thousands of requests with 429 and hide
whatever lies behind them. Everything else (CSRF, sessions, the queries) is as in production.

    gunicorn bench.sqlmap_app:app
"""

from intake import config, create_app

_settings = config.from_environment("instance")
_settings["RATELIMIT_ENABLED"] = False
app = create_app(_settings)
