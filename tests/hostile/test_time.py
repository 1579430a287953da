"""Class 2, bounded time: one deadline for a whole fetch even when a server drips a byte
at a time; sources that are not regular files refused before they are opened; stdin
under the same size limit as a file."""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

import pytest
from hostile_tools import ARTICLE, RecordingServer, cli, files_under

from heardline.convert import Options, convert
from heardline.errors import StageTimeout

LOCAL = "--allow-private-network"


def drip(head: bytes, body: bytes = b"") -> object:
    """A responder that sends ``head`` then ``body`` one byte every 0.1 s (for 20 s at most)."""

    def send(conn: socket.socket, _: bytes) -> None:
        end = time.monotonic() + 20
        for byte in head + body:
            if time.monotonic() > end:
                return
            conn.sendall(bytes([byte]))
            time.sleep(0.1)

    return send


@pytest.mark.parametrize(
    "what, head, body",
    [
        ("headers", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"a" * 400 + b"\r\n\r\n", b""),
        ("body", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n", ARTICLE.encode().ljust(5000)),
    ],
)
def test_a_dripping_server_ends_at_the_deadline(server: RecordingServer, tmp_path: Path, what: str, head: bytes, body: bytes) -> None:
    url = server.route("/slow", drip(head, body))  # type: ignore[arg-type]
    result = cli("convert", url, LOCAL, "--timeout", "1", "-o", str(tmp_path / "out"), "--no-audio")
    assert result.exit_code == 2
    assert result.stderr == f"heardline: error: {url}: no complete response within 1 s\n"
    assert files_under(tmp_path / "out") == []
    assert server.connections == ["127.0.0.1"]


def test_a_dripping_image_is_given_up_and_the_book_made(server: RecordingServer, tmp_path: Path) -> None:
    image = server.route("/slow.jpg", drip(b"HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n", b"\xff\xd8\xff" + b"\0" * 2997))  # type: ignore[arg-type]
    page = tmp_path / "page.html"
    page.write_text(ARTICLE.replace("</h1>", f"</h1><figure><img src='{image}' alt='A wall'></figure>"))
    out = tmp_path / "out"
    result = cli("convert", str(page), LOCAL, "--fetch-images", "--timeout", "1", "-o", str(out), "--no-audio")
    assert result.exit_code == 0, result.output
    assert "no complete response within 1 s" in (out / "harbour-repairs-begin" / "report.json").read_text()


def _fifo(tmp: Path) -> str:
    os.mkfifo(tmp / "fifo.html")
    return str(tmp / "fifo.html")


def _socket(tmp: Path) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(tmp / "page.sock"))  # the socket file stays after close
    return str(tmp / "page.sock")


@pytest.mark.parametrize("make", [_fifo, _socket, lambda _: "/dev/zero", lambda _: "/dev/urandom", lambda _: "/dev/null"])
def test_special_files_are_refused_as_not_a_regular_file(tmp_path: Path, make: object) -> None:
    source = make(tmp_path)  # type: ignore[operator]
    result = cli("convert", source, "-o", str(tmp_path / "out"), "--no-audio")
    assert result.exit_code == 2
    assert result.stderr == f"heardline: error: {source}: not a regular file (a pipe, device or socket)\n"
    assert files_under(tmp_path / "out") == []


def test_stdin_is_under_the_size_limit(tmp_path: Path) -> None:
    big = ARTICLE.replace("</article>", "<p>" + "word " * 300_000 + "</p></article>").encode()
    result = cli("convert", "-", "--max-size", "1", "-o", str(tmp_path / "out"), "--no-audio", stdin=big)
    assert result.exit_code == 2
    assert result.stderr == "heardline: error: stdin: input is larger than the 1 MB limit\n"
    assert files_under(tmp_path / "out") == []


def test_validate_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    result = cli("validate", "--no-ace", fifo)
    assert result.exit_code == 2
    assert result.stderr == f"heardline: error: {fifo}: not a regular file (a pipe, device or socket)\n"


def test_a_stage_past_its_deadline_stops_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    convert_module = sys.modules["heardline.convert"]

    def stuck(*args: object) -> object:
        time.sleep(30)  # an extraction that never ends on some input
        raise AssertionError("the deadline did not stop it")

    source = tmp_path / "page.html"
    source.write_text(ARTICLE)
    monkeypatch.setattr(convert_module, "extract_document", stuck)
    options = Options(out_dir=tmp_path / "out", stage_timeout=0.5)
    with pytest.raises(StageTimeout, match=f"^{source}: reading and extraction took longer than 0.5 s$"):
        convert(str(source), options)
    assert files_under(tmp_path / "out") == []
