"""Hostile-input benchmark (figures, not a test): time and peak memory of heardline on
a 60 MB page, a 100,000-deep nesting, a double-gzip response and a zip bomb, each beside
a reference that handles the same input without heardline's bounds, in one run.

Each case runs in a process of its own, so its peak memory (max RSS) is its own.

    python bench/hostile.py [--bomb-mb 300]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ARTICLE = "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><article><h1>A big page</h1>{}</article></body></html>"
PARAGRAPH = "<p>The council said the harbour wall would be repaired before the winter storms, at a lower cost than planned.</p>\n"


def run(code: str) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and the outcome (exit status, the end of its last
    line) of ``code`` in a new Python."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace").strip().splitlines()
    _, status, usage = os.wait4(proc.pid, 0)
    last = (output[-1] if output else "").rsplit(": ", 1)[-1].strip()
    return time.perf_counter() - start, usage.ru_maxrss / 1024, f"exit {os.waitstatus_to_exitcode(status)}: {last}"[:46]


def serve(encoded: Path) -> str:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip, gzip")
            self.send_header("Content-Length", str(encoded.stat().st_size))
            self.end_headers()
            self.wfile.write(encoded.read_bytes())

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/bomb"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bomb-mb", type=int, default=300, help="what the double-gzip response and the zip bomb unpack to (MB)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # inputs written a megabyte at a time: this process stays small, so the
        # peak of each case's process (which starts as a copy of it) is that case's
        big = folder / "big.html"
        head, tail = ARTICLE.split("{}")
        with open(big, "w") as fh:
            fh.write(head)
            for _ in range(60 * 2**20 // (len(PARAGRAPH) * 1000)):
                fh.write(PARAGRAPH * 1000)
            fh.write(tail)
        deep = folder / "deep.html"
        deep.write_text(ARTICLE.format("<div>" * 100_000 + PARAGRAPH * 3 + "</div>" * 100_000))
        megabyte = b" " * 2**20
        inner = folder / "inner.gz"
        with gzip.open(inner, "wb", compresslevel=1) as fh:
            for _ in range(args.bomb_mb):
                fh.write(megabyte)
        outer = folder / "outer.gz"
        outer.write_bytes(gzip.compress(inner.read_bytes(), 1))
        url = serve(outer)
        bomb = folder / "bomb.epub"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
            zf.writestr("META-INF/container.xml", "<container/>")
            with zf.open("EPUB/text.xhtml", "w", force_zip64=True) as fh:
                for _ in range(args.bomb_mb):
                    fh.write(megabyte)
        heardline = "import sys; from heardline.cli import main; sys.argv = ['heardline', *{}]; main()"
        cases = [
            (f"60 MB page ({big.stat().st_size / 2**20:.0f} MB file)",
             heardline.format(["convert", str(big), "--no-audio", "-o", str(folder / "out")]),
             "lxml parses it whole", f"import lxml.html; r = lxml.html.parse({str(big)!r}); print(len(r.getroot()))"),
            ("100,000-deep nesting",
             heardline.format(["inspect", str(deep)]),
             "BeautifulSoup(lxml) parses it", f"from bs4 import BeautifulSoup; s = BeautifulSoup(open({str(deep)!r}).read(), 'lxml'); print('parsed')"),
            (f"double-gzip response ({outer.stat().st_size / 2**10:.0f} KB, {args.bomb_mb} MB inside)",
             heardline.format(["inspect", "--allow-private-network", url]),
             "httpx reads it", f"import httpx; print(len(httpx.get({url!r}).content))"),
            (f"zip bomb ({bomb.stat().st_size / 2**20:.1f} MB, {args.bomb_mb} MB inside)",
             heardline.format(["validate", "--no-ace", str(bomb)]),
             "zipfile reads the entry", f"import zipfile; print(len(zipfile.ZipFile({str(bomb)!r}).read('EPUB/text.xhtml')))"),
        ]
        header = f"| {'input':<44} | {'heardline':>9} | {'peak MB':>7} | {'heardline says':<46} | {'reference':<29} | {'time':>7} | {'peak MB':>7} |"
        print(header)
        print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
        for name, code, reference, ref_code in cases:
            seconds, peak, said = run(code)
            ref_seconds, ref_peak, _ = run(ref_code)
            print(f"| {name:<44} | {seconds:>8.2f}s | {peak:>7.0f} | {said:<46} | {reference:<29} | {ref_seconds:>6.2f}s | {ref_peak:>7.0f} |")


if __name__ == "__main__":
    main()
