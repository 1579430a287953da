"""A config is checked whole before any work: each mistake is one line naming the file,
the line and the key, exit 2, and nothing is created."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_tools import Run

from heardline.batch.config import load_config
from heardline.errors import UsageError

GOOD = 'output = "out"\n\n[feed]\ntitle = "News"\n\n[[source]]\npath = "*.html"\nfigures = "end"\naudio_format = ["mp3", "ogg"]\n\n[[source]]\nurl = "https://example.org/a"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('figures = "end"', 'figures = "end"\nvoice_profle = "default"'), "batch.toml:9: source[1].voice_profle: unknown key (a source takes: path, url, urls, feed, voice_profile,"),
        (GOOD.replace('figures = "end"', "figures = 3"), "batch.toml:8: source[1].figures: must be one of inline, end, skip, not 3"),
        (GOOD.replace('figures = "end"', 'rate = "fast"'), "batch.toml:8: source[1].rate: must be a whole number, not str 'fast'"),
        (GOOD.replace('audio_format = ["mp3", "ogg"]', 'audio_format = ["mp3", "flac"]'), "batch.toml:9: source[1].audio_format: must be one of mp3, ogg, m4b, wav, not 'flac'"),
        (GOOD.replace('path = "*.html"', 'urls = "missing.txt"'), "batch.toml:7: source[1].urls: no such file: "),
        (GOOD.replace('title = "News"', 'title = "News"\nmax_item = 3'), "batch.toml:5: feed.max_item: unknown key (the feed takes: title,"),
        (GOOD.replace('output = "out"', 'output = "out"\njobs = 2'), "batch.toml:2: jobs: unknown key (the config takes: output, scheduler,"),
        (GOOD.replace('url = "https://example.org/a"', 'url = "ftp://example.org/a"'), "batch.toml:12: source[2].url: must be an http(s) URL, not 'ftp://example.org/a'"),
        (GOOD.replace('url = "https://example.org/a"', 'url = "https://example.org/a"\nfeed = "https://example.org/rss"'), "batch.toml:11: source[2]: needs exactly one of path, url, urls, feed (found url, feed)"),
        (GOOD.replace('figures = "end"', 'voice_profile = "nosuch"'), "batch.toml:8: source[1].voice_profile: voice profile 'nosuch' not found"),
        ('output = "out"\n', "batch.toml:1: source: at least one [[source]] is needed"),
        ('output = "out\n', "batch.toml: not valid TOML: "),
    ],
)
def test_a_config_mistake_names_the_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "batch.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_config(config)
    assert str(caught.value).startswith(f"{config.parent}/{message}")


def test_the_command_refuses_a_bad_config_before_any_work(tmp_path: Path, heardline: Run) -> None:
    config = tmp_path / "batch.toml"
    config.write_text(GOOD.replace('figures = "end"', "figures = true"), encoding="utf-8")
    run = heardline("batch", config)
    assert run.returncode == 2
    assert run.stderr == f"heardline: error: {config}:8: source[1].figures: must be one of inline, end, skip, not True\n"
    assert not (tmp_path / "out").exists()


def test_a_good_config_is_read_with_paths_from_its_folder(tmp_path: Path) -> None:
    config = tmp_path / "batch.toml"
    config.write_text(GOOD, encoding="utf-8")
    read = load_config(config)
    assert read.output == tmp_path / "out"
    assert [(s.kind, s.target) for s in read.sources] == [("path", str(tmp_path / "*.html")), ("url", "https://example.org/a")]
    assert read.sources[0].settings.audio_format == ("mp3", "ogg") and read.sources[0].settings.figures == "end"
    assert read.feed is not None and read.feed.title == "News"


def test_a_voice_profile_path_is_read_from_the_configs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = Path(__file__).parents[2] / "voices"
    (tmp_path / "mine.toml").write_text((profiles / "default.toml").read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "batch.toml"
    config.write_text(GOOD.replace('figures = "end"', 'voice_profile = "mine.toml"'), encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)  # the working folder is not the config's
    read = load_config(config)
    assert read.sources[0].settings.voice_profile == str(tmp_path / "mine.toml")
