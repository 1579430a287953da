"""Captions cleaned for listening (the phrases narration adds are in :mod:`heardline.locale`)."""

from __future__ import annotations

import re

# interaction instructions that mean nothing to a listener
_INSTRUCTIONS = re.compile(
    r"\s*[(\[]?\s*(?:click|tap|klicken|klick|klik|cliquez|clique|haga clic|pulse|toque|clicca|tocca)\b[^()\[\]]{0,40}?"
    r"(?:enlarge|expand|zoom|full ?screen|vergrößern|vergrössern|agrandir|ampliar|aumentar|ingrandire|vergroten)\s*[)\]]?"
    r"|\s*[(\[]?\s*(?:zum|zur)\s+(?:vergrößern|vergrössern|großansicht)\s+(?:\w+\s+){0,3}?(?:klicken|tippen)\.?\s*[)\]]?",
    re.I,
)


def drop_instructions(text: str) -> str:
    """A caption without "click to enlarge" and its kin.

    >>> drop_instructions("IS' remaining strongholds (click to enlarge)")
    "IS' remaining strongholds"
    >>> drop_instructions("Die Lage in Mossul (zum Vergrößern klicken)")
    'Die Lage in Mossul'
    >>> drop_instructions("Floods in 2021 [Click to zoom]")
    'Floods in 2021'
    >>> drop_instructions("Das Netz der Firmen. Zum Vergrößern auf das Bild klicken.")
    'Das Netz der Firmen.'
    >>> drop_instructions("La diga nel 1960 (clicca per ingrandire)"), drop_instructions("De haven in 1920 (klik om te vergroten)")
    ('La diga nel 1960', 'De haven in 1920')
    """
    return _INSTRUCTIONS.sub("", text).strip()
