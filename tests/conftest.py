"""Shared fixtures: the project's own pages, a local HTTP server on 127.0.0.1, a
session-wide synthesis cache that keeps the suite out of the user's ``~/.cache``,
and the bundled sample converted once for every test that only reads it."""

from __future__ import annotations

import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_tools import Run, command

from heardline.convert import AudioOptions, Options, Result, convert
from heardline.speak import SpeakOptions

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    # (path, status) of every request answered, in order
    log: list[tuple[str, int]] = []

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        etag, modified = headers.get("ETag"), headers.get("Last-Modified")
        if status == 200 and (
            (etag and self.headers.get("If-None-Match") == etag) or (modified and self.headers.get("If-Modified-Since") == modified)
        ):
            status, body = 304, b""  # conditional requests honoured, as a real server would
        self.log.append((self.path, status))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class LocalServer:
    """Serves canned responses: ``server.route(path, body, status=200, headers=…)``."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.log: list[tuple[str, int]] = []
        handler = type("Handler", (_Handler,), {"routes": self.routes, "log": self.log})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def route(self, path: str, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> str:
        self.routes[path] = (status, headers or {"Content-Type": "text/html; charset=utf-8"}, body)
        return self.base + path


@pytest.fixture()
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


@pytest.fixture(scope="session", autouse=True)
def speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``$XDG_CACHE_HOME`` points into the session's temporary folder, so no test writes
    the user's cache; its ``heardline`` folder is the synthesis cache the session shares
    (tests that count what is synthesised give their own ``cache_dir``)."""
    xdg = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(xdg))
        yield xdg / "heardline"


@pytest.fixture(scope="session")
def sample_episode(tmp_path_factory: pytest.TempPathFactory, speech_cache: Path) -> tuple[Result, Options]:
    """The bundled sample converted once, with MP3, M4B and Ogg episodes and the EPUB, and
    the options it was converted with. Tests read it; a test that converts again writes
    elsewhere, or with these same options (which must change nothing)."""
    options = Options(
        out_dir=tmp_path_factory.mktemp("sample") / "out",
        speak=SpeakOptions(cache_dir=speech_cache, jobs=2),
        audio=AudioOptions(formats=("mp3", "m4b", "ogg")),
    )
    return convert(None, options), options


# -- the command line in a subprocess (tests/batch) -----------------------------------

@pytest.fixture(scope="session")
def cli_env(speech_cache: Path) -> dict[str, str]:
    """The environment of the commands: $XDG_CACHE_HOME is the session's (tests/conftest.py)."""
    return dict(os.environ)


@pytest.fixture(scope="session")
def heardline(cli_env: dict[str, str]) -> Run:
    """Runs ``heardline ARGS…`` to its end."""

    def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command(*args), capture_output=True, text=True, env=cli_env, cwd=cwd, timeout=600)

    return run


