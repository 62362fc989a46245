"""The stack's ceiling for bench/load.sh: a bare Flask route that renders a 100-line template.

Same Python, Flask, Jinja and gunicorn as the app, nothing else (no database, no session, no
login): what the app's pages are compared with.
"""

from pathlib import Path

from flask import Flask, render_template

app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))
ROWS = [{"name": f"Rad {i}", "value": i * 7} for i in range(20)]


@app.route("/")
def ceiling():
    return render_template("ceiling.html", title="Ceiling", rows=ROWS)
