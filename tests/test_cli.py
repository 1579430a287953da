"""cli: commands through click's CliRunner, and the installed console script for tracebacks."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import wave
import zipfile
from pathlib import Path
from typing import Any

import feedparser
import numpy as np
import pytest
from audio_tools import RATE, decode
from click.testing import CliRunner, Result

from heardline import cli
from heardline.audio.loudness import reference_loudness
from heardline.cli import main
from heardline.errors import EXIT_CODES
from heardline.speak import SpeakOptions
from heardline.validate import check_book

FIXTURES = Path(__file__).parent / "fixtures"

# a short article: end-to-end runs of the command line stay quick
SHORT = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour lights</title></head>
<body><article><h1>Harbour lights return to the old quay</h1>
<p>The town switched the harbour lights back on last night after two years of repairs to the old quay.</p>
<p>Fishermen said the lights make the narrow entrance much safer on winter evenings.</p>
</article></body></html>"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line_error(result: Result, exit_code: int, *words: str) -> bool:
    """The command failed with ``exit_code`` and one line on stderr holding every word."""
    err = result.stderr
    return result.exit_code == exit_code and err.count("\n") == 1 and err.startswith("heardline: error: ") and all(w in err for w in words)


def test_help_prints_exit_codes() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    table = result.stdout.split("Exit codes:\n", 1)[1]
    assert [line.split()[0] for line in table.splitlines() if line.strip()] == [str(code) for code, _ in EXIT_CODES]


def test_inspect_outline() -> None:
    result = CliRunner().invoke(main, ["inspect", str(FIXTURES / "dw-mosul.html")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1. Skip to content -> #innerFrame (content)" in out
    assert 'figure map' in out and 'alt [de] "Karte Mossul ENG"' in out
    assert 'credit "Reuters/Stringer"' in out


def test_inspect_json_is_the_document() -> None:
    result = CliRunner().invoke(main, ["inspect", str(FIXTURES / "dw-mosul.html"), "--json"])
    data = json.loads(result.output)
    assert data["schema"] == "heardline.document/1"
    golden = json.loads((FIXTURES / "dw-mosul.document.json").read_text())
    assert data == golden


def test_convert_sample_writes_document(tmp_path: Path) -> None:
    result = invoke("convert", "-o", str(tmp_path), "--no-audio", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    folder = tmp_path / "is-digs-its-heels-in-as-mosul-falls"
    assert summary["slug"] == folder.name
    assert json.loads((folder / "document.json").read_text())["headline"] == "'IS' digs its heels in as Mosul falls"
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.slow
def test_convert_quiet_prints_nothing(tmp_path: Path) -> None:
    result = invoke("convert", str(FIXTURES / "bold-subheadings.html"), "-o", str(tmp_path), "-q")
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "le-retour-des-vignes-en-bretagne" / "le-retour-des-vignes-en-bretagne.mp3").is_file()


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "heardline.cli", *args], input=stdin, capture_output=True, timeout=120)


def test_bad_inputs_give_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    menu = tmp_path / "menu.html"
    menu.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    cases = [
        (str(empty), "is empty"),
        (str(pdf), "PDF"),
        (str(menu), "no article"),
        (str(tmp_path / "missing.html"), "no such file"),
        ("http://127.0.0.1:9/x", "refused: 127.0.0.1 is a loopback address"),
    ]
    for source, reason in cases:
        proc = run_cli("convert", source, "-o", str(tmp_path / "out"))
        err = proc.stderr.decode()
        assert proc.returncode == 2, (source, err)
        assert err.count("\n") == 1 and source in err and reason in err, err
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*"))


def test_debug_shows_traceback(tmp_path: Path) -> None:
    proc = run_cli("--debug", "inspect", str(tmp_path / "missing.html"))
    assert proc.returncode == 1 and b"Traceback" in proc.stderr and b"SourceNotFound" in proc.stderr


def test_stdin_source(tmp_path: Path) -> None:
    proc = run_cli("inspect", "-", "--json", stdin=(FIXTURES / "wordpress-caption.html").read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["headline"] == "City council approves new cycle lanes"


@pytest.fixture(scope="module")
def text_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's text-only book, made by the command line."""
    out = tmp_path_factory.mktemp("book")
    result = invoke("convert", str(FIXTURES / "dw-mosul.html"), "-o", str(out), "--no-audio", "-q")
    assert result.exit_code == 0, result.output
    return next(out.rglob("*.epub"))


@pytest.mark.slow  # EPUBCheck (Java)
def test_validate_reports_a_broken_book_and_the_checkers_that_did_not_run(
    text_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert check_book(text_book) == []
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(text_book) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("appendix.xhtml"):
                data = data.replace(b'id="dwSites"', b'id="elsewhere"')
            dst.writestr(info, data)
    messages = [f.message for f in check_book(broken)]
    assert any("Skip to more DW sites" in m for m in messages)
    # a PATH with Java but no Chromium: EPUBCheck runs, Ace cannot, and the summary says so
    java = shutil.which("java")
    assert java is not None, "make test installs Java"
    only_java = tmp_path / "bin"
    only_java.mkdir()
    (only_java / "java").symlink_to(java)
    monkeypatch.setenv("PATH", str(only_java))
    proc = run_cli("validate", str(broken))
    out = proc.stdout.decode()
    assert proc.returncode == 1 and "ERROR [heardline] skip link 'Skip to more DW sites' does not resolve" in out
    last = out.splitlines()[-1]
    assert re.fullmatch(rf"{re.escape(str(broken))}: [1-9]\d* errors, \d+ warnings \(checked by heardline, EPUBCheck; Ace not run: .*(Chromium|ace-cli).*\)", last), last


def test_unwritable_output_is_one_line_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    proc = run_cli("convert", str(FIXTURES / "bold-subheadings.html"), "-o", str(blocker / "out"), "--no-audio")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1 and "cannot be written" in err and "Traceback" not in err


def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    page = str(FIXTURES / "bold-subheadings.html")
    out = str(tmp_path / "out")
    bad_toml = tmp_path / "broken.toml"
    bad_toml.write_text("name = 'broken\nrate = \n")
    unknown_key = tmp_path / "feed.toml"
    unknown_key.write_text("[feed]\ntitel = 'typo'\n")
    cases = [
        (("convert", page, "-o", out, "--voice-profile", "no-such-profile"), ("voice profile 'no-such-profile' not found",)),
        (("convert", page, "-o", out, "--voice-profile", str(bad_toml)), (str(bad_toml), "not a valid voice profile")),
        (("convert", page, "-o", out, "--audio-format", "flac"), ("'--audio-format'", "'flac' is not one of")),
        (("convert", page, "-o", out, "--rate", "5"), ("'--rate'", "5 is not in the range")),
        (("feed", out, "--config", str(bad_toml)), (str(bad_toml), "not a valid TOML config")),
        (("feed", out, "--config", str(unknown_key)), (str(unknown_key), "unknown [feed] keys: titel")),
        (("validate", str(tmp_path / "missing.epub")), ("missing.epub", "does not exist")),
        (("no-such-command",), ("No such command 'no-such-command'",)),
    ]
    for args, words in cases:
        result = invoke(*args)
        assert one_line_error(result, 2, *words), (args, result.output)
        assert result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_voices_lists_the_engine_voices_and_the_profile_choices() -> None:
    result = invoke("voices", "--lang", "de")
    assert result.exit_code == 0, result.output
    listed, _, profile = result.stdout.partition("\nProfile ")
    ids = [line.split()[0] for line in listed.splitlines() if line.strip()]
    assert "gmw/de" in ids and "gmw/en" not in ids
    assert profile.startswith("'default' (")
    assert "  de     headline gmw/de, body gmw/de, alt gmw/de, caption gmw/de, credit gmw/de" in profile.splitlines()


def test_an_engine_that_hangs_twice_exits_75(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an engine that hangs on every sentence (--engine module:Class), and a short timeout
    monkeypatch.setattr(cli, "SpeakOptions", functools.partial(SpeakOptions, timeout=2.0))
    monkeypatch.setenv("HEARDLINE_HANG_MARKER", str(tmp_path / "hangs"))
    page = tmp_path / "short.html"
    page.write_text(SHORT)
    result = invoke("convert", str(page), "-o", str(tmp_path / "out"), "--jobs", "1", "--engine", "fake_engines:HangingEngine")
    assert one_line_error(result, 75, "segment s0001: the speech engine hung twice (timeout 2 s)")
    assert (tmp_path / "hangs").read_text() == "hung\n" * 2
    assert not list((tmp_path / "out").rglob("*.*"))


# each run's --json summary and output folder, by name
Runs = dict[str, tuple[dict[str, Any], Path]]


@pytest.fixture(scope="module")
def short_runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The short article converted at the profile's rate and loudness, and with --rate 300 --loudness -24."""
    root = tmp_path_factory.mktemp("short")
    page = root / "short.html"
    page.write_text(SHORT)
    runs: Runs = {}
    for name, options in (("default", ()), ("faster-quieter", ("--rate", "300", "--loudness", "-24"))):
        result = invoke("convert", str(page), "-o", str(root / name), "--no-epub", "--json", *options)
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        runs[name] = summary, Path(summary["folder"])
    return runs


@pytest.mark.slow
def test_a_faster_rate_gives_a_shorter_episode(short_runs: Runs) -> None:
    default, faster = short_runs["default"][0]["duration"], short_runs["faster-quieter"][0]["duration"]
    # speech at 300 instead of 170 words a minute takes 57 % of the time; the pauses stay as long
    assert faster < 0.8 * default


@pytest.mark.slow
def test_measured_loudness_follows_the_option(short_runs: Runs) -> None:
    for name, target in (("default", -19.0), ("faster-quieter", -27.0)):
        _, folder = short_runs[name]
        report = json.loads((folder / "report.json").read_text())
        assert report["loudness"]["target_lufs"] == target  # mono: 3 LU below the stereo -16 and -24
        assert abs(reference_loudness(decode(folder / f"{folder.name}.mp3"), RATE) - target) <= 1.0, name


@pytest.mark.slow
def test_validate_an_episode(short_runs: Runs, tmp_path: Path) -> None:
    _, folder = short_runs["default"]
    episode = folder / f"{folder.name}.mp3"
    result = invoke("validate", str(episode))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("INFO [heardline] integrated loudness -19.")
    assert result.stdout.endswith(f"{episode}: 0 errors, 0 warnings (checked by heardline)\n")
    # a full-scale tone: true peak above -1 dBTP is an error, loudness far from the target a warning
    loud = tmp_path / "loud.wav"
    tone = (32767 * np.sin(2 * np.pi * 997 * np.arange(RATE) / RATE)).astype("<i2")
    with wave.open(str(loud), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(tone.tobytes())
    result = invoke("validate", str(loud))
    assert result.exit_code == 1
    assert "ERROR [heardline] true peak" in result.stdout and "WARNING [heardline] loudness" in result.stdout
    assert result.stdout.endswith(f"{loud}: 1 errors, 1 warnings (checked by heardline)\n")


@pytest.mark.slow
def test_feed_command_writes_a_feed_of_the_episodes(short_runs: Runs, tmp_path: Path) -> None:
    summary, folder = short_runs["default"]
    config = tmp_path / "batch.toml"
    config.write_text('[feed]\ntitle = "Harbour news"\nbase_url = "https://example.org/pod/"\n')
    result = invoke("feed", str(folder.parent), "--config", str(config))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{folder.parent / 'feed.xml'}\n"
    parsed = feedparser.parse((folder.parent / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Harbour news"
    (entry,) = parsed.entries
    assert entry.title == "Harbour lights return to the old quay"
    assert entry.enclosures[0].href == f"https://example.org/pod/{summary['slug']}/{summary['slug']}.mp3"
    assert invoke("feed", str(folder.parent), "-q").stdout == ""
