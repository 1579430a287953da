"""Batch benchmark (figures, not a test): the same 20 short articles converted by
``heardline batch`` with ``--jobs 1``, ``--jobs 2`` and on a Dask LocalCluster of two
worker processes, beside the reference of one ``heardline convert`` process per
article, each from an empty synthesis cache; then a rerun with nothing changed,
per source. Needs the dask extra for the cluster row.

    nice -n 5 python bench/batch.py [--sources 20] [--words 80]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

WORDS = ["council", "minister", "city", "river", "report", "people", "officials", "week", "new", "old", "water", "street",
         "school", "hospital", "market", "police", "court", "budget", "project", "village", "energy", "prices", "workers",
         "bank", "rain", "storm", "harbour", "bridge", "museum", "festival", "study", "train", "garden", "library"]


def article(index: int, words: int) -> str:
    """A short article page of about ``words`` words, different for every index."""
    rng = random.Random(index)
    headline = f"Story {index}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}"
    paragraphs, count = [], 0
    while count < words:
        n = rng.randint(8, 16)
        sentence = " ".join(rng.choice(WORDS) for _ in range(n))
        paragraphs.append(f"<p>{sentence[0].upper()}{sentence[1:]}.</p>")
        count += n
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline}</title></head>'
            f'<body><article><h1>{headline}</h1>{"".join(paragraphs)}</article></body></html>')


def heardline(*args: str | Path, cache: Path) -> float:
    """Seconds one ``heardline`` command takes (it must succeed)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "heardline.cli", *map(str, args)], check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--words", type=int, default=80)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="heardline-bench-batch-") as work:
        root = Path(work)
        (root / "articles").mkdir()
        for i in range(args.sources):
            (root / "articles" / f"a{i:02d}.html").write_text(article(i, args.words), encoding="utf-8")

        def batch(name: str, *extra: str) -> Callable[[], float]:
            config = root / f"{name}.toml"
            config.write_text(f'output = "{root / name}"\n[feed]\ntitle = "Bench"\n[[source]]\npath = "articles/*.html"\n', encoding="utf-8")
            return lambda: heardline("batch", config, "-q", *extra, cache=root / f"cache-{name}")

        def one_by_one() -> float:
            return sum(heardline("convert", page, "-q", "-o", root / "convert", cache=root / "cache-convert")
                       for page in sorted((root / "articles").glob("*.html")))

        rows = [("convert, one process per article (reference)", one_by_one())]
        jobs1, jobs2 = batch("jobs1", "--jobs", "1"), batch("jobs2", "--jobs", "2")
        rows.append(("batch --jobs 1", jobs1()))
        rows.append(("batch --jobs 2", jobs2()))
        rerun = jobs2()
        started = time.perf_counter()
        with local_cluster(root / "cache-dask") as address:
            startup = time.perf_counter() - started
            rows.append(("batch --scheduler (LocalCluster, 2 workers)", batch("dask", "--scheduler", address)()))
    reference = rows[0][1]
    print(f"{args.sources} articles of about {args.words} words, empty synthesis cache for each row\n")
    print(f"{'run':<48} {'seconds':>8} {'articles/min':>13} {'vs reference':>13}")
    for name, seconds in rows:
        print(f"{name:<48} {seconds:8.1f} {args.sources / seconds * 60:13.1f} {reference / seconds:12.2f}x")
    overhead = (rows[3][1] - rows[2][1]) / args.sources
    print(f"\ncluster start (not in the row): {startup:.1f} s; the cluster's cost over --jobs 2: {overhead * 1000:+.0f} ms per source")
    print(f"rerun with nothing changed: {rerun:.2f} s in all, {rerun / args.sources * 1000:.0f} ms per source (process start included)")


@contextmanager
def local_cluster(cache: Path) -> Iterator[str]:
    """A Dask LocalCluster of two single-thread worker processes with their own synthesis cache."""
    import dask
    from distributed import LocalCluster

    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        with dask.config.set({"distributed.worker.daemon": False, "logging.distributed": "error"}), \
                LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            yield str(cluster.scheduler_address)
    finally:
        os.environ.pop("XDG_CACHE_HOME")
        if saved is not None:
            os.environ["XDG_CACHE_HOME"] = saved


if __name__ == "__main__":
    main()
