"""The batch on a Dask cluster: a real LocalCluster of two worker processes (their own
synthesis cache, no shared folder with the caller), the real command line in a subprocess.

The cluster's outputs match a local ``--jobs 2`` run; a worker killed mid-task has its
source converted elsewhere; an unreachable scheduler is one line and exit 75. The tests
share one site and run in order (the killed run is compared with the undisturbed one)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from batch_tools import article, check_nothing_partial, log_lines
from cli_tools import Run, command
from distributed import Client, LocalCluster, Worker

TEXTS = {
    "harbour": ("Harbour reopens after storm", "The harbour reopened on Monday after a week of repairs."),
    "library": ("Library opens its new wing", "The city library opened a new wing for children."),
    "bridge": ("Old bridge closed for checks", "Engineers closed the old bridge for safety checks."),
    "market": ("Farmers market moves indoors", "The weekly market moved into the old station hall."),
    "orchard": ("Orchard harvest starts early", "Pickers started the apple harvest two weeks early."),
}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """Two worker processes of one thread each; their synthesis cache is their own."""
    worker_cache = tmp_path_factory.mktemp("worker-cache")
    # a daemon worker could not start the speech engine's processes (the README says the same for `dask worker`)
    with dask.config.set({"distributed.worker.daemon": False}), LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", env={"XDG_CACHE_HOME": str(worker_cache)},
    ) as local:
        yield local


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, fixtures: Path) -> Path:
    folder = tmp_path_factory.mktemp("dask-batch")
    (folder / "articles" / "img").mkdir(parents=True)
    for name, (headline, text) in TEXTS.items():
        (folder / "articles" / f"{name}.html").write_text(article(headline, text), encoding="utf-8")
    # one article shows a photo kept next to it: the workers do not see that folder
    shutil.copy(fixtures / "old-cafe.jpg", folder / "articles" / "img" / "cafe.jpg")
    market = (folder / "articles" / "market.html").read_text(encoding="utf-8")
    photo = '<figure><img src="img/cafe.jpg" alt="Stalls under the station roof"><figcaption>The new hall.</figcaption></figure>'
    (folder / "articles" / "market.html").write_text(market.replace("</h1>", "</h1>" + photo), encoding="utf-8")
    return folder


def _config(site: Path, output: str, extra: str = "") -> Path:
    config = site / f"{output}.toml"
    config.write_text(f'output = "{output}"\n{extra}\n[[source]]\npath = "articles/*.html"\n', encoding="utf-8")
    return config


def _chapters(folder: Path) -> list[tuple[str, float, float]]:
    script = json.loads((folder / "script.json").read_text(encoding="utf-8"))
    return [(c["title"], c["start"], c["end"]) for c in script["chapters"]]


def _slugs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))


def _assert_same_outputs(out: Path, reference: Path) -> None:
    """The same articles (slugs), the same files in each, chapters starting and ending within 1 ms."""
    assert _slugs(out) == _slugs(reference) and len(_slugs(out)) == len(TEXTS)
    for slug in _slugs(reference):
        here, there = _chapters(reference / slug), _chapters(out / slug)
        assert [c[0] for c in here] == [c[0] for c in there], slug
        assert all(abs(a - b) <= 0.001 for h, t in zip(here, there) for a, b in zip(h[1:], t[1:])), slug
        files = {p.relative_to(reference).as_posix() for p in (reference / slug).rglob("*")}
        assert files == {p.relative_to(out).as_posix() for p in (out / slug).rglob("*")}, slug
        with zipfile.ZipFile(reference / slug / f"{slug}.epub") as here_book, zipfile.ZipFile(out / slug / f"{slug}.epub") as there_book:
            assert here_book.namelist() == there_book.namelist(), slug


@pytest.mark.slow
def test_the_cluster_makes_what_jobs_2_makes_here(site: Path, cluster: LocalCluster, heardline: Run) -> None:
    local = heardline("batch", _config(site, "local"), "--jobs", "2")
    assert local.returncode == 0, local.stderr
    log = site / "dask.jsonl"
    remote = heardline("batch", _config(site, "remote"), "--scheduler", cluster.scheduler_address, "--log-file", log)
    assert remote.returncode == 0, remote.stderr
    assert remote.stderr.startswith("heardline: Dask dashboard: http://")
    assert remote.stdout.splitlines()[-1] == "5 converted"

    _assert_same_outputs(site / "remote", site / "local")
    with zipfile.ZipFile(site / "remote" / "farmers-market-moves-indoors" / "farmers-market-moves-indoors.epub") as book:
        assert [n for n in book.namelist() if n.endswith(".jpg")], "the photo next to the page reached the worker"
    check_nothing_partial(site / "remote", epubcheck=True)  # no temporary file, MP3 lengths, EPUBCheck, the state

    # the same JSON lines as a local run; the workers synthesised into their own cache
    lines = log_lines(log)
    assert {line["result"] for line in lines} == {"converted"} and len(lines) == 5
    assert all({"speak", "encode", "epub", "total"} <= set(line["seconds"]) for line in lines)
    assert sum(int(line["synthesized"]) for line in lines) > 0

    again = heardline("batch", _config(site, "remote"), "--scheduler", cluster.scheduler_address, "-q")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def _converting(client: Client) -> dict[str, list[str]]:
    """The workers running a conversion task this moment, and its key."""

    def executing(dask_worker: Worker) -> list[str]:  # runs on each worker (pickled by value)
        return [str(ts.key) for ts in dask_worker.state.executing if str(ts.key).startswith("heardline-convert-")]

    return {address: keys for address, keys in client.run(executing).items() if keys}


@pytest.mark.slow
def test_a_worker_killed_mid_task_costs_no_source(site: Path, cluster: LocalCluster, cli_env: dict[str, str]) -> None:
    config = _config(site, "killed")
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)
        run = subprocess.Popen(
            command("batch", config, "--scheduler", cluster.scheduler_address), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env,
        )
        busy = _converting(client)
        while not busy and run.poll() is None:
            time.sleep(0.05)
            busy = _converting(client)
        assert busy, "the batch ended before a worker started converting"
        address = next(iter(busy))
        os.kill(pids[address], signal.SIGKILL)  # in the middle of the conversion of busy[address]
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
        assert stdout.splitlines()[-1] == "5 converted"
        # the lost source made again elsewhere, like the others: what the cluster made undisturbed
        _assert_same_outputs(site / "killed", site / "remote")
        check_nothing_partial(site / "killed")
        # the nanny started a new worker process in place of the killed one
        client.wait_for_workers(2, timeout=60)
        assert pids[address] not in client.run(os.getpid).values()


def test_an_unreachable_scheduler_is_one_line_and_exit_75(site: Path, heardline: Run) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = _config(site, "unreachable", "scheduler_timeout = 1")
    result = heardline("batch", config, "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.returncode == 75
    assert result.stderr.splitlines() == [
        f"heardline: error: tcp://127.0.0.1:{port}: the Dask scheduler cannot be reached (Timed out trying to connect to tcp://127.0.0.1:{port} after 1 s)"
    ]
    assert result.stdout == ""
    assert not (site / "unreachable").exists() or not any(p for p in (site / "unreachable").iterdir() if not p.name.startswith("."))


def test_a_scheduler_that_is_no_dask_address_is_refused_before_any_work(site: Path, heardline: Run) -> None:
    given = heardline("batch", _config(site, "bad-flag"), "--scheduler", "http://dask:8787")
    assert (given.returncode, given.stdout) == (2, "")
    assert given.stderr.splitlines() == ["heardline: error: --scheduler: must be a Dask scheduler address like tcp://HOST:8786, not 'http://dask:8787'"]
    assert not (site / "bad-flag").exists()
    configured = heardline("batch", _config(site, "bad-key", 'scheduler = "dask-host"'))
    assert configured.returncode == 2
    assert configured.stderr.splitlines() == [
        f"heardline: error: {site / 'bad-key.toml'}:2: scheduler: must be a Dask scheduler address like tcp://HOST:8786, not 'dask-host'"
    ]
