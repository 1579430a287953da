"""Narration in the page's language: every phrase heardline adds, the voice of the
page's region, bylines and dates said once, and the EPUB of an article by two authors."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

from heardline.chapters import split_chapters
from heardline.convert import AudioOptions, Options, convert, load_document
from heardline.locale import MONTHS, PHRASES, base_language
from heardline.model import Document
from heardline.narrate import narrate
from heardline.script import Script
from heardline.speak import choose_voice, list_voices
from heardline.validate import run_epubcheck
from heardline.voices import load_profile, voices_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROFILE = load_profile("default")

ITALIAN = """<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>Alluvione a Bologna</title>
<meta name="author" content="Giulia Bianchi"><meta property="article:published_time" content="2024-05-03T10:00:00+02:00"></head>
<body><article><h1>Alluvione a Bologna</h1>
<p class="lead">Il fiume Reno è esondato nella notte: evacuate 1.200 persone.</p>
<figure><img src="reno.jpg" alt="Il fiume Reno in piena a Bologna"><figcaption>Il fiume Reno in piena a Bologna. Foto: ANSA</figcaption></figure>
<p>Il sindaco ha parlato alle 19:30. Le piogge hanno superato i 150 mm in 24 ore.</p>
<p>dpa/AFP</p></article></body></html>"""

BRAZILIAN = """<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>Chuva em São Paulo</title>
<meta name="author" content="Ana Souza"><meta property="article:published_time" content="2024-05-03T10:00:00-03:00"></head>
<body><article><h1>Chuva em São Paulo</h1>
<p class="lead">A chuva deixou 1.200 pessoas desalojadas.</p>
<figure><img src="chuva.jpg" alt="Rua alagada em São Paulo"><figcaption>Rua alagada no centro. Foto: Reuters</figcaption></figure>
<p>A prefeitura liberou R$ 2,5 milhões.</p>
<p>AFP, Reuters</p></article></body></html>"""

TWO_AUTHORS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour reopens</title>
<meta property="article:published_time" content="2024-05-03T10:00:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour reopens",
 "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}</script></head>
<body><article><div class="byline">By Jane Doe and John Roe</div><h1>Harbour reopens</h1>
<div class="byline">By Jane Doe and John Roe</div>
<p class="lead">The harbour reopened on Friday after a month of repairs.</p>
<p>Ferries will run every hour from Monday, the port authority said.</p></article></body></html>"""


def page(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def script_of(path: Path) -> tuple[Document, Script]:
    document = load_document(str(path))[1]
    return document, narrate(document, split_chapters(document), PROFILE)


def test_every_language_of_the_profiles_has_every_phrase() -> None:
    profiles = [tomllib.loads(path.read_text(encoding="utf-8")) for path in voices_dir().glob("*.toml")]
    languages = {base_language(tag) for profile in profiles for tag in profile.get("voices", {})}
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "no", "tr", "ar"} <= languages
    keys = set(PHRASES["en"])
    missing = {lang: sorted(keys - set(PHRASES.get(lang, {}))) for lang in languages}
    assert {lang: m for lang, m in missing.items() if m} == {}
    untranslated = {lang: [k for k in keys if lang != "en" and PHRASES[lang][k] == PHRASES["en"][k] and k not in ("video", "source")]
                    for lang in languages}
    assert all(len(same) <= 4 for same in untranslated.values()), untranslated  # "Foto", "Video" may agree; sentences not
    assert languages - {"ar"} <= set(MONTHS)


def test_italian_page_speaks_italian_throughout(tmp_path: Path) -> None:
    document, script = script_of(page(tmp_path, "it.html", ITALIAN))
    said = [s.text for s in script.segments]
    assert {s.lang for s in script.segments} == {"it"}
    assert "Pubblicato il 3 maggio 2024" in said and "Di Giulia Bianchi" in said
    assert "Foto: Il fiume Reno in piena a Bologna." in said  # the alt text repeats the caption: said once
    assert not any(s.role == "alt" for s in script.segments)
    assert "Immagine: Ansa" in said and "L'articolo" in said
    assert document.agencies == ("dpa", "AFP") and said[-1] == "Con materiale di dpa e A F P."
    assert "Il sindaco ha parlato alle 19 e 30." in said
    assert "Le piogge hanno superato i 150 millimetri in 24 ore." in said
    english = {"Published", "By", "Photo", "Image", "Main story", "With material"}
    assert not [t for t in said if any(t.startswith(w) for w in english)]


def test_brazilian_page_gets_brazilian_phrases_and_the_brazilian_voice(tmp_path: Path) -> None:
    document, script = script_of(page(tmp_path, "br.html", BRAZILIAN))
    said = [s.text for s in script.segments]
    assert {s.lang for s in script.segments} == {"pt-BR"}
    assert said[1:3] == ["Publicado em 3 de maio de dois mil e vinte e quatro", "Por Ana Souza"]
    assert "A chuva deixou mil e duzentas pessoas desalojadas." in said
    assert "A prefeitura liberou dois vírgula cinco milhões de reais." in said
    assert said[-1] == "Com informações de A F P e Reuters." and document.agencies == ("AFP", "Reuters")
    voices = list_voices()
    chosen = {choose_voice(PROFILE, s.role, s.lang, voices, document.lang) for s in script.segments}
    assert chosen == {("roa/pt-br", None)}
    italian = {choose_voice(PROFILE, "body", "it", voices, "it")}
    assert italian == {("roa/it", None)}


@pytest.mark.slow
def test_brazilian_page_is_synthesised_with_the_brazilian_voice(tmp_path: Path) -> None:
    source = page(tmp_path, "br.html", BRAZILIAN.replace("<p>A prefeitura liberou R$ 2,5 milhões.</p>", ""))
    result = convert(str(source), Options(out_dir=tmp_path / "out", epub=False, audio=AudioOptions(formats=("mp3",))))
    report = json.loads((result.folder / "report.json").read_text(encoding="utf-8"))
    assert report["synthesis"]["voices"] == ["pt-BR:roa/pt-br"]
    assert "Publicado em 3 de maio de 2024" in (result.folder / "transcript.vtt").read_text(encoding="utf-8")


def test_byline_above_and_below_the_headline_is_said_once(tmp_path: Path) -> None:
    _, script = script_of(page(tmp_path, "two.html", TWO_AUTHORS))
    said = [s.text for s in script.segments]
    assert sum("Jane Doe" in t for t in said) == 1, said
    assert "By Jane Doe and John Roe" in said
    assert sum(t.startswith("Published") for t in said) == 1


@pytest.mark.slow
def test_an_article_by_two_authors_passes_epubcheck(tmp_path: Path) -> None:
    source = page(tmp_path, "two.html", TWO_AUTHORS)
    result = convert(str(source), Options(out_dir=tmp_path / "out", audio=AudioOptions(enabled=False)))
    book = result.folder / f"{result.slug}.epub"
    with zipfile.ZipFile(book) as zf:
        opf = next(zf.read(n).decode() for n in zf.namelist() if n.endswith(".opf"))
    assert opf.count("<dc:creator") == 2 and "Jane Doe" in opf and "John Roe" in opf
    assert [f for f in run_epubcheck(book) if f.severity in ("error", "warning")] == []


def test_no_utterance_is_longer_than_400_characters(tmp_path: Path) -> None:
    clause = "the committee heard evidence from residents, engineers and officials about the flood defences"
    long_alt = "; ".join([clause] * 8)
    html = ITALIAN.replace('alt="Il fiume Reno in piena a Bologna"', f'alt="{long_alt}"').replace(
        "<p>Il sindaco ha parlato alle 19:30.", "<p>" + ", ".join(["il sindaco ha parlato con i cittadini del quartiere"] * 12) + ".")
    _, script = script_of(page(tmp_path, "long.html", html))
    assert max(len(s.text) for s in script.segments) <= 400
    assert sum(s.role == "alt" for s in script.segments) >= 2  # the alt text cut at its clauses, all of it said
