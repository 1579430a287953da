"""Run extraction over the evaluation corpus (../shared/corpus/) and print a table.

A benchmark, not a test: it prints figures to improve the extractor with.
Per page: headline found (matches the page's <h1>/metadata), blocks, headings,
figures (with alt / in another language), skip links, language, and chrome
phrases that leaked into the blocks, plus the extraction time.

    python bench/corpus.py [CORPUS_DIR] [-v]
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from heardline.errors import HeardlineError
from heardline.extract import extract_document
from heardline.model import Figure, Heading, Paragraph, Related
from heardline.read import read_source

# phrases of site chrome that must never reach the blocks
CHROME = re.compile(
    r"cookie|newsletter|subscribe|abonnier|sign up|share on|teilen|facebook|twitter|whatsapp|most read|"
    r"meistgelesen|related content|advertisement|anzeige|permalink|all rights reserved|privacy policy|"
    r"datenschutz|impressum|comments|kommentare|skip to|zum inhalt|read more$",
    re.I,
)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    pages = sorted(p for p in root.iterdir() if (p / "source.html").exists())
    header = f"{'page':<30} {'head':<4} {'lang':<5} {'blocks':>6} {'h2+':>4} {'paras':>5} {'figs':>4} {'alt':>4} {'alt≠':>4} {'skip':>4} {'feat skip':>9} {'ms':>5}  chrome let through"
    print(header)
    print("-" * len(header))
    for folder in pages:
        features = json.loads((folder / "features.json").read_text()) if (folder / "features.json").exists() else {}
        start = time.perf_counter()
        try:
            page = read_source(str(folder / "source.html"))
            doc = extract_document(page.html, page.source, page.url)
        except HeardlineError as exc:
            print(f"{folder.name:<30} ERROR {exc}")
            continue
        ms = (time.perf_counter() - start) * 1000
        h1s = [h.lower() for h in features.get("h1", [])]
        head_ok = any(doc.headline.lower().strip() in h or h in doc.headline.lower() for h in h1s) if h1s else bool(doc.headline)
        figures = [b for b in doc.blocks if isinstance(b, Figure)]
        leaks = sorted({m.group(0).lower() for b in doc.blocks if not isinstance(b, Related) for m in CHROME.finditer(getattr(b, "text", "") or "")})
        print(
            f"{folder.name:<30} {'yes' if head_ok else 'NO':<4} {doc.lang:<5} {len(doc.blocks):>6} "
            f"{sum(isinstance(b, Heading) and b.level > 1 for b in doc.blocks):>4} "
            f"{sum(isinstance(b, Paragraph) for b in doc.blocks):>5} {len(figures):>4} "
            f"{sum(bool(f.alt) for f in figures):>4} {sum(bool(f.alt_lang) for f in figures):>4} "
            f"{len(doc.skip_links):>4} {len(features.get('skiplinks', [])):>9} {ms:>5.0f}  {', '.join(leaks)}"
        )
        if verbose:
            from heardline.cli import outline

            print(outline(doc))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
