"""net: HTTP(S) GET for pages and images, safe against hostile addresses and slow servers.

The one module that talks to the network (with httpcore, the transport under httpx).
Every connection, redirects included, goes to an address that was resolved once
and checked here, and to nothing else: the socket is opened to that exact IP while
the Host header and TLS server name keep the host's name, so a DNS answer cannot
change between the check and the connection. Loopback, private, link-local,
multicast, unspecified and other non-public addresses are refused, in any
spelling (``2130706433``, ``0x7f.1``, ``[::ffff:127.0.0.1]``, ``localhost``), unless
private networks are allowed. One deadline bounds the whole fetch, so a server
dripping headers or body a byte a second ends with it; content encodings (gzip,
deflate, br, stacked) are decoded as a stream, counted against the size limit.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import brotli
import httpcore

from .errors import FetchError, SourceTooLarge

__all__ = ["USER_AGENT", "Response", "Target", "TransientFetchError", "check_url", "get", "refusal"]

USER_AGENT = "heardline/0.1 (+article-to-audio converter)"
_REDIRECTS = (301, 302, 303, 307, 308)
# decoded bytes per step of a decoder: what one compressed chunk may become at once
_STEP = 64 * 1024
_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# well-known NAT64 prefix: an IPv4 address in its last 32 bits
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class Response:
    data: bytes
    # the Content-Type header's charset, if any
    charset: str | None
    # the address after redirects
    url: str
    # 200, or 304 (no body) when a conditional request found the resource unchanged
    status: int = 200
    # the validators to send next time (If-None-Match, If-Modified-Since)
    etag: str = ""
    last_modified: str = ""


class TransientFetchError(FetchError):
    """A failure worth trying again: a timeout, a failed connection, a 5xx answer."""


@dataclass(frozen=True)
class Target:
    """A checked URL: scheme, IDNA host, port and request target."""

    url: str
    scheme: str
    host: str
    port: int
    target: str


def _one_line(text: str, width: int = 120) -> str:
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\s]+", " ", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def check_url(url: str) -> Target:
    """The parts of an http(s) URL to fetch, or a FetchError saying what is wrong with it.

    >>> check_url("https://Example.org:8443/a b?q=1").target
    '/a%20b?q=1'
    >>> check_url("http://example.org:70000/")
    Traceback (most recent call last):
    ...
    heardline.errors.FetchError: http://example.org:70000/: port out of range 1-65535
    """
    name = _one_line(url)
    if re.search(r"[\x00-\x1f\x7f]", url.strip()):
        raise FetchError(name, "malformed URL (control characters)")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(name, "port out of range 1-65535" if "port" in str(exc).lower() else f"malformed URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(name, f"only http and https URLs are read, not {_one_line(scheme, 20) or 'a relative URL'}:")
    if port is not None and not 1 <= port <= 65535:
        raise FetchError(name, "port out of range 1-65535")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError(name, "malformed URL (no host)")
    try:
        host = host if ":" in host else host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise FetchError(name, "malformed URL (host name cannot be encoded)") from exc
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~") + (f"?{quote(parts.query, safe='/%:@!$&()*+,;=-._~?')}" if parts.query else "")
    return Target(url.strip(), scheme, host, port or (443 if scheme == "https" else 80), target)


def refusal(address: _IPAddress) -> str | None:
    """Why a connection to ``address`` is refused, or None for a public address.

    >>> refusal(ipaddress.ip_address("93.184.216.34")) is None
    True
    >>> refusal(ipaddress.ip_address("::ffff:127.0.0.1"))
    'a loopback address'
    >>> refusal(ipaddress.ip_address("169.254.169.254"))
    'a link-local (cloud metadata) address'
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return refusal(embedded)
    checks = (
        (address.is_loopback, "a loopback address"),
        (address.is_unspecified, "an unspecified address"),
        (address.is_link_local, "a link-local (cloud metadata) address"),
        (address.is_multicast, "a multicast address"),
        (address.is_private, "a private-network address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "not a public address"),
    )
    return next((why for hit, why in checks if hit), None)


def _resolve(host: str, port: int, seconds: float) -> list[str]:
    """The host's addresses, looked up once, within ``seconds``."""
    found: list[Any] = []

    def lookup() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            found.append(exc)

    thread = threading.Thread(target=lookup, daemon=True, name="heardline-dns")
    thread.start()
    thread.join(max(seconds, 0.0))
    if not found:
        raise httpcore.ConnectTimeout(f"looking up {host} took too long")
    if isinstance(found[0], Exception):
        raise httpcore.ConnectError(f"host {host} not found")
    return [str(info[4][0]).split("%")[0] for info in found[0]]


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner = inner
        self.deadline = deadline

    def _left(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the fetch deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self._left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, self._left(timeout)), self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only to checked addresses, and within the deadline."""

    def __init__(self, url: str, deadline: float, allow_private: bool) -> None:
        self.url = url
        self.deadline = deadline
        self.allow_private = allow_private
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the fetch deadline passed")
        addresses = _resolve(host.strip("[]"), port, left)
        address = self._choose(host, addresses)
        left = max(self.deadline - time.monotonic(), 0.001)
        stream = self.inner.connect_tcp(address, port, min(timeout or left, left), local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)

    def _choose(self, host: str, addresses: list[str]) -> str:
        if self.allow_private:
            return addresses[0]
        host = host.strip("[]")
        reasons = []
        for text in addresses:
            why = refusal(ipaddress.ip_address(text))
            if why is None:
                return text
            reasons.append(f"{host} is {why}" if text == host else f"{host} resolves to {text}, {why}")
        raise FetchError(self.url, f"refused: {reasons[0] if reasons else host + ' has no address'} (--allow-private-network allows it)")

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def get(
    url: str, max_bytes: int, timeout: float, max_redirects: int = 5, allow_private: bool = False, accept: str = "*/*",
    headers: dict[str, str] | None = None,
) -> Response:
    """GET ``url`` following up to ``max_redirects`` redirects, all within ``timeout`` seconds,
    the decoded body at most ``max_bytes``; FetchError or SourceTooLarge otherwise.
    ``headers`` are sent too (conditional requests: a 304 answer is a Response with status 304)."""
    deadline = time.monotonic() + timeout
    target = check_url(url)
    try:
        for _ in range(max_redirects + 1):
            backend = _GuardedBackend(url, deadline, allow_private)
            with httpcore.ConnectionPool(network_backend=backend, max_connections=1, retries=0) as pool:
                location, response = _exchange(pool, target, url, max_bytes, timeout, accept, headers or {})
            if response is not None:
                return response
            target = _redirect(url, target, location)
    except httpcore.TimeoutException as exc:
        raise TransientFetchError(url, f"no complete response within {timeout:g} s") from exc
    except (httpcore.UnsupportedProtocol, ssl.SSLError) as exc:  # before OSError: a bad certificate stays bad
        raise FetchError(url, f"cannot be fetched ({_one_line(str(exc) or type(exc).__name__)})") from exc
    except (httpcore.NetworkError, httpcore.ProtocolError, OSError) as exc:
        why = f"cannot be fetched ({_one_line(str(exc) or type(exc).__name__)})"
        if isinstance(exc.__cause__ or exc.__context__, ssl.SSLError):
            raise FetchError(url, why) from exc
        raise TransientFetchError(url, why) from exc
    raise FetchError(url, f"more than {max_redirects} redirects")


def _redirect(url: str, current: Target, location: str) -> Target:
    try:
        return check_url(urljoin(current.url, location))
    except FetchError as exc:
        raise FetchError(url, f"redirected to an unusable URL {_one_line(location, 80)!r}: {exc.reason}") from exc
    except ValueError as exc:
        raise FetchError(url, f"redirected to a malformed URL {_one_line(location, 80)!r}") from exc


def _exchange(
    pool: httpcore.ConnectionPool, target: Target, url: str, max_bytes: int, timeout: float, accept: str, extra: dict[str, str],
) -> tuple[str, Response | None]:
    """One request: ("", the response), or (the Location to follow, None)."""
    request_url = httpcore.URL(scheme=target.scheme.encode(), host=target.host.encode(), port=target.port, target=target.target.encode())
    headers = [(b"User-Agent", USER_AGENT.encode()), (b"Accept", accept.encode()), (b"Accept-Encoding", b"gzip, deflate, br")]
    headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]
    limits = {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}
    with pool.stream("GET", request_url, headers=headers, extensions={"timeout": limits}) as response:
        fields = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers}
        if response.status in _REDIRECTS and fields.get("location"):
            return fields["location"], None
        validators = fields.get("etag", ""), fields.get("last-modified", "")
        if response.status == 304 and extra:
            return "", Response(b"", None, target.url, 304, *validators)
        if response.status >= 300:
            reason = response.extensions.get("reason_phrase", b"").decode("latin-1", "replace")
            error = TransientFetchError if response.status >= 500 else FetchError
            raise error(url, _one_line(f"HTTP {response.status} {reason}".strip()))
        length = fields.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes and not fields.get("content-encoding"):
            raise SourceTooLarge(url, f"response is larger than the {max_bytes / 1024 / 1024:g} MB limit")
        data = _body(url, response.iter_stream(), fields.get("content-encoding", ""), max_bytes)
    charset = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", fields.get("content-type", ""), re.IGNORECASE)
    return "", Response(data, charset.group(1) if charset else None, target.url, response.status, *validators)


def _body(url: str, raw: Iterable[bytes], encodings: str, max_bytes: int) -> bytes:
    """The body decoded through its content encodings as a stream, at most ``max_bytes``."""
    stream: Iterable[bytes] = _counted(url, raw, max_bytes)
    for name in reversed([e.strip().lower() for e in encodings.split(",") if e.strip() and e.strip().lower() != "identity"]):
        stream = _decoder(url, name)(stream)
    chunks = list(_counted(url, stream, max_bytes))
    return b"".join(chunks)


def _counted(url: str, chunks: Iterable[bytes], max_bytes: int) -> Iterator[bytes]:
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise SourceTooLarge(url, f"response is larger than the {max_bytes / 1024 / 1024:g} MB limit")
        yield chunk


def _decoder(url: str, name: str) -> Callable[[Iterable[bytes]], Iterator[bytes]]:
    if name in ("gzip", "x-gzip"):
        return lambda chunks: _inflate(url, name, chunks, 16 + zlib.MAX_WBITS)
    if name == "deflate":
        return lambda chunks: _inflate(url, name, chunks, None)
    if name == "br":
        return lambda chunks: _unbrotli(url, chunks)
    raise FetchError(url, f"unsupported content encoding {_one_line(name, 30)!r}")


def _inflate(url: str, name: str, chunks: Iterable[bytes], wbits: int | None) -> Iterator[bytes]:
    """zlib data (gzip, or deflate with or without its zlib header) decoded ``_STEP`` bytes at a time."""
    inflater: Any = None
    try:
        for chunk in chunks:
            if inflater is None:
                # "deflate" is zlib-wrapped by the standard, raw by some servers
                zlib_header = len(chunk) >= 2 and chunk[0] & 0x0F == 8 and (chunk[0] << 8 | chunk[1]) % 31 == 0
                inflater = zlib.decompressobj(wbits if wbits is not None else (zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS))
            data = chunk
            while data and not inflater.eof:
                out = inflater.decompress(data, _STEP)
                data = inflater.unconsumed_tail
                if out:
                    yield out
        if inflater is not None:
            yield inflater.flush()
    except zlib.error as exc:
        raise FetchError(url, f"invalid {name} content ({exc})") from exc


def _unbrotli(url: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
    decompressor = brotli.Decompressor()
    try:
        for chunk in chunks:
            yield decompressor.process(chunk, output_buffer_limit=_STEP)
            while not decompressor.can_accept_more_data():
                yield decompressor.process(b"", output_buffer_limit=_STEP)
    except brotli.error as exc:
        raise FetchError(url, f"invalid br content ({exc})") from exc
