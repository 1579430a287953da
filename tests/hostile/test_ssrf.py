"""Class 1, no server-side request forgery: no URL from a user, a page, a redirect or an
image reaches a loopback, private, link-local or metadata address unless allowed;
the recording server proves that nothing reached it."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from hostile_tools import ARTICLE, RecordingServer, cli, files_under, respond

from heardline import net
from heardline.errors import FetchError
from heardline.read import ReadOptions, read_source

PAGE = ARTICLE.encode()


@pytest.mark.parametrize(
    "host, why",
    [
        ("127.0.0.2", "loopback"),
        ("2130706433", "loopback"),
        ("0x7f.1", "loopback"),
        ("0177.0.0.1", "loopback"),
        ("localhost", "loopback"),
        ("[::ffff:127.0.0.1]", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("[fd00::1]", "private"),
    ],
)
def test_internal_addresses_in_every_spelling_are_refused(server: RecordingServer, host: str, why: str) -> None:
    server.route("/", lambda conn, head: respond(body=PAGE)(conn, head))
    with pytest.raises(FetchError, match=f"refused: .*{why}.*--allow-private-network"):
        read_source(server.url("/", host), ReadOptions(timeout=5))
    assert server.connections == []


@pytest.mark.parametrize("host", ["169.254.169.254", "[::1]", "[fe80::1]", "224.0.0.1", "[64:ff9b::7f00:1]", "[2002:7f00:1::]"])
def test_metadata_link_local_multicast_and_embedded_ipv4_are_refused(host: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        read_source(f"http://{host}/latest/meta-data/", ReadOptions(timeout=5))


def test_convert_of_an_internal_url_exits_2_and_writes_nothing(server: RecordingServer, tmp_path: Path) -> None:
    url = server.route("/article", respond(body=PAGE))
    result = cli("convert", url, "-o", str(tmp_path / "out"), "--no-audio")
    assert result.exit_code == 2
    assert result.stderr == f"heardline: error: {url}: refused: 127.0.0.1 is a loopback address (--allow-private-network allows it)\n"
    assert files_under(tmp_path / "out") == []
    assert server.connections == []


def test_allow_private_network_lifts_the_refusal(server: RecordingServer) -> None:
    url = server.route("/article", respond(body=PAGE))
    result = cli("inspect", "--allow-private-network", url)
    assert result.exit_code == 0, result.output
    assert "Harbour repairs begin" in result.stdout
    assert server.connections == ["127.0.0.1"]


def test_a_redirect_to_an_internal_address_is_not_followed(server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # stand-in for a public site: 127.0.0.1 counts as public here; 127.0.0.2 and the rest stay refused
    real = net.refusal
    monkeypatch.setattr(net, "refusal", lambda address: None if str(address) == "127.0.0.1" else real(address))
    server.route("/secret", respond(body=PAGE))
    start = server.route("/start", respond("302 Found", headers={"Location": server.url("/secret", "127.0.0.2")}))
    with pytest.raises(FetchError, match="refused: 127.0.0.2 is a loopback address"):
        read_source(start, ReadOptions(timeout=5))
    assert [r.split(b" ")[1] for r in server.requests] == [b"/start"]


def test_the_checked_address_is_the_one_connected_to_with_the_name_as_host(server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """No rebinding gap: the name is resolved once; the connection goes to the address that
    passed the check while the Host header keeps the name."""
    real_lookup = socket.getaddrinfo
    lookups: list[str] = []

    def lookup(host: str, port: int, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        lookups.append(host)
        if host == "news.example":  # a name with an internal and a "public" address
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port)), (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real_lookup(host, port, *args, **kwargs)  # type: ignore[arg-type]

    real = net.refusal
    monkeypatch.setattr(net, "refusal", lambda address: None if str(address) == "127.0.0.1" else real(address))
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    server.route("/a", respond(body=PAGE))
    page = read_source(f"http://news.example:{server.port}/a", ReadOptions(timeout=5))
    assert "Harbour" in page.html
    # the name looked up once; the socket opened to the checked address itself (a numeric lookup)
    assert lookups == ["news.example", "127.0.0.1"]
    assert server.connections == ["127.0.0.1"]
    assert f"Host: news.example:{server.port}".encode() in server.requests[0]


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://example.org:70000/a", "port out of range 1-65535"),
        ("http://example.org:0/a", "port out of range 1-65535"),
        ("http://example.org:-1/a", "port out of range 1-65535"),
        ("javascript:alert(1)", "only http and https URLs are read"),
        ("http:///nohost", "malformed URL (no host)"),
        ("http://exa\nmple.org/", "malformed URL (control characters)"),
    ],
)
def test_malformed_urls_and_ports_are_refused_not_wrapped(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_source(url) if "://" in url else net.get(url, 1000, 1.0)


def test_a_local_pages_image_on_an_internal_host_is_not_fetched(server: RecordingServer, tmp_path: Path, fixtures: Path) -> None:
    image = server.route("/cafe.jpg", respond(body=(fixtures / "old-cafe.jpg").read_bytes(), headers={"Content-Type": "image/jpeg"}))
    page = tmp_path / "page.html"
    page.write_text(ARTICLE.replace("</h1>", f"</h1><figure><img src='{image}' alt='The old cafe'><figcaption>The cafe.</figcaption></figure>"))
    result = cli("convert", str(page), "-o", str(tmp_path / "out"), "--no-audio", "--fetch-images", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "harbour-repairs-begin" / "report.json").read_text())
    assert any("image not fetched" in f and "refused" in f for f in report["findings"])
    assert server.connections == []
