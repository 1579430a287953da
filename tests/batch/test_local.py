"""A batch over local files, run after run: a broken source fails alone and is retried
with back-off until fixed; an edited source alone is converted again; --dry-run and
--prune. The tests share one output folder and run in order."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from batch_tools import article, by_result, log_lines
from cli_tools import Run

pytestmark = pytest.mark.slow

TEXTS = {
    "harbour": ("Harbour reopens after storm", "The harbour reopened on Monday after a week of repairs."),
    "library": ("Library opens its new wing", "The city library opened a new wing for children."),
    "bridge": ("Old bridge closed for checks", "Engineers closed the old bridge for safety checks."),
    "market": ("Farmers market moves indoors", "The weekly market moved into the old station hall."),
}


def _config(folder: Path, retry_delay: int, base_url: str = "https://example.org/audio/") -> Path:
    config = folder / "batch.toml"
    config.write_text(
        f'output = "out"\nretry_delay = {retry_delay}\n\n[feed]\ntitle = "Local news"\nbase_url = "{base_url}"\n\n'
        '[[source]]\npath = "articles/*.html"\n',
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("local-batch")
    (folder / "articles").mkdir()
    for name, (headline, text) in TEXTS.items():
        (folder / "articles" / f"{name}.html").write_text(article(headline, text), encoding="utf-8")
    (folder / "articles" / "broken.html").write_bytes(b"%PDF-1.4 not a page at all")
    _config(folder, retry_delay=0)
    return folder


def test_a_broken_source_fails_alone_is_retried_with_back_off_and_converts_once_fixed(site: Path, heardline: Run) -> None:
    config, log, out = site / "batch.toml", site / "log.jsonl", site / "out"

    first = heardline("batch", config, "--jobs", "2", "--log-file", log)
    assert first.returncode == 1, first.stderr
    assert first.stderr.strip().splitlines() == [
        f"heardline: 4 converted, 1 failed: {site / 'articles' / 'broken.html'}: is a PDF document, not an HTML page"
    ]
    lines = log_lines(log)
    assert by_result(lines) == {"converted": {f"{n}.html" for n in TEXTS}, "failed": {"broken.html"}}
    converted = [line for line in lines if line["result"] == "converted"]
    assert all(line["slug"] and line["synthesized"] + line["cached"] > 0 and "speak" in line["seconds"] for line in converted)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        ["cover.png", "feed.xml", *(slug for slug, _ in [(h.lower().replace(" ", "-"), 0) for h, _ in TEXTS.values()])]
    )

    # the failed one is tried again (retry_delay = 0), the others are not touched
    second = heardline("batch", config, "--log-file", log)
    assert second.returncode == 1
    assert by_result(log_lines(log)) == {"unchanged": {f"{n}.html" for n in TEXTS}, "failed": {"broken.html"}}

    # with a back-off in force it waits: no attempt, nothing failed this run, exit 0
    _config(site, retry_delay=3600)
    waiting = heardline("batch", config, "--log-file", log)
    assert waiting.returncode == 0, waiting.stderr
    assert by_result(log_lines(log)) == {"unchanged": {f"{n}.html" for n in TEXTS}, "waiting": {"broken.html"}}
    status = heardline("status", out)
    row = next(line for line in status.stdout.splitlines() if "broken.html" in line)
    assert " failed " in row and " 2 " in row and "is a PDF document" in row  # two attempts so far

    # fixed, and the back-off over: it converts; -q prints nothing
    _config(site, retry_delay=0)
    (site / "articles" / "broken.html").write_text(article("Broken page mended", "The page that was broken works again since the editors mended it this morning."), encoding="utf-8")
    fixed = heardline("batch", config, "-q", "--log-file", log)
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, "", "")
    assert by_result(log_lines(log)) == {"unchanged": {f"{n}.html" for n in TEXTS}, "converted": {"broken.html"}}
    assert len(feedparser.parse((out / "feed.xml").read_bytes()).entries) == 5


def test_an_edited_source_alone_is_converted_again_and_its_feed_item_updated(site: Path, heardline: Run) -> None:
    config, log, out = site / "batch.toml", site / "log.jsonl", site / "out"
    assert heardline("batch", config, "-q").returncode == 0
    before = {p.name: (p / f"{p.name}.mp3").stat().st_ino for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")}
    (site / "articles" / "library.html").write_text(
        article(TEXTS["library"][0], "The city library opened a new wing for children and a reading garden."), encoding="utf-8"
    )
    run = heardline("batch", config, "--log-file", log)
    assert run.returncode == 0, run.stderr
    lines = log_lines(log)
    assert by_result(lines) == {"unchanged": {"harbour.html", "bridge.html", "market.html", "broken.html"}, "converted": {"library.html"}}
    assert next(line for line in lines if line["result"] == "converted")["reason"] == "changed"
    after = {p.name: (p / f"{p.name}.mp3").stat().st_ino for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")}
    assert {k for k in before if before[k] != after[k]} == {"library-opens-its-new-wing"}
    item = next(e for e in feedparser.parse((out / "feed.xml").read_bytes()).entries if e.title == TEXTS["library"][0])
    assert "reading garden" in item.description

    # a new [feed] table: the feed is written again, nothing is converted
    _config(site, retry_delay=0, base_url="https://audio.example.net/")
    run = heardline("batch", config, "--log-file", log)
    assert run.returncode == 0 and set(by_result(log_lines(log))) == {"unchanged"}
    links = [e.enclosures[0].href for e in feedparser.parse((out / "feed.xml").read_bytes()).entries]
    assert len(links) == 5 and all(link.startswith("https://audio.example.net/") for link in links)


def test_dry_run_changes_nothing_and_prune_removes_what_left_the_config(site: Path, heardline: Run) -> None:
    config, out = site / "batch.toml", site / "out"
    (site / "articles" / "ferry.html").write_text(article("New ferry line to the island", "A ferry now sails to the island."), encoding="utf-8")
    (site / "articles" / "bridge.html").unlink()
    dry = heardline("batch", config, "--dry-run", "--prune")
    assert dry.returncode == 0, dry.stderr
    assert any(line.startswith("would convert") and "ferry.html (new)" in line for line in dry.stdout.splitlines())
    assert any(line.startswith("would prune") and "bridge.html" in line for line in dry.stdout.splitlines())
    assert not (out / "new-ferry-line-to-the-island").exists() and (out / "old-bridge-closed-for-checks").is_dir()

    pruned = heardline("batch", config, "--prune")
    assert pruned.returncode == 0, pruned.stderr
    assert (out / "new-ferry-line-to-the-island").is_dir() and not (out / "old-bridge-closed-for-checks").exists()
    assert "bridge.html" not in heardline("status", out).stdout
    titles = {e.title for e in feedparser.parse((out / "feed.xml").read_bytes()).entries}
    assert TEXTS["bridge"][0] not in titles and "New ferry line to the island" in titles
