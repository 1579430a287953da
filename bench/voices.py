"""Voices benchmark (figures, not a test): espeak-ng (pyttsx3) beside Piper, in one run.

For the bundled sample and a ~2,000-word English article of the development
corpus (``../shared/corpus/vox-delhi-pollution-2019``), per engine: the
synthesis time of every segment through heardline's worker pool (empty cache)
as a multiple of real time, and intelligibility — the word error rate of an
off-the-shelf recogniser (pocketsphinx, its default US English model, on
``--jobs`` processes) on the audio of each English segment against the
segment's script text. Then the cold conversion time of the sample
(``heardline convert``, empty cache) per profile.

    pip install --group bench   (pocketsphinx); pip install -e ".[piper]"
    python bench/voices.py [CORPUS_DIR] [--jobs N] [--no-article | --no-sample] [--every N]
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heardline.audio.assemble import read_wav
from heardline.chapters import split_chapters
from heardline.convert import load_document
from heardline.narrate import NarrateOptions, narrate
from heardline.script import Script
from heardline.speak import SpeakOptions, speak
from heardline.voices import load_profile, voices_dir

ARTICLE = "vox-delhi-pollution-2019"
# (label, voice profile): the default profile speaks espeak-ng, natural speaks English in Piper
ENGINES = (("espeak-ng (pyttsx3)", "default"), ("Piper en_US-joe-medium", "natural"))


@dataclass(frozen=True)
class Row:
    text: str
    # words the recogniser was scored on
    words: int
    engine: str
    audio: float
    synthesis: float
    wer: float


def words_of(text: str) -> list[str]:
    """Lower-case words as a recogniser spells them.

    >>> words_of("Moh-sool's 23rd; U.S. aid")
    ['moh', "sool's", '23rd', 'u', 's', 'aid']
    """
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Word-level Levenshtein distance.

    >>> edit_distance("the cat sat".split(), "the hat sat down".split())
    2
    """
    previous = list(range(len(hypothesis) + 1))
    for i, word in enumerate(reference, 1):
        current = [i]
        for j, guess in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != guess)))
        previous = current
    return previous[-1]


_DECODER: Any = None


def _start_recogniser() -> None:
    """pocketsphinx with its default US English acoustic model, dictionary and language model."""
    global _DECODER
    from pocketsphinx import Decoder

    _DECODER = Decoder(loglevel="FATAL")


def recognise(path: Path) -> list[str]:
    """The words pocketsphinx hears in a WAV file (one utterance)."""
    from scipy.signal import resample_poly

    wanted = int(_DECODER.config["samprate"])
    samples, rate = read_wav(path)
    audio = resample_poly(samples, wanted, rate) if rate != wanted else samples
    pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()
    _DECODER.start_utt()
    _DECODER.process_raw(pcm, full_utt=True)
    _DECODER.end_utt()
    hypothesis = _DECODER.hyp()
    return words_of(hypothesis.hypstr) if hypothesis is not None else []


def script_of(source: str | None, profile_name: str) -> Script:
    _, document = load_document(source)
    profile = load_profile(profile_name)
    return narrate(document, split_chapters(document, "inline"), profile, NarrateOptions(lexicon_dir=voices_dir() / "lexicons"))


def measure(label: str, source: str | None, engine: str, profile_name: str, jobs: int, every: int = 1) -> Row:
    profile = load_profile(profile_name)
    script = script_of(source, profile_name)
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        speech = speak(script, profile, SpeakOptions(cache_dir=Path(cache), jobs=jobs))
        synthesis = time.perf_counter() - started
        files = {speech.audio[s.id] for s in script.segments}
        audio = sum(len(read_wav(f)[0]) / read_wav(f)[1] for f in files)
        # the recogniser knows English only
        english = [s for s in speech.script.segments if s.lang.split("-")[0] == "en"][::every]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_recogniser) as pool:
            heard = list(pool.map(recognise, [speech.audio[s.id] for s in english]))
        references = [words_of(s.text) for s in english]
        errors = sum(edit_distance(r, h) for r, h in zip(references, heard))
        total = sum(len(r) for r in references)
    return Row(label, total, engine, audio, synthesis, errors / max(1, total))


def cold_conversion(profile_name: str, jobs: int) -> float:
    """Seconds for ``heardline convert`` of the sample with an empty cache."""
    command = Path(sys.executable).with_name("heardline")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run(
            [str(command), "convert", "-q", "-o", f"{folder}/out", "--cache-dir", f"{folder}/cache", "--voice-profile", profile_name, "--jobs", str(jobs)],
            check=True,
        )
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-article", action="store_true", help="Only the sample.")
    parser.add_argument("--no-sample", action="store_true", help="Only the article, and no cold conversions.")
    parser.add_argument("--every", type=int, default=1, metavar="N", help="Recognise every Nth English segment only (a quicker WER).")
    args = parser.parse_args()
    if importlib.util.find_spec("pocketsphinx") is None:
        print("bench/voices.py needs pocketsphinx: pip install --group bench", file=sys.stderr)
        return 2
    texts: list[tuple[str, str | None]] = [] if args.no_sample else [("sample (dw-mosul)", None)]
    article = args.corpus / ARTICLE / "source.html"
    if not args.no_article:
        if article.is_file():
            texts.append((ARTICLE, str(article)))
        else:
            print(f"note: {article} not found (the development corpus is not beside this clone): the sample only", file=sys.stderr)
    rows: list[Row] = []
    header = f"{'text':<26} {'words':>6}  {'engine':<24} {'audio s':>8} {'synth s':>8} {'x real time':>11} {'WER':>6}"
    sampled = f", every {args.every}th" if args.every > 1 else ""
    print(f"jobs {args.jobs}; WER: pocketsphinx {_version('pocketsphinx')} default en-us model, English segments{sampled} against their script text")
    print(header)
    print("-" * len(header))
    for label, source in texts:
        for engine, profile_name in ENGINES:
            row = measure(label, source, engine, profile_name, args.jobs, args.every)
            rows.append(row)
            print(f"{row.text:<26} {row.words:>6}  {row.engine:<24} {row.audio:>8.1f} {row.synthesis:>8.1f} {row.audio / row.synthesis:>11.1f} {row.wer:>6.2f}", flush=True)
    print()
    for label, _ in texts:
        by_engine = {r.engine: r.wer for r in rows if r.text == label}
        espeak, piper = (by_engine[e] for e, _ in ENGINES)
        print(f"WER espeak-ng - Piper, {label}: {espeak - piper:+.2f} (target >= +0.40)")
    print()
    for engine, profile_name in ENGINES if not args.no_sample else ():
        print(f"cold conversion of the sample, profile {profile_name!r} ({engine}): {cold_conversion(profile_name, args.jobs):.1f} s")
    return 0


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    sys.exit(main())
