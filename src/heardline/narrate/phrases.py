"""Captions cleaned for listening (the phrases narration adds are in :mod:`heardline.locale`)."""

from __future__ import annotations

import re

# interaction instructions that mean nothing to a listener
_INSTRUCTIONS = re.compile(
    r"\s*[(\[]?\s*(?:click|tap|klicken|klick|cliquez|clique|haga clic|pulse|toque)\b[^()\[\]]{0,40}?"
    r"(?:enlarge|expand|zoom|full ?screen|vergrößern|vergrössern|agrandir|ampliar|aumentar)\s*[)\]]?"
    r"|\s*[(\[]?\s*(?:zum|zur)\s+(?:vergrößern|vergrössern|großansicht)\s+(?:klicken|tippen)\s*[)\]]?",
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
    """
    return _INSTRUCTIONS.sub("", text).strip()
