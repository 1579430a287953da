"""The batch config: a TOML file read into a typed :class:`BatchConfig`, checked whole
before any work — an unknown key, a wrong type or a missing file is a
:class:`~heardline.errors.UsageError` naming the file, the line and the key."""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..atomic import fingerprint
from ..audio import AUDIO_FORMATS
from ..chapters import FIGURE_MODES
from ..convert import OPTION_RANGES, AudioOptions, Options
from ..errors import UsageError
from ..narrate import NarrateOptions
from ..read import ReadOptions
from ..speak import SpeakOptions
from ..voices import load_profile
from ..write.podcast import FeedConfig

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["BatchConfig", "SourceSpec", "ConvertSettings", "load_config", "scheduler_address", "SOURCE_KINDS"]

#: the keys that name what a ``[[source]]`` is: exactly one per source
SOURCE_KINDS = ("path", "url", "urls", "feed")


@dataclass(frozen=True)
class ConvertSettings:
    """The ``convert`` options a source may set, by the same names as on the command line."""

    voice_profile: str = "default"
    audio_format: tuple[str, ...] = ("mp3",)
    no_audio: bool = False
    no_epub: bool = False
    fetch_images: bool = False
    claim_conformance: str = ""
    loudness: float | None = None
    rate: int | None = None
    figures: str = "inline"
    read_related: bool = False
    # MB
    max_size: int = 20
    # seconds for a URL
    timeout: float = 20.0
    # the config's top-level allow_private_network, copied here
    allow_private_network: bool = False

    def read_options(self) -> ReadOptions:
        return ReadOptions(max_bytes=self.max_size * 1024 * 1024, timeout=self.timeout, allow_private_network=self.allow_private_network)

    def options(self, out_dir: Path, cache_dir: Path | None, speech_jobs: int, album: str = "") -> Options:
        """The library options of one conversion."""
        return Options(
            out_dir=out_dir,
            read=self.read_options(),
            voice_profile=self.voice_profile,
            narrate=NarrateOptions(figures=self.figures, read_related=self.read_related),
            speak=SpeakOptions(jobs=speech_jobs, cache_dir=cache_dir, rate=self.rate),
            audio=AudioOptions(enabled=not self.no_audio, formats=self.audio_format, loudness=self.loudness, album=album),
            epub=not self.no_epub,
            fetch_images=self.fetch_images,
            claim_conformance=self.claim_conformance,
            allow_private_network=self.allow_private_network,
        )

    def digest(self) -> str:
        """What the outputs are made from besides the article: these settings and the voice profile's text."""
        profile = Path(load_profile(self.voice_profile).path)
        return fingerprint(sorted(self.__dict__.items()), profile.read_bytes())


@dataclass(frozen=True)
class SourceSpec:
    """One ``[[source]]``: what it names (a path glob, a URL, a URL list file, a feed) and its settings."""

    kind: str
    # the glob or list file as an absolute path, or the URL
    target: str
    settings: ConvertSettings = field(default_factory=ConvertSettings)
    line: int = 0


@dataclass(frozen=True)
class BatchConfig:
    path: Path
    output: Path
    sources: tuple[SourceSpec, ...]
    feed: FeedConfig | None = None
    # a Dask scheduler address; "" runs on this machine
    scheduler: str = ""
    # seconds to wait for the Dask scheduler to answer
    scheduler_timeout: float = 10.0
    # the Dask workers see OUT at the same path (else they send the finished files back)
    shared_output: bool = False
    allow_private_network: bool = False
    # the synthesis cache; None: $XDG_CACHE_HOME/heardline
    cache_dir: Path | None = None
    # a failed source waits this long before its next try, doubling with each failure up to retry_max_delay
    retry_delay: float = 900.0
    retry_max_delay: float = 86400.0


# -- checking -------------------------------------------------------------------

_Check = Callable[[Any], Any]


def _kind(name: str, test: Callable[[Any], bool]) -> _Check:
    def check(value: Any) -> Any:
        if not test(value):
            raise ValueError(f"must be {name}, not {type(value).__name__} {value!r}")
        return value

    return check


_STR = _kind("a string", lambda v: isinstance(v, str))
_BOOL = _kind("true or false", lambda v: isinstance(v, bool))
_INT = _kind("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool))
_NUMBER = _kind("a number", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))


def _between(check: _Check, low: float, high: float) -> _Check:
    def bounded(value: Any) -> Any:
        check(value)
        if not low <= value <= high:
            raise ValueError(f"must be between {low:g} and {high:g}, not {value!r}")
        return value

    return bounded


def _choice(options: tuple[str, ...]) -> _Check:
    def check(value: Any) -> str:
        if value not in options:
            raise ValueError(f"must be one of {', '.join(options)}, not {value!r}")
        return str(value)

    return check


def _formats(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ValueError(f"must be a format or a list of formats ({', '.join(AUDIO_FORMATS)})")
    return tuple(_choice(tuple(AUDIO_FORMATS))(item) for item in items)


def scheduler_address(value: str) -> str:
    """A Dask scheduler address, ``tcp://HOST:PORT`` (or tls, ws, wss; HOST may be [IPv6]).

    >>> scheduler_address("tcp://[::1]:8786")
    'tcp://[::1]:8786'
    >>> scheduler_address("http://dask:8787")
    Traceback (most recent call last):
    ValueError: must be a Dask scheduler address like tcp://HOST:8786, not 'http://dask:8787'
    """
    if not re.match(r"^(tcp|tls|ws|wss)://(\[[0-9A-Fa-f:.]+\]|[^/\s:\[\]]+)(:\d+)?$", value):
        raise ValueError(f"must be a Dask scheduler address like tcp://HOST:8786, not {value!r}")
    return value


def _profile(value: Any) -> str:
    _STR(value)
    load_profile(value)
    return str(value)


_SETTINGS: dict[str, _Check] = {
    "voice_profile": _profile,
    "audio_format": _formats,
    "no_audio": _BOOL,
    "no_epub": _BOOL,
    "fetch_images": _BOOL,
    "claim_conformance": _STR,
    "loudness": _between(_NUMBER, *OPTION_RANGES["loudness"]),
    "rate": _between(_INT, *OPTION_RANGES["rate"]),
    "figures": _choice(FIGURE_MODES),
    "read_related": _BOOL,
    "max_size": _between(_INT, *OPTION_RANGES["max_size"]),
    "timeout": _between(_NUMBER, *OPTION_RANGES["timeout"]),
}
_TOP: dict[str, _Check] = {
    "output": _STR,
    "scheduler": lambda value: scheduler_address(_STR(value)),
    "scheduler_timeout": _between(_NUMBER, 0.1, 600),
    "shared_output": _BOOL,
    "allow_private_network": _BOOL,
    "cache_dir": _STR,
    "retry_delay": _between(_NUMBER, 0, 365 * 86400),
    "retry_max_delay": _between(_NUMBER, 0, 365 * 86400),
}
_FEED: dict[str, _Check] = {f.name: {"bool": _BOOL, "int": _INT}.get(str(f.type), _STR) for f in fields(FeedConfig)}


class _Where:
    """Finds the line of a key in the config text, for messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def _section(self, header: str, index: int) -> tuple[int, int]:
        """The line span of the ``index``-th table named ``header`` ("" for the top level)."""
        starts = [i for i, line in enumerate(self.lines) if re.match(r"\s*\[", line)]
        if not header:
            return 0, starts[0] if starts else len(self.lines)
        pattern = re.compile(rf"\s*\[+\s*{re.escape(header)}\s*\]+")
        found = [i for i in starts if pattern.match(self.lines[i])]
        if index >= len(found):
            return 0, len(self.lines)
        start = found[index]
        end = next((i for i in starts if i > start), len(self.lines))
        return start, end

    def line(self, header: str = "", index: int = 0, key: str = "") -> int:
        start, end = self._section(header, index)
        if key:
            pattern = re.compile(rf"""\s*["']?{re.escape(key)}["']?\s*=""")
            for i in range(start, end):
                if pattern.match(self.lines[i]):
                    return i + 1
        return start + 1

    def error(self, line: int, key: str, problem: str) -> UsageError:
        return UsageError(f"{self.path}:{line}: {key}: {problem}")


def _beside(value: Any, base: Path) -> Any:
    """A voice profile named by a relative path is taken from the config's folder, as sources are."""
    if isinstance(value, str) and (value.endswith(".toml") or "/" in value) and not Path(value).expanduser().is_absolute():
        return str(base / value)
    return value


def _settings(table: dict[str, Any], where: _Where, index: int, base: Path) -> ConvertSettings:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in SOURCE_KINDS:
            continue
        if key == "voice_profile":
            value = _beside(value, base)
        name = f"source[{index + 1}].{key}"
        line = where.line("source", index, key)
        check = _SETTINGS.get(key)
        if check is None:
            known = ", ".join((*SOURCE_KINDS, *_SETTINGS))
            raise where.error(line, name, f"unknown key (a source takes: {known})")
        try:
            values[key] = check(value)
        except (ValueError, UsageError) as exc:
            raise where.error(line, name, str(exc)) from exc
    return ConvertSettings(**values)


def _source(table: Any, where: _Where, index: int, base: Path) -> SourceSpec:
    line = where.line("source", index)
    name = f"source[{index + 1}]"
    if not isinstance(table, dict):
        raise where.error(line, name, "must be a table ([[source]])")
    kinds = [k for k in SOURCE_KINDS if k in table]
    if len(kinds) != 1:
        raise where.error(line, name, f"needs exactly one of {', '.join(SOURCE_KINDS)} (found {', '.join(kinds) or 'none'})")
    kind = kinds[0]
    key_line = where.line("source", index, kind)
    value = table[kind]
    if not isinstance(value, str) or not value.strip():
        raise where.error(key_line, f"{name}.{kind}", "must be a non-empty string")
    settings = _settings(table, where, index, base)
    if kind in ("url", "feed"):
        if not re.match(r"^https?://", value):
            raise where.error(key_line, f"{name}.{kind}", f"must be an http(s) URL, not {value!r}")
        return SourceSpec(kind, value, settings, key_line)
    target = Path(value).expanduser()
    target = target if target.is_absolute() else base / target
    if (kind == "urls" or not glob.has_magic(value)) and not target.is_file():
        raise where.error(key_line, f"{name}.{kind}", f"no such file: {target}")
    return SourceSpec(kind, str(target), settings, key_line)


def _feed(table: Any, where: _Where) -> FeedConfig:
    line = where.line("feed")
    if not isinstance(table, dict):
        raise where.error(line, "feed", "must be a table ([feed])")
    for key, value in table.items():
        check = _FEED.get(key)
        key_line = where.line("feed", 0, key)
        if check is None:
            raise where.error(key_line, f"feed.{key}", f"unknown key (the feed takes: {', '.join(_FEED)})")
        try:
            check(value)
        except ValueError as exc:
            raise where.error(key_line, f"feed.{key}", str(exc)) from exc
    return FeedConfig.from_table(table)


def load_config(path: Path) -> BatchConfig:
    """Read and check a batch config; relative paths are taken from the config's folder."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from exc
    where = _Where(path, text)
    base = path.resolve().parent
    top: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("source", "feed"):
            continue
        check = _TOP.get(key)
        line = where.line("", 0, key)
        if check is None:
            raise where.error(line, key, f"unknown key (the config takes: {', '.join((*_TOP, 'feed', 'source'))})")
        try:
            top[key] = check(value)
        except ValueError as exc:
            raise where.error(line, key, str(exc)) from exc
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise where.error(where.line("", 0, "source"), "source", "at least one [[source]] is needed")
    sources = tuple(_source(table, where, i, base) for i, table in enumerate(tables))
    if top.get("allow_private_network"):
        sources = tuple(replace(s, settings=replace(s.settings, allow_private_network=True)) for s in sources)
    output = Path(top.pop("output", "out")).expanduser()
    cache_dir = top.pop("cache_dir", None)
    return BatchConfig(
        path=path,
        output=output if output.is_absolute() else base / output,
        sources=sources,
        feed=_feed(data["feed"], where) if "feed" in data else None,
        cache_dir=(base / Path(cache_dir).expanduser()) if cache_dir else None,
        **top,
    )
