"""lingua, used here and nowhere else: the confidence per language of texts.

Also a program (``python -I lingua_detect.py``: it imports nothing of heardline,
so the child process that loads the full models stays small): reads one query
``{"texts": [...], "codes": [...]}`` a line on stdin and answers each with a line
of JSON on stdout, the confidences, one object per text, until stdin ends.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["detect"]


@lru_cache(maxsize=2)
def _detector(codes: tuple[str, ...], low: bool):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low else builder).build()


def detect(texts: Sequence[str], codes: tuple[str, ...], low: bool) -> list[dict[str, float]]:
    """Confidences per language (ISO 639-1 codes) of each text, among ``codes``;
    ``low``: lingua's low-accuracy mode (trigram models only)."""
    detector = _detector(codes, low)
    return [{v.language.iso_code_639_1.name.lower(): v.value for v in detector.compute_language_confidence_values(text)} for text in texts]


if __name__ == "__main__":
    for line in sys.stdin:
        query = json.loads(line)
        print(json.dumps(detect(query["texts"], tuple(query["codes"]), False)), flush=True)
