"""A TCP proxy on loopback that can forward, refuse or hang, to put a real database behind faults.

`forward`: bytes pass both ways. `refuse`: the port is closed, as when the server is down.
`hang`: connections are accepted but nothing passes either way, on new and existing
connections alike, as when a server or the network to it stops answering.
"""

import contextlib
import socket
import threading
import time


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.mode = "forward"
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._stopped = False
        self._accepting = threading.Thread(target=self._accept_loop, daemon=True)
        self._accepting.start()

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        return listener

    def forward(self) -> None:
        if self.mode == "refuse":
            self._listener = self._listen(self.port)
            self.mode = "forward"
            self._accepting = threading.Thread(target=self._accept_loop, daemon=True)
            self._accepting.start()
        self.mode = "forward"

    def hang(self) -> None:
        self.forward()
        self.mode = "hang"

    def refuse(self) -> None:
        self.mode = "refuse"
        self._listener.close()
        self._close_all()

    def stop(self) -> None:
        self._stopped = True
        self.mode = "refuse"
        self._listener.close()
        self._close_all()

    def _close_all(self) -> None:
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
        self._sockets.clear()

    def _accept_loop(self) -> None:
        listener = self._listener
        while not self._stopped:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        while self.mode == "hang":  # accepted, but the server never says a word
            time.sleep(0.05)
        if self.mode != "forward":
            client.close()
            return
        try:
            upstream = socket.create_connection(self.upstream)
        except OSError:
            client.close()
            return
        self._sockets.append(upstream)
        threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                while self.mode == "hang":
                    time.sleep(0.05)
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
