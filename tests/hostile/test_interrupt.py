"""Class 5, interruptions: SIGTERM and SIGINT stop workers and ffmpeg, remove temporary
files (in OUT and the system temp folder) and exit 75 with one line; after ``kill -9``
nothing partial is visible, no ffmpeg writes on, and the next run cleans up; no write
goes through a symbolic link planted at OUT/<slug>."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_tools import ARTICLE, cli, cli_process, files_under, living_children, wait_for


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _children(pid: int) -> dict[int, str]:
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().rsplit(")", 1)
        except (OSError, ValueError):
            continue
        if rest.split()[1] == str(pid):
            found[int(stat.parent.name)] = name.split("(", 1)[1]
    return found


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    source = tmp_path / "article.html"
    source.write_text(ARTICLE)
    return source


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_run_cleanly(tmp_path: Path, article: Path, signum: int) -> None:
    system_temp = tmp_path / "systemp"
    system_temp.mkdir()
    out = tmp_path / "out"
    env = {"TMPDIR": str(system_temp), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = cli_process("convert", str(article), "-o", str(out), "--jobs", "2", env=env)
    assert wait_for(lambda: bool(living_children(proc.pid)) or proc.poll() is not None)
    children = _children(proc.pid)
    os.kill(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 75
    assert err.decode() == "heardline: interrupted\n"
    assert wait_for(lambda: not any(_alive(pid) for pid in children), 10), children
    assert files_under(out) == []
    assert files_under(system_temp) == []


@pytest.mark.slow
def test_after_kill_9_no_ffmpeg_writes_on_and_the_next_run_cleans_up(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "out"
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = cli_process("convert", str(article), "-o", str(out), "--jobs", "1", env=env)
    ffmpeg: list[int] = []

    def encoding() -> bool:
        ffmpeg.extend(pid for pid, name in _children(proc.pid).items() if name == "ffmpeg")
        return bool(ffmpeg) or proc.poll() is not None

    assert wait_for(encoding, 120)
    assert ffmpeg, "the run ended before it encoded"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    assert wait_for(lambda: not any(_alive(pid) for pid in ffmpeg), 10)
    visible = [f for f in files_under(out) if not f.startswith(".heardline")]
    assert not any(".part" in f or f.endswith(".pcm") for f in visible), visible
    assert [p.name.split("-")[0] for p in (out / ".heardline" / "tmp").iterdir()] == [str(proc.pid)]
    again = cli_process("convert", str(article), "-o", str(out), "--jobs", "1", "-q", env=env)
    assert again.wait(120) == 0
    again.stdout.close()  # type: ignore[union-attr]
    again.stderr.close()  # type: ignore[union-attr]
    assert list((out / ".heardline" / "tmp").iterdir()) == []


def test_no_write_through_a_symlink_planted_at_the_slug(tmp_path: Path, article: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "harbour-repairs-begin").symlink_to(elsewhere)
    result = cli("convert", str(article), "-o", str(out), "--no-audio")
    assert result.exit_code == 1
    assert result.stderr == f"heardline: error: {out / 'harbour-repairs-begin'}: is a symbolic link; heardline does not write through it\n"
    assert list(elsewhere.iterdir()) == []
    assert files_under(out) == ["harbour-repairs-begin"]


def test_children_die_with_heardline_even_on_kill_9(tmp_path: Path) -> None:
    """The mechanism that stops an orphaned ffmpeg: a process started as heardline starts
    ffmpeg dies when its parent is killed with SIGKILL."""
    script = "import subprocess, time\nfrom heardline.interrupt import die_with_parent\n" \
        "subprocess.Popen(die_with_parent(['sleep', '60']))\ntime.sleep(60)\n"
    parent = subprocess.Popen([sys.executable, "-c", script])
    assert wait_for(lambda: "sleep" in _children(parent.pid).values())
    sleeper = next(pid for pid, name in _children(parent.pid).items() if name == "sleep")
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    assert wait_for(lambda: not _alive(sleeper), 10)


def test_a_setpriv_without_pdeathsig_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where setpriv cannot give a parent-death signal (BusyBox's, old util-linux), programs
    are started as they are, not through a setpriv that would refuse every one of them."""
    from heardline import interrupt

    fake = tmp_path / "setpriv"
    fake.write_text("#!/bin/sh\necho \"setpriv: unrecognized option '$1'\" >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    interrupt._setpriv.cache_clear()
    try:
        assert interrupt.die_with_parent(["ffmpeg", "-version"]) == ["ffmpeg", "-version"]
    finally:
        interrupt._setpriv.cache_clear()  # the next call looks again, on the real PATH
