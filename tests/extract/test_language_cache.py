"""Language detection: what lingua found for a text is remembered, so an unchanged
article loads no detection model."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from heardline import extract
from heardline.extract import language
from heardline.model import Figure

_DETECT = (
    "import sys\n"
    "from heardline.extract import language\n"
    "if sys.argv[1] == 'cached':\n"
    "    def refuse(texts, codes, low):\n"
    "        raise RuntimeError('a model was loaded')\n"
    "    language._detect_apart = refuse\n"
    "print(language.guess_other_language('Irak Kämpfe im Westen von Mosul', 'en'))\n"
)


def _detect(mode: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", _DETECT, mode], capture_output=True, text=True, env=env, timeout=120)


def test_a_second_process_answers_from_the_cache_without_a_model(tmp_path: Path) -> None:
    first = _detect("fresh", tmp_path)
    assert first.stdout.strip() == "de", first.stderr
    table = json.loads((tmp_path / "heardline" / "languages.json").read_text())
    assert any(key.endswith("|Irak Kämpfe im Westen von Mosul") for key in table)
    second = _detect("cached", tmp_path)
    assert second.returncode == 0 and second.stdout.strip() == "de", second.stderr


def test_without_the_cache_the_model_is_needed(tmp_path: Path) -> None:
    result = _detect("cached", tmp_path)
    assert result.returncode != 0 and "a model was loaded" in result.stderr



def test_short_texts_load_no_model_in_this_process(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from heardline.extract import language\n"
        "print(language.guess_other_languages(['Karte Mossul ENG', 'Image: Reuters/Stringer'], 'en'), 'lingua' in sys.modules)\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.strip() == "['de', None] False", result.stderr


def test_one_detection_process_serves_every_page_until_released(tmp_path: Path) -> None:
    code = (
        "from heardline.extract import language\n"
        "pids = []\n"
        "for text in ('Karte Mossul ENG', 'Irak Kämpfe im Westen von Mosul', 'Carte de la ville de Mossoul'):\n"
        "    found = language.guess_other_languages([text], 'en')\n"
        "    pids.append(language._DETECTOR._process.pid)\n"
        "    print(found[0])\n"
        "language.release_language_models()\n"
        "print(len(set(pids)), language._DETECTOR._process)\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.split("\n")[:4] == ["de", "de", "fr", "1 None"], result.stderr


def _started_within(seconds: float) -> bool:
    """Whether the detection process is started within ``seconds`` (it never is while
    the caller holds up the work that would start it)."""
    for _ in range(int(seconds * 100)):
        if language._DETECTOR._process is not None:
            return True
        time.sleep(0.01)
    return False


def _page(caption: str) -> str:
    return (
        '<html lang="en"><head><title>Bridges</title></head><body><article><h1>Bridges of the river</h1>'
        + "<p>The city has seven bridges over the river, and the oldest of them is four hundred years old.</p>" * 4
        + f'<figure><img src="b.jpg" alt=""><figcaption>{caption}</figcaption></figure></article></body></html>'
    )


def test_figure_languages_are_detected_while_the_opinions_are_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The detection process starts and loads its models on a thread of its own as soon as
    the figures are known, while trafilatura is asked (held up here until it has started)."""
    language.release_language_models()
    started: list[bool] = []
    ask = extract.trafilatura_opinion

    def held_up(*args: Any, **kwargs: Any) -> object:
        started.append(_started_within(60))
        return ask(*args, **kwargs)

    monkeypatch.setattr(extract, "trafilatura_opinion", held_up)
    document = extract.extract_document(_page("Die alte Brücke über den Fluss bei Nacht, vom Ufer aus gesehen"))
    assert started == [True]
    (figure,) = [b for b in document.blocks if isinstance(b, Figure)]
    assert figure.caption_lang == "de"


def test_the_detection_process_started_ahead_serves_the_next_page_too() -> None:
    language.release_language_models()
    pids = []
    for caption, lang in (("Die neue Brücke im Morgennebel, vom Hafen aus gesehen", "de"), ("Le vieux pont sous la neige, vu depuis la rive gauche", "fr")):
        document = extract.extract_document(_page(caption))
        process = language._DETECTOR._process
        assert process is not None and process.poll() is None
        pids.append(process.pid)
        assert [b.caption_lang for b in document.blocks if isinstance(b, Figure)] == [lang]
    language.release_language_models()
    assert pids[0] == pids[1]
