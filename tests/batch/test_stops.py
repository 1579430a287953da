"""Runs stopped half-way: SIGTERM finishes the commit under way and exits 75; kill -9
leaves no partial file under OUT; a second run during a first exits 75 at once; the
run after each completes exactly the rest, speaking again nothing already finished."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest
from batch_tools import article, by_result, check_nothing_partial, converted_sources, log_lines, wait_for
from cli_tools import Run, command

pytestmark = pytest.mark.slow

# each article a few sentences of its own, so each has real synthesis to be stopped in
STORIES = [
    ("Night trains return to the north", "Night trains return to the northern line in spring. Tickets for the first run on Friday are on sale now."),
    ("School gardens feed the canteen", "Three schools grow vegetables for their canteens. Pupils water the beds every morning before class."),
    ("River festival draws record crowd", "The river festival drew a record crowd on Sunday. Boats raced under the bridges while the rain held off."),
    ("Town hall clock is fixed at last", "The town hall clock runs again after ten years. A retired watchmaker fixed it, and it chimed at noon."),
]


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    for i, (headline, text) in enumerate(STORIES):
        (tmp_path / "articles" / f"s{i}.html").write_text(article(headline, text), encoding="utf-8")
    (tmp_path / "batch.toml").write_text('output = "out"\n[feed]\ntitle = "Stops"\n[[source]]\npath = "articles/*.html"\n', encoding="utf-8")
    return tmp_path


def _start(site: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(command("batch", site / "batch.toml", "--log-file", site / "log.jsonl", *args), env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigterm_then_kill_9_then_a_run_that_completes_the_rest(site: Path, cli_env: dict[str, str], heardline: Run) -> None:
    out = site / "out"

    # SIGTERM once the first article is in: exit 75, "will resume", nothing partial
    first = _start(site, cli_env)
    wait_for(lambda: len(converted_sources(out)) >= 1, first)
    first.send_signal(signal.SIGTERM)
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 75, stderr
    assert stderr.startswith("heardline: interrupted, will resume: ")
    finished = set(check_nothing_partial(out))
    assert len(finished) >= 1 and not list((out / ".heardline" / "tmp").glob("batch-*"))
    log_lines(site / "log.jsonl")

    # kill -9 while the next article is being spoken
    second = _start(site, cli_env)
    wait_for(lambda: len(converted_sources(out)) >= len(finished) + 1, second)
    second.kill()
    second.communicate(timeout=60)
    killed_at = set(check_nothing_partial(out, epubcheck=True))
    assert finished < killed_at and len(killed_at) < len(STORIES)
    done = converted_sources(out)
    log_lines(site / "log.jsonl")

    # the next run takes the lock the killed one held, and converts exactly the rest
    third = heardline("batch", site / "batch.toml", "--log-file", site / "log.jsonl")
    assert third.returncode == 0, third.stderr
    everything = {f"s{i}.html" for i in range(len(STORIES))}
    # the finished articles are not converted again, so none of their segments is spoken again
    assert by_result(log_lines(site / "log.jsonl")) == {"unchanged": done, "converted": everything - done}
    assert len(set(check_nothing_partial(out))) == len(STORIES)


def test_a_second_run_while_one_is_active_exits_75_at_once(tmp_path: Path, cli_env: dict[str, str], heardline: Run) -> None:
    (tmp_path / "a.html").write_text(article("Ferry timetable changes on Monday", "The ferry leaves twenty minutes later from Monday on. The last boat stays at ten."), encoding="utf-8")
    (tmp_path / "b.html").write_text(article("Cycle lane opens along the canal", "A cycle lane now runs along the canal. It links the station with the university."), encoding="utf-8")
    (tmp_path / "batch.toml").write_text('output = "out"\n[[source]]\npath = "*.html"\n', encoding="utf-8")
    lock = tmp_path / "out" / ".heardline" / "lock"
    first = subprocess.Popen(command("batch", tmp_path / "batch.toml"), env=cli_env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for(lambda: lock.is_file() and lock.read_text().strip().isdigit(), first)
    second = heardline("batch", tmp_path / "batch.toml")
    still_running = first.poll() is None
    _, stderr = first.communicate(timeout=300)
    assert second.returncode == 75
    assert second.stderr.strip() == f"heardline: error: {tmp_path / 'out'}: another batch run holds the lock (pid {first.pid}); try again later"
    assert still_running, "the second run waited for the first"
    assert first.returncode == 0, stderr
