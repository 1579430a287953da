"""cli: commands through click's CliRunner, and the installed console script for tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from heardline.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_help_prints_exit_codes() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Exit codes:" in result.output and "75" in result.output


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
    result = CliRunner().invoke(main, ["convert", "-o", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    folder = tmp_path / "is-digs-its-heels-in-as-mosul-falls"
    assert summary["slug"] == folder.name
    assert json.loads((folder / "document.json").read_text())["headline"] == "'IS' digs its heels in as Mosul falls"
    assert not list(tmp_path.rglob("*.part"))


def test_convert_quiet_prints_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(FIXTURES / "bold-subheadings.html"), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0 and result.output == ""


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
    assert proc.returncode != 0 and b"Traceback" in proc.stderr


def test_stdin_source(tmp_path: Path) -> None:
    proc = run_cli("inspect", "-", "--json", stdin=(FIXTURES / "wordpress-caption.html").read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["headline"] == "City council approves new cycle lanes"


def test_validate_reports_a_broken_book(tmp_path: Path) -> None:
    import zipfile

    from heardline.validate import check_book

    result = CliRunner().invoke(main, ["convert", str(FIXTURES / "dw-mosul.html"), "-o", str(tmp_path), "--no-audio", "-q"])
    assert result.exit_code == 0, result.output
    book = next(tmp_path.rglob("*.epub"))
    assert check_book(book) == []
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("appendix.xhtml"):
                data = data.replace(b'id="dwSites"', b'id="elsewhere"')
            dst.writestr(info, data)
    messages = [f.message for f in check_book(broken)]
    assert any("Skip to more DW sites" in m for m in messages)
    proc = run_cli("validate", str(broken), "--no-ace")
    assert proc.returncode == 1 and b"ERROR" in proc.stdout


def test_unwritable_output_is_one_line_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    proc = run_cli("convert", str(FIXTURES / "bold-subheadings.html"), "-o", str(blocker / "out"), "--no-audio")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1 and "cannot be written" in err and "Traceback" not in err
