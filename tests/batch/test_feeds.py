"""Remote sources from a local HTTP server: an RSS and an Atom feed and a single URL.
New entries are converted, seen ones skipped without a request, and a 304 answer to
a conditional request (ETag / Last-Modified) is honoured."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_tools import article, by_result, log_lines
from cli_tools import Run

pytestmark = pytest.mark.slow

HTML = {"Content-Type": "text/html; charset=utf-8"}


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item>"
        for path, title in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>City</title><link>{base}/</link>{entries}</channel></rss>'.encode()


def atom(base: str) -> bytes:
    # the entry's link is gone (404), but the feed carries the whole article
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Region</title><id>{base}/atom</id>
<updated>2026-03-02T08:00:00Z</updated>
<entry><title>Mountain road reopens after landslide</title><id>{base}/gone</id><link href="{base}/gone"/>
<updated>2026-03-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;The mountain road reopened this morning after crews cleared the landslide that had blocked it for a week.&lt;/p&gt;</content>
</entry></feed>""".encode()


def test_feeds_and_urls_new_items_converted_seen_items_skipped_304_honoured(tmp_path: Path, http_server, heardline: Run) -> None:  # type: ignore[no-untyped-def]
    base = http_server.base
    pages = {
        "/tram.html": ("New tram stop near the hospital", "A new tram stop opened near the hospital on Monday morning."),
        "/pool.html": ("Open air pool opens early", "The open air pool opens two weeks early because of the warm weather."),
        "/zoo.html": ("Zoo welcomes two red pandas", "Two red pandas arrived at the zoo from a breeding programme abroad."),
        "/park.html": ("Park gets new benches", "The central park got forty new benches made from recycled plastic."),
    }
    for path, (headline, text) in pages.items():
        http_server.route(path, article(headline, text).encode(), headers={**HTML, "ETag": f'"{path}-1"'})
    http_server.route("/park.html", article(*pages["/park.html"]).encode(), headers={**HTML, "Last-Modified": "Mon, 02 Mar 2026 08:00:00 GMT"})
    feed_headers = {"Content-Type": "application/rss+xml", "ETag": '"rss-1"'}
    http_server.route("/rss.xml", rss(base, [("/tram.html", "Tram"), ("/pool.html", "Pool")]), headers=feed_headers)
    http_server.route("/atom.xml", atom(base), headers={"Content-Type": "application/atom+xml", "Last-Modified": "Mon, 02 Mar 2026 08:00:00 GMT"})
    config = tmp_path / "batch.toml"
    config.write_text(
        f'output = "out"\nallow_private_network = true\n[feed]\ntitle = "Audio"\n'
        f'[[source]]\nfeed = "{base}/rss.xml"\n[[source]]\nfeed = "{base}/atom.xml"\n[[source]]\nurl = "{base}/park.html"\n',
        encoding="utf-8",
    )
    log = tmp_path / "log.jsonl"

    first = heardline("batch", config, "--log-file", log)
    assert first.returncode == 0, first.stderr
    assert by_result(log_lines(log)) == {"converted": {"tram.html", "pool.html", "gone", "park.html"}}
    assert (tmp_path / "out" / "mountain-road-reopens-after-landslide" / "mountain-road-reopens-after-landslide.mp3").is_file()
    http_server.log.clear()

    # nothing changed: the feeds and the page answer 304, the seen entries are not asked for
    second = heardline("batch", config, "--log-file", log)
    assert second.returncode == 0, second.stderr
    assert by_result(log_lines(log)) == {"unchanged": {"tram.html", "pool.html", "gone", "park.html"}}
    assert sorted(http_server.log) == [("/atom.xml", 304), ("/park.html", 304), ("/rss.xml", 304)]
    http_server.log.clear()

    # a new entry in the RSS feed: only it is fetched and converted
    http_server.route("/rss.xml", rss(base, [("/zoo.html", "Zoo"), ("/tram.html", "Tram"), ("/pool.html", "Pool")]), headers={**feed_headers, "ETag": '"rss-2"'})
    third = heardline("batch", config, "--log-file", log)
    assert third.returncode == 0, third.stderr
    assert by_result(log_lines(log)) == {"converted": {"zoo.html"}, "unchanged": {"tram.html", "pool.html", "gone", "park.html"}}
    assert sorted(http_server.log) == [("/atom.xml", 304), ("/park.html", 304), ("/rss.xml", 200), ("/zoo.html", 200)]
