"""A TCP proxy that injects network faults between the app and a real service.

The app is pointed at the proxy instead of PostgreSQL, OpenSearch or S3Proxy; the test
then breaks the line at the moment it chooses, so the real client libraries meet the
real errors a dead server or a broken network gives them (refused connections,
connections closed in the middle of a request, an answer that never arrives).

``cut()``      the server is gone: live connections are closed, new ones refused.
``drop()``     a blip: live connections are closed, new ones go through.
``lose_reply()`` the next data the server sends back is thrown away and that
               connection closed: the request reached the server (e.g. a COMMIT that
               was applied), the client never learns its outcome.
``restore()``  the service is back.
"""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit

CHUNK = 65536


class FaultProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = 0
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self._pairs: set[tuple[socket.socket, socket.socket]] = set()
        self._lose_reply = False
        self._closed = False
        self.accepted = 0  # connections forwarded, for tests that want to see traffic

    @classmethod
    def for_url(cls, url: str) -> FaultProxy:
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port or 80)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- lifecycle ---------------------------------------------------------
    def start(self) -> FaultProxy:
        self._listen()
        return self

    def close(self) -> None:
        self._closed = True
        self._stop_listening()
        self._close_all()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # --- faults --------------------------------------------------------------
    def cut(self) -> None:
        """The service dies: close every live connection and refuse new ones."""
        self._stop_listening()
        self._close_all()

    def drop(self) -> None:
        """The network blinks: close every live connection; new ones are accepted."""
        self._close_all()

    def lose_reply(self) -> None:
        """The next bytes the server sends are lost and their connection closed."""
        self._lose_reply = True

    def restore(self) -> None:
        self._lose_reply = False
        if self._listener is None:
            self._listen()

    # --- plumbing ------------------------------------------------------------
    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Rebind the same port after cut(): the app's settings keep pointing at it.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept_loop, args=(listener,), daemon=True).start()

    def _stop_listening(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone does not.
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # the listener was shut down by cut() or close()
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            pair = (client, upstream)
            with self._lock:
                self._pairs.add(pair)
                self.accepted += 1
            threading.Thread(target=self._pump, args=(client, upstream, pair, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, pair, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, pair, is_reply: bool) -> None:
        try:
            while True:
                data = source.recv(CHUNK)
                if not data:
                    break
                if is_reply and self._lose_reply:
                    self._lose_reply = False
                    break  # the server answered; the client will never hear it
                sink.sendall(data)
        except OSError:
            pass
        self._close_pair(pair)

    def _close_pair(self, pair) -> None:
        with self._lock:
            self._pairs.discard(pair)
        for sock in pair:
            # shutdown() first, so the peer sees the connection end at once even
            # while another thread still holds the socket in recv().
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _close_all(self) -> None:
        with self._lock:
            pairs = list(self._pairs)
        for pair in pairs:
            self._close_pair(pair)
