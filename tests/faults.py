"""A loopback TCP proxy in front of a real server (Redis, PostgreSQL) that a test can cut and restore.

Cutting closes every open connection and drops new ones at once, as a stopped server does; the
server itself keeps running, so other tests sharing it are not disturbed.
"""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit


class Proxy:
    def __init__(self, target: str) -> None:
        """``target``: "host:port" or the path of a unix socket."""
        self.target = target
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        self.up = True
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @classmethod
    def for_url(cls, url: str) -> Proxy:
        """A proxy for a redis:// / postgresql:// / unix:// URL's server."""
        parts = urlsplit(url)
        if parts.scheme == "unix":
            return cls(parts.path)
        return cls(f"{parts.hostname or '127.0.0.1'}:{parts.port or _default_port(parts.scheme)}")

    def url_for(self, url: str) -> str:
        """``url`` with its server replaced by this proxy (path, user and query kept)."""
        parts = urlsplit(url)
        if parts.scheme == "unix":
            db = "/0"
            return f"redis://127.0.0.1:{self.port}{db}"
        user = f"{parts.username}@" if parts.username else ""
        return parts._replace(netloc=f"{user}127.0.0.1:{self.port}").geturl()

    def _connect(self) -> socket.socket:
        if ":" in self.target and not self.target.startswith("/"):
            host, port = self.target.rsplit(":", 1)
            return socket.create_connection((host, int(port)), timeout=5)
        s = socket.socket(socket.AF_UNIX)
        s.connect(self.target)
        return s

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            try:
                upstream = self._connect()
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            self._drop(s)

    def _drop(self, s: socket.socket) -> None:
        with self._lock:
            self._open.discard(s)
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()

    def cut(self) -> None:
        """The server is gone: open connections break, new ones are refused."""
        self.up = False
        with self._lock:
            sockets = list(self._open)
        for s in sockets:
            self._drop(s)

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self._closed = True
        self.cut()
        self.listener.close()


def _default_port(scheme: str) -> int:
    return 6379 if scheme.startswith("redis") else 5432
