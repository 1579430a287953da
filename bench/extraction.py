"""Extraction quality benchmark (figures, not a test): heardline beside trafilatura, in one run.

On the WCXB dev article pages (../shared/benchmark/wcxb-dev/) and the evaluation
corpus (../shared/corpus/) it prints, per system: mean word F1, precision, recall,
the share of clean pages (P and R both >= 0.95), failures (no body) and the median
milliseconds per page, for all WCXB pages and for its odd- and even-numbered halves
(rules are tuned looking at even-numbered pages only, so the odd half shows whether
they carry over to pages nobody looked at); then the worst pages with what was
missed and what leaked.

The metric is the benchmark's: lower-case ``\\w+`` tokens of the body and of the
reference as multisets. heardline's body is what it narrates as the article's
text: paragraphs other than date lines, subheadings, list items and quotes, in
order, without the headline, figures, bylines and related links.

    HEARDLINE_SHARED=/path/to/shared python bench/extraction.py [--sample N] [--seed S] [--jobs 2] [--worst 15]
                               [--save FILE] [--compare FILE] [--only heardline]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# ../shared beside the clone; HEARDLINE_SHARED names another place (a worktree's)
SHARED = Path(os.environ.get("HEARDLINE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
WCXB = SHARED / "benchmark" / "wcxb-dev"
CORPUS = SHARED / "corpus"
_WORD = re.compile(r"\w+")
SYSTEMS = ("heardline", "trafilatura")


@dataclass
class Score:
    system: str
    page: str
    f1: float = 0.0
    precision: float = 0.0
    recall: float = 0.0
    ms: float = 0.0
    failed: str = ""
    missed: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def score(predicted: str, reference: str) -> tuple[float, float, float]:
    """Word-level (precision, recall, F1) of two texts as multisets of tokens."""
    pred, ref = Counter(words(predicted)), Counter(words(reference))
    if not pred and not ref:
        return 1.0, 1.0, 1.0
    common = sum((pred & ref).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _foreign_lines(lines: list[str], other: str, limit: int = 3) -> list[str]:
    """The longest lines of ``lines`` whose words are mostly absent from ``other``: first words of each."""
    bag = Counter(words(other))
    found: list[tuple[int, str]] = []
    for line in lines:
        toks = words(line)
        if len(toks) < 3:
            continue
        absent = sum(1 for t in toks if bag[t] == 0)
        if absent >= 0.5 * len(toks):
            found.append((len(toks), " ".join(line.split()[:9])))
    return [text for _, text in sorted(found, reverse=True)[:limit]]


def heardline_body(html: str, url: str) -> str:
    from heardline.extract import extract_document
    from heardline.model import Heading, ListBlock, Paragraph, Quote
    from heardline.read import prepare_html

    doc = extract_document(prepare_html(html)[0], "page", url)
    lines: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph) and b.role != "date" or isinstance(b, Heading) and b.level > 1:
            lines.append(b.text)
        elif isinstance(b, ListBlock):
            lines.extend(b.items)
        elif isinstance(b, Quote):
            lines.append(b.text)
    return "\n".join(lines)


def trafilatura_body(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


BODIES: dict[str, Callable[[str, str], str]] = {"heardline": heardline_body, "trafilatura": trafilatura_body}


def _load(page: Path) -> tuple[str, str, str]:
    """(html, url, reference text) of one benchmark or corpus page."""
    from heardline.read import decode_html

    if page.suffix == ".gz":
        data = gzip.decompress(page.read_bytes())
        truth = json.loads((WCXB / "ground-truth" / page.name.replace(".html.gz", ".json")).read_text())
        html, _ = decode_html(data, page.name)
        return html, truth.get("url", ""), truth["ground_truth"].get("main_content") or ""
    html, _ = decode_html((page / "source.html").read_bytes(), page.name)
    return html, _corpus_url(page), _corpus_reference(page)


def _corpus_url(folder: Path) -> str:
    features = folder / "features.json"
    return str(json.loads(features.read_text()).get("url", "")) if features.exists() else ""


def _corpus_reference(folder: Path) -> str:
    """The corpus page's full reference text where it has one (readability's or a benchmark's)."""
    from heardline.read import decode_html

    expected = folder / "expected.html"
    if expected.exists():
        import lxml.html

        text = lxml.html.fromstring(decode_html(expected.read_bytes(), expected.name)[0]).text_content()
        return str(text)
    body = folder / "expected-articleBody.json"
    if body.exists():
        return str(json.loads(body.read_text()).get("articleBody", ""))
    return ""


def run_page(args: tuple[str, tuple[str, ...]]) -> list[Score]:
    """Every system on one page (in a worker process)."""
    path, systems = args
    page = Path(path)
    name = page.name.split(".")[0]
    try:
        html, url, reference = _load(page)
    except Exception as exc:  # a page the bench cannot read is reported, not fatal
        return [Score(s, name, failed=f"unreadable: {exc}") for s in systems]
    out = []
    for system in systems:
        start = time.perf_counter()
        try:
            body = BODIES[system](html, url)
            failed = "" if words(body) else "empty"
        except Exception as exc:  # an extractor's failure is a figure of the bench
            body, failed = "", type(exc).__name__
        ms = (time.perf_counter() - start) * 1000
        p, r, f1 = score(body, reference) if reference else (0.0, 0.0, 0.0)
        result = Score(system, name, f1, p, r, ms, failed)
        if reference:
            result.missed = _foreign_lines(reference.splitlines(), body)
            result.leaked = _foreign_lines(body.splitlines(), reference)
        else:
            result.failed = result.failed or "no reference"
        out.append(result)
    return out


def _init_worker() -> None:
    os.nice(5)


def measure(pages: list[Path], systems: tuple[str, ...], jobs: int) -> list[Score]:
    work = [(str(p), systems) for p in pages]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
        return [s for scores in pool.map(run_page, work, chunksize=4) for s in scores]


def table(title: str, scores: list[Score], systems: tuple[str, ...]) -> None:
    print(f"\n{title}")
    header = f"| {'system':<12} | {'pages':>5} | {'F1':>6} | {'P':>6} | {'R':>6} | {'clean':>6} | {'failed':>6} | {'ms/page':>7} |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for system in systems:
        rows = [s for s in scores if s.system == system and s.failed != "no reference"]
        if not rows:
            continue
        n = len(rows)
        clean = sum(s.precision >= 0.95 and s.recall >= 0.95 for s in rows)
        failed = sum(bool(s.failed) for s in rows)
        ms = statistics.median(s.ms for s in scores if s.system == system)
        print(
            f"| {system:<12} | {n:>5} | {sum(s.f1 for s in rows) / n:>6.3f} | {sum(s.precision for s in rows) / n:>6.3f} | "
            f"{sum(s.recall for s in rows) / n:>6.3f} | {100 * clean / n:>5.1f}% | {failed:>6} | {ms:>7.0f} |"
        )


def worst(scores: list[Score], count: int) -> None:
    rows = sorted((s for s in scores if s.system == "heardline" and s.failed != "no reference"), key=lambda s: s.f1)[:count]
    if not rows:
        return
    others = {(s.page, s.system): s for s in scores}
    print(f"\nheardline's {len(rows)} worst pages (trafilatura's F1 beside)")
    for s in rows:
        traf = others.get((s.page, "trafilatura"))
        beside = f" traf {traf.f1:.2f}" if traf else ""
        print(f"  {s.page:<28} F1 {s.f1:.2f} P {s.precision:.2f} R {s.recall:.2f}{beside} {s.failed}")
        for line in s.missed:
            print(f"      missed: {line} …")
        for line in s.leaked:
            print(f"      leaked: {line} …")


def compare(scores: list[Score], path: Path, margin: float = 0.05) -> None:
    """Pages where heardline is worse than in a saved run by more than ``margin``."""
    before = {row["page"]: row["f1"] for row in json.loads(path.read_text()) if row["system"] == "heardline"}
    now = {s.page: s.f1 for s in scores if s.system == "heardline" and s.page in before}
    worse = sorted((now[p] - before[p], p) for p in now if now[p] < before[p] - margin)
    better = sum(now[p] > before[p] + margin for p in now)
    print(f"\nagainst {path.name}: {better} pages better by > {margin}, {len(worse)} worse by > {margin}")
    for delta, page in worse:
        print(f"  {page:<28} {before[page]:.2f} -> {now[page]:.2f} ({delta:+.2f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sample", type=int, default=0, help="a random subset of this many WCXB pages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--worst", type=int, default=15)
    parser.add_argument("--only", choices=SYSTEMS, help="measure one system")
    parser.add_argument("--save", type=Path, help="write the per-page scores as JSON")
    parser.add_argument("--compare", type=Path, help="per-page scores saved by an earlier --save")
    options = parser.parse_args()
    if not WCXB.is_dir() and not CORPUS.is_dir():
        print(f"bench: no benchmark pages at {WCXB} or {CORPUS} (../shared is absent): nothing to measure")
        return 0
    systems = (options.only,) if options.only else SYSTEMS
    with tempfile.TemporaryDirectory(prefix="heardline-bench-cache-") as cache:
        # every run as a first run: what heardline remembers (languages found) starts empty and is not kept
        os.environ["XDG_CACHE_HOME"] = cache
        return _run(options, systems)


def _run(options: argparse.Namespace, systems: tuple[str, ...]) -> int:
    scores: list[Score] = []
    if WCXB.is_dir():
        pages = sorted((WCXB / "html").glob("*.html.gz"))
        if options.sample:
            pages = sorted(random.Random(options.seed).sample(pages, min(options.sample, len(pages))))
        wcxb = measure(pages, systems, options.jobs)
        table(f"WCXB dev articles ({len(pages)} pages)", wcxb, systems)
        for half, rest in (("odd", 1), ("even", 0)):
            table(f"… {half}-numbered pages", [s for s in wcxb if int(s.page) % 2 == rest], systems)
        worst(wcxb, options.worst)
        scores += wcxb
    if CORPUS.is_dir() and not options.sample:
        folders = sorted(p for p in CORPUS.iterdir() if (p / "source.html").exists())
        corpus = measure(folders, systems, options.jobs)
        table(f"corpus ({len(folders)} pages; F1 where a full reference text exists)", corpus, systems)
        scores += corpus
    if options.compare:
        compare(scores, options.compare)
    if options.save:
        options.save.write_text(json.dumps([s.__dict__ for s in scores], indent=0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
