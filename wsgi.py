"""The WSGI entry point: `flask --app wsgi ...`, or a server such as gunicorn `wsgi:app`."""

from intake import create_app

app = create_app()
