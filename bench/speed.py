"""Speed benchmark (figures, not a test): heardline against raw espeak-ng, in one run.

For the bundled sample and a generated article of about 10,000 words it prints:
raw ``espeak-ng -w`` synthesis of the whole text in one process, heardline
``convert`` cold (empty synthesis cache) and warm (second run), the ratios,
and the peak memory of each run.

    python bench/speed.py [--words 10000] [--jobs N]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from heardline.convert import load_document
from heardline.model import Figure, Heading, ListBlock, Paragraph, Quote

WORDS = ["government", "council", "minister", "city", "river", "report", "people", "officials", "year", "week", "said", "would", "could", "new", "old", "first", "last", "water", "power", "street", "school", "hospital", "market", "police", "court", "election", "budget", "project", "plan", "village", "border", "forces", "energy", "prices", "workers", "union", "company", "shares", "bank", "growth", "rain", "storm", "harbour", "bridge", "museum", "festival", "study", "data"]


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


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a child process."""
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{proc.stderr.decode()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    heardline = shutil.which("heardline") or str(Path(sys.executable).parent / "heardline")
    work = Path(tempfile.mkdtemp(prefix="heardline-bench-"))
    sample = Path(__file__).resolve().parents[1] / "src" / "heardline" / "sample" / "dw-mosul.html"
    long_page = work / "long.html"
    long_page.write_text(generated_article(args.words), encoding="utf-8")
    print(f"{'article':<10} {'words':>6} {'audio s':>8} {'espeak-ng':>10} {'cold mp3':>9} {'warm':>7} {'cold wav':>9} {'cold/raw':>9} {'wav/raw':>8} {'warm/cold':>10} {'peak MB':>8}")
    for name, page in (("sample", sample), ("long", long_page)):
        text = plain_text(page)
        (work / f"{name}.txt").write_text(text, encoding="utf-8")
        raw, _ = timed(["espeak-ng", "-v", "en", "-s", "170", "-w", str(work / f"{name}.wav"), "-f", str(work / f"{name}.txt")])
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        base = [heardline, "convert", str(page), "-q", *jobs]
        cold, peak = timed([*base, "-o", str(work / f"out-{name}"), "--cache-dir", str(work / f"cache-{name}")])
        warm, _ = timed([*base, "-o", str(work / f"out-{name}"), "--cache-dir", str(work / f"cache-{name}")])
        cold_wav, _ = timed([*base, "--audio-format", "wav", "-o", str(work / f"wav-{name}"), "--cache-dir", str(work / f"cache-wav-{name}")])
        import json

        script = json.loads(next((work / f"out-{name}").glob("*/script.json")).read_text())
        print(
            f"{name:<10} {len(text.split()):>6} {script['duration']:>8.1f} {raw:>9.2f}s {cold:>8.2f}s {warm:>6.2f}s {cold_wav:>8.2f}s "
            f"{cold / raw:>8.2f}x {cold_wav / raw:>7.2f}x {warm / cold:>9.2f}x {peak:>8.0f}"
        )
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
