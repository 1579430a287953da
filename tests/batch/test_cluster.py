"""The same batch on a Dask cluster (a LocalCluster of two worker processes): the same
outputs as ``--jobs 2`` here, every source done when a worker is killed mid-batch,
and an unreachable scheduler a one-line error with exit 75."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dask
import pytest
from batch_tools import article, by_result, log_lines, wait_for
from cli_tools import Run, command
from distributed import Client, LocalCluster

from heardline.validate import run_epubcheck

pytestmark = pytest.mark.slow

STORIES = {
    "dam": ("Water level at the dam rises", "The water level at the dam rose by a metre after the rain."),
    "stadium": ("Stadium roof gets solar panels", "The stadium roof now carries two thousand solar panels."),
    "choir": ("Youth choir sings in the cathedral", "The youth choir sang in the cathedral for the first time."),
    "tunnel": ("Rail tunnel works start in May", "Work on the new rail tunnel starts in May and lasts two years."),
    "museum": ("Museum shows lost paintings", "The museum shows twelve paintings that were lost for a century."),
}


@pytest.fixture(scope="module")
def cluster(speech_cache: Path) -> Iterator[tuple[LocalCluster, Client]]:
    # the workers inherit $XDG_CACHE_HOME, the session's; a worker (also one the nanny starts again) must be able to start speech engine processes: not a daemon
    with dask.config.set({"distributed.worker.daemon": False}):
        local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(local)
        try:
            yield local, client
        finally:
            client.close()
            local.close()


def _site(folder: Path, stories: dict[str, tuple[str, str]]) -> Path:
    (folder / "articles").mkdir(parents=True)
    for name, (headline, text) in stories.items():
        (folder / "articles" / f"{name}.html").write_text(article(headline, text), encoding="utf-8")
    config = folder / "batch.toml"
    config.write_text('output = "out"\n[[source]]\npath = "articles/*.html"\n', encoding="utf-8")
    return config


def _chapters(out: Path) -> dict[str, list[tuple[str, float, float]]]:
    found = {}
    for script in sorted(out.glob("*/script.json")):
        data = json.loads(script.read_text(encoding="utf-8"))
        found[script.parent.name] = [(c["title"], c["start"], c["end"]) for c in data["chapters"]]
    return found


def test_a_cluster_makes_what_jobs_2_makes(tmp_path: Path, cluster: tuple[LocalCluster, Client], heardline: Run) -> None:
    local, _ = cluster
    here = heardline("batch", _site(tmp_path / "here", STORIES), "--jobs", "2")
    assert here.returncode == 0, here.stderr
    there = heardline("batch", _site(tmp_path / "there", STORIES), "--scheduler", local.scheduler_address)
    assert there.returncode == 0, there.stderr
    assert there.stderr.startswith("heardline: Dask dashboard: http://")

    expected, found = _chapters(tmp_path / "here" / "out"), _chapters(tmp_path / "there" / "out")
    assert sorted(found) == sorted(expected) and len(found) == len(STORIES)
    for slug, chapters in expected.items():
        assert [t for t, _, _ in found[slug]] == [t for t, _, _ in chapters]
        assert all(abs(a[1] - b[1]) <= 0.001 and abs(a[2] - b[2]) <= 0.001 for a, b in zip(found[slug], chapters))
    books = sorted((tmp_path / "there" / "out").glob("*/*.epub"))
    with ThreadPoolExecutor(2) as pool:
        problems = [[str(f) for f in findings if f.severity in ("error", "warning")] for findings in pool.map(run_epubcheck, books)]
    assert problems == [[]] * len(STORIES)


def test_a_worker_killed_mid_batch_costs_no_source(tmp_path: Path, cluster: tuple[LocalCluster, Client], cli_env: dict[str, str]) -> None:
    local, client = cluster
    stories = {f"{k}-2": (f"{h}, again", f"{t} It happened again this week, and nobody was surprised.") for k, (h, t) in STORIES.items()}
    config = _site(tmp_path, stories)
    log = tmp_path / "log.jsonl"
    run = subprocess.Popen(command("batch", config, "--scheduler", local.scheduler_address, "--log-file", log),
                           env=cli_env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def busy_worker() -> str | None:
        return next((address for address, keys in client.processing().items() if keys), None)

    wait_for(lambda: busy_worker() is not None, run)
    address = busy_worker()
    pids = client.run(os.getpid, workers=[address]) if address else {}
    for pid in pids.values():
        os.kill(pid, signal.SIGKILL)
    _, stderr = run.communicate(timeout=600)
    assert pids, "no worker was busy"
    assert run.returncode == 0, stderr
    assert by_result(log_lines(log)) == {"converted": {f"{name}.html" for name in stories}}
    assert len(list((tmp_path / "out").glob("*/*.mp3"))) == len(stories)


def test_an_unreachable_scheduler_is_one_line_and_exit_75(tmp_path: Path, heardline: Run) -> None:
    started = time.monotonic()
    run = heardline("batch", _site(tmp_path, {"dam": STORIES["dam"]}), "--scheduler", "tcp://127.0.0.1:9")
    assert run.returncode == 75
    assert run.stderr.startswith("heardline: error: tcp://127.0.0.1:9: the Dask scheduler cannot be reached (")
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "water-level-at-the-dam-rises").exists() and started
