"""Speed benchmark (figures, not a test): heardline against raw espeak-ng, in one run.

For the bundled sample and generated articles of about 10,000 and 30,000 words
it prints raw ``espeak-ng -w`` synthesis of the same text in one process, then
heardline ``convert`` cold (empty caches, new output folder) and warm
(the same again), per stage — start-up, read+extract, narrate, speak, encode,
EPUB, write — with wall time, CPU time (convert and its children: speech
workers, encoders) and peak memory of the main process and of all its
processes together (sampled every 20 ms), and the ratios the targets are set
on. Run it with ``nice`` on a shared machine; the load average is printed.

    python bench/speed.py [--words 10000,30000] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from heardline.audio.encode import AUDIO_FORMATS
from heardline.convert import load_document
from heardline.model import Figure, Heading, ListBlock, Paragraph, Quote

WORDS = ["government", "council", "minister", "city", "river", "report", "people", "officials", "year", "week", "said", "would", "could", "new", "old", "first", "last", "water", "power", "street", "school", "hospital", "market", "police", "court", "election", "budget", "project", "plan", "village", "border", "forces", "energy", "prices", "workers", "union", "company", "shares", "bank", "growth", "rain", "storm", "harbour", "bridge", "museum", "festival", "study", "data"]
STAGES = ("start-up", "read+extract", "narrate", "speak", "encode", "epub", "write")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def generated_article(words: int, seed: int = 7) -> str:
    """An article page of about ``words`` words: sections, paragraphs, a figure now and then."""
    rng = random.Random(seed)
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Long read</title></head><body><article>',
             "<h1>A long read about the city and its river</h1>", '<p class="lead">An introduction of moderate length for the long read.</p>']
    count = 0
    section = 0
    while count < words:
        if count // 900 > section:
            section += 1
            parts.append(f"<h2>Section {section}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}</h2>")
            parts.append(f'<figure><img src="f{section}.jpg" alt="A photo of the {rng.choice(WORDS)}"><figcaption>The {rng.choice(WORDS)} in {2000 + section}. Photo: Agency</figcaption></figure>')
        sentences = []
        for _ in range(rng.randint(2, 5)):
            n = rng.randint(8, 22)
            sentence = " ".join(rng.choice(WORDS) for _ in range(n))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            count += n
        parts.append("<p>" + " ".join(sentences) + "</p>")
    parts.append("</article></body></html>")
    return "\n".join(parts)


def plain_text(path: Path) -> str:
    """What the narration reads, as one text for espeak-ng."""
    _, document = load_document(str(path))
    out = []
    for block in document.blocks:
        if isinstance(block, Figure):
            out += [block.caption, block.alt, block.credit]
        elif isinstance(block, ListBlock):
            out += list(block.items)
        elif isinstance(block, (Heading, Paragraph, Quote)):
            out.append(block.text)
    return "\n\n".join(t for t in out if t)


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parent = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry))
    return tree


@dataclass
class Run:
    wall: float = 0.0
    cpu: float = 0.0
    started: float = 0.0
    # (time, main RSS, all processes' RSS) in bytes
    samples: list[tuple[float, int, int]] = field(default_factory=list)
    stages: dict[str, dict[str, float]] = field(default_factory=dict)


def run(command: list[str], cache: Path | None = None) -> Run:
    """Run a command, sampling the memory of it and its descendants every 20 ms;
    ``cache``: its ``$XDG_CACHE_HOME`` (synthesis and language-detection caches)."""
    result = Run(started=time.time())
    start = time.perf_counter()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)} if cache is not None else None
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    done = threading.Event()

    def sample() -> None:
        main_command = b""
        while not done.wait(0.02):
            main_command = main_command or _cmdline(proc.pid)
            tree = _children()
            family, todo = [proc.pid], list(tree.get(proc.pid, []))
            while todo:
                pid = todo.pop()
                # a child forked to start a program shares the main process's memory until it
                # runs the program (same command line): counting it would count that memory twice
                if _cmdline(pid) != main_command:
                    family.append(pid)
                todo += tree.get(pid, [])
            result.samples.append((time.time(), _rss(proc.pid), sum(_rss(p) for p in family)))

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, status, usage = os.wait4(proc.pid, 0)
    result.wall = time.perf_counter() - start
    done.set()
    watcher.join()
    result.cpu = usage.ru_utime + usage.ru_stime
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return result


def stage_rows(result: Run) -> list[tuple[str, float, float, float, float]]:
    """Per stage: wall s, CPU s (convert and finished children), peak MB of the main process and of all."""
    rows = []
    begin = result.started
    first = next(iter(result.stages.values()), None)
    ends = [("start-up", first["ended_at"] - first["wall_s"] if first else begin, 0.0)]
    ends += [(name, facts["ended_at"], facts["cpu_s"] + facts["children_cpu_s"]) for name, facts in result.stages.items()]
    accounted = 0.0
    for name, end, cpu in ends:
        window = [s for s in result.samples if begin <= s[0] <= end]
        if not window and result.samples:  # a stage shorter than the sampling period
            window = [min(result.samples, key=lambda s, at=end: abs(s[0] - at))]
        main = max((s[1] for s in window), default=0) / 2**20
        everything = max((s[2] for s in window), default=0) / 2**20
        if name == "start-up":
            cpu = 0.0
        rows.append((name, end - begin, cpu, main, everything))
        accounted += cpu
        begin = end
    # start-up CPU: what the run used beyond the stages
    rows[0] = (rows[0][0], rows[0][1], max(0.0, result.cpu - accounted), rows[0][3], rows[0][4])
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", default="10000,30000", help="comma-separated sizes of the generated articles")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    heardline = shutil.which("heardline") or str(Path(sys.executable).parent / "heardline")
    work = Path(tempfile.mkdtemp(prefix="heardline-bench-"))
    pages = [("sample", Path(__file__).resolve().parents[1] / "src" / "heardline" / "sample" / "dw-mosul.html")]
    for words in (int(w) for w in args.words.split(",") if w):
        page = work / f"long-{words}.html"
        page.write_text(generated_article(words), encoding="utf-8")
        pages.append((f"{words // 1000}k", page))
    print(f"machine: {os.cpu_count()} cores, load average at start {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    summary = []
    print(f"\n{'article':<8} {'run':<5} {'stage':<13} {'wall s':>7} {'CPU s':>7} {'main MB':>8} {'all MB':>7}")
    for name, page in pages:
        text = plain_text(page)
        (work / f"{name}.txt").write_text(text, encoding="utf-8")
        raw = run(["espeak-ng", "-v", "en", "-s", "170", "-w", str(work / f"{name}.wav"), "-f", str(work / f"{name}.txt")])
        # the MP3 encoder alone on that audio, with heardline's settings: no MP3 converter can do less
        lame = run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(work / f"{name}.wav"), *AUDIO_FORMATS["mp3"][1], str(work / f"{name}.mp3")])
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        base = [heardline, "convert", str(page), "-q", *jobs, "-o", str(work / f"out-{name}")]
        runs = {}
        for kind in ("cold", "warm"):
            # the report is in the article's folder, known after the first run
            result = run(base, cache=work / f"cache-{name}")
            report = next((work / f"out-{name}").glob("*/report.json"))
            result.stages = json.loads(report.read_text())["stages"]
            runs[kind] = result
            for stage, wall, cpu, main_mb, all_mb in stage_rows(result):
                print(f"{name:<8} {kind:<5} {stage:<13} {wall:>7.2f} {cpu:>7.2f} {main_mb:>8.0f} {all_mb:>7.0f}")
            peak_main = max((s[1] for s in result.samples), default=0) / 2**20
            peak_all = max((s[2] for s in result.samples), default=0) / 2**20
            print(f"{name:<8} {kind:<5} {'total':<13} {result.wall:>7.2f} {result.cpu:>7.2f} {peak_main:>8.0f} {peak_all:>7.0f}")
        print(f"{name:<8} {'raw':<5} {'espeak-ng':<13} {raw.wall:>7.2f} {raw.cpu:>7.2f} {max((s[1] for s in raw.samples), default=0) / 2**20:>8.0f}")
        print(f"{name:<8} {'raw':<5} {'LAME (ffmpeg)':<13} {lame.wall:>7.2f} {lame.cpu:>7.2f}")
        script = json.loads(next((work / f"out-{name}").glob("*/script.json")).read_text())
        summary.append((name, len(text.split()), script["duration"], raw, runs["cold"], runs["warm"], lame))
    # wall-time ratios hold on an idle machine; CPU-time ratios also on a loaded one.
    # floor/raw: espeak-ng's and LAME's CPU time shared perfectly over every core, against raw espeak-ng
    cores = os.cpu_count() or 1
    print(
        f"\n{'article':<8} {'words':>6} {'audio s':>8} {'espeak-ng':>10} {'cold':>8} {'warm':>7} {'cold/raw':>9} {'warm/cold':>10}"
        f" {'CPU c/raw':>10} {'CPU w/c':>8} {'floor/raw':>10} {'main MB':>8} {'all MB':>7}"
    )
    for name, words, duration, raw, cold, warm, lame in summary:
        peak_main = max((s[1] for s in cold.samples), default=0) / 2**20
        peak_all = max((s[2] for s in cold.samples), default=0) / 2**20
        print(
            f"{name:<8} {words:>6} {duration:>8.1f} {raw.wall:>9.2f}s {cold.wall:>7.2f}s {warm.wall:>6.2f}s "
            f"{cold.wall / raw.wall:>8.2f}x {warm.wall / cold.wall:>9.2f}x {cold.cpu / raw.cpu:>9.2f}x {warm.cpu / cold.cpu:>7.2f}x"
            f" {(raw.cpu + lame.cpu) / cores / raw.wall:>9.2f}x {peak_main:>8.0f} {peak_all:>7.0f}"
        )
    long_runs = [row for row in summary if row[0] != "sample"]
    if len(long_runs) >= 2:
        (a, wa, *_, ca, _, _), (b, wb, *_, cb, _, _) = long_runs[0], long_runs[-1]
        print(f"\ncost growth: {b} / {a} cold = {cb.wall / ca.wall:.2f}x wall, {cb.cpu / ca.cpu:.2f}x CPU for {wb / wa:.2f}x the words")
    print(f"load average at end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
