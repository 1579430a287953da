"""The few words narration adds to the page's own, in the document's language."""

from __future__ import annotations

import re

_PHRASES: dict[str, dict[str, str]] = {
    "en": {"published": "Published {date}", "by": "By {names}", "photo": "Photo", "map": "Map", "chart": "Chart",
           "gallery": "Gallery", "video": "Video", "credit": "Image: {credit}", "read_more": "Read more: {text}",
           "agencies": "With material from {agencies}.", "and": "and"},
    "de": {"published": "Veröffentlicht am {date}", "by": "Von {names}", "photo": "Foto", "map": "Karte", "chart": "Grafik",
           "gallery": "Bildergalerie", "video": "Video", "credit": "Bild: {credit}", "read_more": "Mehr dazu: {text}",
           "agencies": "Mit Material von {agencies}.", "and": "und"},
    "fr": {"published": "Publié le {date}", "by": "Par {names}", "photo": "Photo", "map": "Carte", "chart": "Graphique",
           "gallery": "Galerie", "video": "Vidéo", "credit": "Image : {credit}", "read_more": "Lire aussi : {text}",
           "agencies": "Avec {agencies}.", "and": "et"},
    "es": {"published": "Publicado el {date}", "by": "Por {names}", "photo": "Foto", "map": "Mapa", "chart": "Gráfico",
           "gallery": "Galería", "video": "Vídeo", "credit": "Imagen: {credit}", "read_more": "Lea también: {text}",
           "agencies": "Con información de {agencies}.", "and": "y"},
    "pt": {"published": "Publicado em {date}", "by": "Por {names}", "photo": "Foto", "map": "Mapa", "chart": "Gráfico",
           "gallery": "Galeria", "video": "Vídeo", "credit": "Imagem: {credit}", "read_more": "Leia também: {text}",
           "agencies": "Com informações de {agencies}.", "and": "e"},
}

# interaction instructions that mean nothing to a listener
_INSTRUCTIONS = re.compile(
    r"\s*[(\[]?\s*(?:click|tap|klicken|klick|cliquez|clique|haga clic|pulse|toque)\b[^()\[\]]{0,40}?"
    r"(?:enlarge|expand|zoom|full ?screen|vergrößern|vergrössern|agrandir|ampliar|aumentar)\s*[)\]]?"
    r"|\s*[(\[]?\s*(?:zum|zur)\s+(?:vergrößern|vergrössern|großansicht)\s+(?:klicken|tippen)\s*[)\]]?",
    re.I,
)


def phrase(lang: str, key: str, **values: str) -> str:
    """A phrase in ``lang`` (English where the language has none).

    >>> phrase("de", "credit", credit="dpa")
    'Bild: dpa'
    """
    table = _PHRASES.get(lang.split("-")[0].lower(), _PHRASES["en"])
    return table[key].format(**values)


def drop_instructions(text: str) -> str:
    """A caption without "click to enlarge" and its kin.

    >>> drop_instructions("IS' remaining strongholds (click to enlarge)")
    "IS' remaining strongholds"
    >>> drop_instructions("Die Lage in Mossul (zum Vergrößern klicken)")
    'Die Lage in Mossul'
    >>> drop_instructions("Floods in 2021 [Click to zoom]")
    'Floods in 2021'
    """
    return _INSTRUCTIONS.sub("", text).strip()


def join_names(names: list[str], lang: str) -> str:
    """Names joined as a sentence lists them.

    >>> join_names(["AP", "AFP", "dpa"], "en")
    'AP, AFP and dpa'
    """
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {phrase(lang, 'and')} " + names[-1]
