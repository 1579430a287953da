"""Normalisation benchmark (figures, not a test): is each news sentence read as a
newsreader would read it?

``bench/normalize.tsv`` holds news sentences as written with the reading a
newsreader gives them, in words: the set the rules were developed on.
``bench/normalize-heldout.tsv`` was written after the rules and is never tuned
on: it tells how the rules carry over to sentences they were not made for;
``bench/normalize-heldout2.tsv`` is a second such set, written later by someone
else before running it. Each is scored the way a listener hears it:
the phonemes espeak-ng pronounces (``espeak-ng -q -x -v LANG``) for heardline's
normalised text against those for the expected reading, stress and pauses left
aside. Raw espeak-ng (the sentence as written) is scored beside heardline in the
same run.

    python bench/normalize.py [--show-misses] [--lang de]
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from heardline.narrate.normalize import normalize
from heardline.narrate.sentences import split_sentences

SETS = {"development": Path(__file__).with_suffix(".tsv"), "held out": Path(__file__).with_name("normalize-heldout.tsv"),
        "held out 2": Path(__file__).with_name("normalize-heldout2.tsv")}
# espeak-ng voice per language of the sets
VOICES = {"pt-BR": "pt-br", "no": "nb"}


@dataclass(frozen=True)
class Case:
    lang: str
    written: str
    reading: str


def load_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    return [Case(lang, written, reading) for lang, written, reading in rows]


def phonemes(text: str, lang: str) -> str:
    """What espeak-ng says for ``text``, as a listener tells words apart: its phonemes
    without stress, length, pauses, schwas, or the shades of a vowel that stress gives
    (espeak-ng says "40" f'o@ti but "forty" f'O@ti, "25" v'iNtyis'iNku but "vinte e
    cinco" v'iNty i s'iNkU). Consonants are kept as they are, and vowels by their
    kind (a, e, i, o, u): "doscientos" and "doscientas" still differ."""
    out = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", VOICES.get(lang, lang)], input=text, capture_output=True, text=True, check=True
    ).stdout
    out = re.sub(r"[\s'ˈ,ˌ_!|:;#@2=%-]+", "", out)
    return out.translate(_VOWEL_KINDS)


# espeak-ng's vowel symbols by the vowel a listener hears; consonants that only
# assimilate to their neighbours (a voiced "s" before a vowel, a tapped "r", a glide) as one
_VOWEL_KINDS = str.maketrans("AaV&EeI3iyOo0UuWYjZR*", "aaaaeeeeiiooouuuuizrr")


def heardline_text(case: Case) -> str:
    """heardline's spoken text: sentences split, each normalised, as narration does."""
    return " ".join(normalize(s, case.lang) for s in split_sentences(case.written, case.lang))


def score(cases: list[Case], show_misses: bool) -> dict[str, list[int]]:
    """Per language (and "all"): sentences, raw espeak-ng right, heardline right."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in cases:
        expected = phonemes(case.reading, case.lang)
        raw_ok = phonemes(case.written, case.lang) == expected
        spoken = heardline_text(case)
        heard = phonemes(spoken, case.lang)
        ours_ok = heard == expected
        for key in (case.lang, "all"):
            totals[key][0] += 1
            totals[key][1] += raw_ok
            totals[key][2] += ours_ok
        if show_misses and not ours_ok:
            print(f"[{case.lang}] {case.written}\n   heardline: {spoken}\n   expected:  {case.reading}\n"
                  f"   heard:     {heard}\n   wanted:    {expected}", file=sys.stderr)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", action="store_true", help="print each sentence heardline reads otherwise")
    parser.add_argument("--lang", help="only this language")
    args = parser.parse_args()
    print("| set | language | sentences | raw espeak-ng | heardline |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, path in SETS.items():
        cases = [c for c in load_cases(path) if not args.lang or c.lang == args.lang]
        totals = score(cases, args.show_misses)
        for key in sorted(totals, key=lambda k: (k == "all", k)):
            n, raw, ours = totals[key]
            label = f"**{key}**" if key == "all" else key
            print(f"| {name} | {label} | {n} | {raw / n:.0%} ({raw}) | {ours / n:.0%} ({ours}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
