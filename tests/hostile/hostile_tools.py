"""Hostile-input helpers: a server that records every connection that reaches it, and
the command line run in-process (fast) or as a process (signals)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from heardline.cli import main

ARTICLE = (
    "<!DOCTYPE html><html lang='en'><head><title>Harbour repairs begin</title></head><body><article>"
    "<h1>Harbour repairs begin</h1><p>Work on the old harbour wall started on Monday, the council said.</p>"
    "<p>The repairs will take two months and cost less than planned.</p></article></body></html>"
)

# writes the raw response for one request; gets the socket and the request head
Responder = Callable[[socket.socket, bytes], None]


def respond(status: str = "200 OK", body: bytes = b"", headers: dict[str, str] | None = None) -> Responder:
    def send(conn: socket.socket, head: bytes) -> None:
        fields = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body)), **(headers or {})}
        lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in fields.items()), "Connection: close", "", ""]
        conn.sendall("\r\n".join(lines).encode("latin-1") + body)

    return send


class RecordingServer:
    """Listens on every IPv4 address (so 127.0.0.2, 2130706433 and localhost reach it too
    when allowed) and records each connection and request line that arrives."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("0.0.0.0", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections: list[str] = []
        self.requests: list[bytes] = []
        self.routes: dict[str, Responder] = {}
        self.closing = False
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, responder: Responder) -> str:
        self.routes[path] = responder
        return self.url(path)

    def _serve(self) -> None:
        while not self.closing:
            try:
                conn, peer = self.sock.accept()
            except OSError:
                return
            self.connections.append(peer[0])
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            head = b""
            while b"\r\n\r\n" not in head:
                try:
                    part = conn.recv(4096)
                except OSError:
                    return
                if not part:
                    return
                head += part
            self.requests.append(head)
            path = head.split(b" ", 2)[1].decode("latin-1")
            with contextlib.suppress(OSError):
                self.routes.get(path, respond("404 Not Found", b"not found"))(conn, head)

    def close(self) -> None:
        self.closing = True
        self.sock.close()


def cli(*args: str, stdin: bytes | None = None) -> Result:
    """The command line, in this process."""
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def cli_process(*args: str, env: dict[str, str] | None = None, stdin: bytes = b"") -> subprocess.Popen[bytes]:
    """The command line as a process of its own (for signals)."""
    return subprocess.Popen(
        [sys.executable, "-m", "heardline.cli", *args],
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


def files_under(folder: Path) -> list[str]:
    """Every file and folder below ``folder``, relative."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def living_children(pid: int) -> list[str]:
    """Command names of the live (not zombie) children of ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().rsplit(")", 1)
        except (OSError, ValueError):
            continue
        fields = rest.split()
        if len(fields) > 1 and fields[1] == str(pid) and fields[0] != "Z":
            found.append(name.split("(", 1)[1])
    return found


def wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False
