"""A client-side deadline for PostgreSQL statements.

`statement_timeout` is enforced by the server, so it cannot help when the server (or the network
to it) stops answering altogether: the worker would wait on the socket until gunicorn kills it.
The watchdog is one thread per process that shuts down the socket of a connection whose statement
has outlived its deadline; psycopg then raises OperationalError, SQLAlchemy discards the
connection, and the request answers 503. Deadlines are a little longer than the server's own
timeout, so in the ordinary case the server's cleaner error comes first.
"""

import os
import socket
import threading
import time


class Watchdog:
    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self._deadlines: dict[int, tuple[float, object]] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pid: int | None = None

    def arm(self, connection, seconds: float) -> None:
        """Watch `connection` (a psycopg connection) for `seconds` from now."""
        with self._lock:
            self._deadlines[id(connection)] = (time.monotonic() + seconds, connection)
            if self._pid != os.getpid():  # first use in this (possibly forked) process
                self._pid = os.getpid()
                threading.Thread(target=self._run, name="db-watchdog", daemon=True).start()
        self._wake.set()

    def disarm(self, connection) -> None:
        with self._lock:
            self._deadlines.pop(id(connection), None)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(self.interval)
            now = time.monotonic()
            with self._lock:
                expired = [(key, conn) for key, (deadline, conn) in self._deadlines.items()
                           if deadline <= now]
                for key, _ in expired:
                    del self._deadlines[key]
                if not self._deadlines:
                    self._wake.clear()
            for _, conn in expired:
                _cut(conn)


def _cut(connection) -> None:
    try:
        if connection.closed:
            return
        fd = connection.pgconn.socket
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except Exception:  # the connection went away by itself: nothing to cut
        pass


watchdog = Watchdog()
