"""Language detection: what lingua found for a text is remembered, so an unchanged
article loads no detection model."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
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


def test_figure_languages_are_detected_while_the_opinions_are_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The detection process starts and loads its models on a thread of its own as soon as
    the figures are known, not after the opinions: it is ready sooner."""
    language.release_language_models()  # a fresh process: it takes far longer to answer than the opinions take to be asked
    running: list[list[str]] = []
    ask = extract.trafilatura_opinion

    def watched(*args: Any, **kwargs: Any) -> object:
        running.append([t.name.rsplit("_", 1)[0] for t in threading.enumerate() if t.name.startswith("heardline-languages")])
        return ask(*args, **kwargs)

    monkeypatch.setattr(extract, "trafilatura_opinion", watched)
    page = (
        '<html lang="en"><head><title>Bridges</title></head><body><article><h1>Bridges of the river</h1>'
        + "<p>The city has seven bridges over the river, and the oldest of them is four hundred years old.</p>" * 4
        + '<figure><img src="b.jpg" alt=""><figcaption>Die alte Brücke über den Fluss bei Nacht, vom Ufer aus gesehen</figcaption></figure>'
        + "</article></body></html>"
    )
    document = extract.extract_document(page)
    language.release_language_models()
    assert running == [["heardline-languages"]]
    (figure,) = [b for b in document.blocks if isinstance(b, Figure)]
    assert figure.caption_lang == "de"
