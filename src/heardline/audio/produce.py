"""The audio files of an article: the narration brought to the podcast loudness
target, one file per chapter, and the whole episode with chapter marks, tags
and cover art; each written only when what it is made from has changed.

Every sample is encoded once. MP3 — the podcast format — is encoded in pieces
split in pauses, on as many encoder processes as there are jobs, and joined
frame by frame into the episode; each chapter file is a run of the episode's
frames with its own gapless header (see :mod:`heardline.audio.mp3`). The other
formats are encoded straight from the rendered narration. No stretch of audio
longer than a segment is ever held in memory.

Loudness is set on the whole narration, so every chapter sounds alike, from the
segments' levels; true peaks are limited under a ceiling that leaves room for
the lossy encoder's overshoot, and what listeners get is checked afterwards by
decoding the loudest moments of the episode (not the whole of it): should one
come near -1 dBTP, the ceiling is lowered and the audio made again.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from .. import interrupt
from ..atomic import BuildState, atomic_path, fingerprint
from ..errors import OutputError
from ..script import Script
from .assemble import AssembledAudio
from .encode import AUDIO_FORMATS, decode, decode_windows, encode, tag_file, wav_writer
from .levels import block_size
from .loudness import MONO_OFFSET, measure, true_peak
from .mp3 import FrameTable, Mp3Frames, frame_span, read_frames, samples_per_frame, write_stream
from .render import Mastering, master, reached, render

__all__ = ["AudioPlan", "AudioOutputs", "EarlyPieces", "Placed", "write_audio", "MAX_TRUE_PEAK", "CEILING", "loudness_format", "mastered", "placed", "encode_piece", "mp3_cuts"]

# what listeners may get at most, dBTP (enforced)
MAX_TRUE_PEAK = -1.0
# the limiter's ceiling before encoding, dBTP: room for the lossy encoder's overshoot
CEILING = -2.0
# how far (LU) the whole narration may land from the target at a gain found on its first part
# (pieces encoded while it was spoken, see heardline.audio.stream) before they are made again
_EARLY_TOLERANCE = 0.2
# encoder frames rendered around each MP3 piece, so its frames at the joins are made with real signal around them
_MARGIN_FRAMES = 3
# the decoded windows around the loudest moments that the true peak is checked on,
# and how far under MAX_TRUE_PEAK they must be (the moments not checked may overshoot a little more)
_CHECKED_PEAKS = 16
_CHECK_WINDOW = 0.3
_CHECK_MARGIN = 0.3
# seconds of narration the encoder's loudness loss is measured on
_PROBE = 30.0


@dataclass(frozen=True)
class AudioPlan:
    folder: Path
    slug: str
    formats: tuple[str, ...]
    # target integrated loudness for stereo; mono files get MONO_OFFSET below it
    loudness: float
    # file stem of each chapter, relative to the folder ("audio/01-title")
    chapter_names: tuple[str, ...]
    # episode tags: title, artist, album, date, comment, language
    tags: dict[str, str] = field(default_factory=dict)
    # cover art: (bytes, extension)
    cover: tuple[bytes, str] | None = None
    # what each chapter is made from (cache keys): decides whether it is encoded again
    sources: tuple[str, ...] = ()
    jobs: int = 2

    @property
    def target(self) -> float:
        """The episode's integrated loudness (LUFS) as listeners get it: mono."""
        return self.loudness + MONO_OFFSET


@dataclass(frozen=True)
class AudioOutputs:
    script: Script
    files: tuple[Path, ...]
    # target, gain applied, and the episode's loudness and true peak as checked after encoding
    loudness: dict[str, Any]


@dataclass(frozen=True)
class EarlyPieces:
    """MP3 pieces encoded while the narration was still being spoken: the mastering
    and the encoder's loss they were made with, and each piece's frames (first, last)
    and file, in order from the first frame; ``placed`` is where the narration's
    segments up to the last piece's end were put (checked against the final assembly)."""

    mastering: Mastering
    loss: float
    pieces: tuple[tuple[tuple[int, int], Path], ...]
    placed: tuple[Placed, ...]


# a segment's file, where it goes and the stretch of it that is speech (see Placement)
Placed = tuple[Path, int, int, int]


def placed(assembled: AssembledAudio, count: int) -> tuple[Placed, ...]:
    """What the first ``count`` placements of the narration are made from."""
    return tuple((p.path, p.at, p.levels.start, p.levels.stop) for p in assembled.placements[:count])


def loudness_format(formats: tuple[str, ...]) -> str:
    """The format loudness is set for: the podcast's, the first lossy one (what its encoder takes off counts)."""
    return next((fmt for fmt in formats if fmt != "wav"), formats[0])


def mastered(assembled: AssembledAudio, target: float, fmt: str, ceiling: float | None = None) -> tuple[Mastering, float]:
    """The mastering that brings the narration to ``target`` LUFS as listeners get it
    in ``fmt``, and the encoder's loss it makes up for."""
    ceiling = CEILING if ceiling is None else ceiling
    loss = codec_loss(assembled, master(assembled, target, ceiling), fmt)
    return master(assembled, target + loss, ceiling), loss


@dataclass(frozen=True)
class Output:
    """One audio file: a stretch of the narration in one format, with its tags."""

    path: Path
    fmt: str
    # samples of the narration
    start: int
    stop: int
    tags: dict[str, str]
    # what it is made from (see BuildState)
    source: str
    episode: bool = False
    chapters: tuple[tuple[float, float, str], ...] = ()
    cover: tuple[bytes, str] | None = None


def _outputs(assembled: AssembledAudio, plan: AudioPlan, script: Script) -> list[Output]:
    marks = tuple((c.start or 0.0, c.end or 0.0, c.title) for c in script.chapters)
    episode_source = fingerprint(plan.sources, plan.loudness, marks, plan.tags, fingerprint(plan.cover), assembled.rate)
    outputs = [
        Output(plan.folder / f"{plan.slug}{AUDIO_FORMATS[fmt][0]}", fmt, 0, assembled.length, plan.tags, episode_source, True, marks, plan.cover)
        for fmt in plan.formats
    ]
    bounds = assembled.bounds
    for i, (name, chapter) in enumerate(zip(plan.chapter_names, script.chapters)):
        tags = {"title": chapter.title, "album": plan.tags.get("title", "")}
        outputs += [
            Output(plan.folder / f"{name}{AUDIO_FORMATS[fmt][0]}", fmt, bounds[i], bounds[i + 1], tags, fingerprint(episode_source, i, fmt))
            for fmt in plan.formats
        ]
    return outputs


def write_audio(assembled: AssembledAudio, plan: AudioPlan, early: EarlyPieces | None = None) -> AudioOutputs:
    """Every stale audio file of ``plan``; MP3 pieces made ``early`` are used when they fit."""
    primary = plan.formats[0]
    script = replace(
        assembled.script,
        chapters=tuple(replace(c, audio=f"{n}{AUDIO_FORMATS[primary][0]}") for c, n in zip(assembled.script.chapters, plan.chapter_names)),
    )
    target = plan.target
    outputs = _outputs(assembled, plan, script)
    fmt = loudness_format(plan.formats)
    episode = next(o for o in outputs if o.episode and o.fmt == fmt)
    state = BuildState(plan.folder)
    stale = [o for o in outputs if not state.unchanged(o.path, o.source)]
    facts = state.get(episode.path, "loudness")
    if stale or not isinstance(facts, dict):
        # MP3 files are cut from one encoding: all of them are made together
        if any(o.fmt == "mp3" for o in stale):
            stale = [o for o in outputs if o.fmt == "mp3" or o in stale]
        facts = _produce(assembled, stale or outputs, target, plan.jobs, episode, early)
        for output in stale or outputs:
            state.record(output.path, output.source, **({"loudness": facts} if output is episode else {}))
        state.save()
    loudness = {
        "target_lufs": target,
        "channels": "mono",
        "note": f"target {plan.loudness:g} LUFS for stereo; this mono episode aims {MONO_OFFSET:g} LU below it",
        **facts,
    }
    files = [o.path for o in outputs if not o.episode] + [o.path for o in outputs if o.episode]
    return AudioOutputs(script=script, files=tuple(files), loudness=loudness)


def _early_fits(assembled: AssembledAudio, early: EarlyPieces | None, target: float, episode: Output) -> tuple[EarlyPieces | None, str]:
    """``early`` with the loudness its gain gives the whole narration, when that is
    within ``_EARLY_TOLERANCE`` of ``target`` and its pieces are made from what the
    narration holds there; and what became of them, in words."""
    if early is None or episode.fmt != "mp3":
        return None, "none: nothing was spoken, or the episode is not MP3"
    if not early.pieces:
        return None, "none made (speech ended before a piece could be cut)"
    if placed(assembled, len(early.placed)) != early.placed:
        return None, "made again: the narration placed its segments elsewhere"
    whole = reached(assembled, early.mastering)
    off = whole.predicted - early.loss - target
    if abs(off) > _EARLY_TOLERANCE:
        return None, f"made again: at the gain found on its first part the narration is {off:+.2f} LU off target"
    return replace(early, mastering=whole), f"kept, at the gain found on the first part of the narration ({off:+.2f} LU)"


def _produce(assembled: AssembledAudio, outputs: list[Output], target: float, jobs: int, episode: Output, early: EarlyPieces | None) -> dict[str, Any]:
    """Make ``outputs``; the loudness facts of the episode."""
    ceiling = CEILING
    fits, early_note = _early_fits(assembled, early, target, episode)
    mastering, loss = (fits.mastering, fits.loss) if fits else mastered(assembled, target, episode.fmt, ceiling)
    for _ in range(4):
        try:
            _encode_all(assembled, mastering, outputs, jobs, fits.pieces if fits else ())
        except OutputError as exc:
            if fits is None:
                raise
            # a piece made while speaking is unusable: everything is made the usual way
            early_note, fits = f"made again: {exc}", None
            mastering, loss = mastered(assembled, target, episode.fmt, ceiling)
            continue
        peak = _checked_true_peak(assembled, episode)
        if peak <= MAX_TRUE_PEAK - _CHECK_MARGIN:
            break
        # the encoder overshot: a lower ceiling, and everything made again
        ceiling = 20 * float(np.log10(mastering.ceiling)) - (peak - (MAX_TRUE_PEAK - _CHECK_MARGIN) + 0.2)
        early_note = "made again: the true peak came near the limit" if fits else early_note
        fits = None
        mastering = master(assembled, target + loss, ceiling)
    else:
        raise OutputError(f"{episode.path.name}: true peak {peak:.2f} dBTP stays above {MAX_TRUE_PEAK:g} dBTP")
    return {
        # MP3 pieces encoded while the narration was being spoken, with the gain its first part gave
        "while_speaking": {"pieces": len(fits.pieces) if fits else 0, "how": early_note},
        "gain_db": round(mastering.gain_db, 3),
        "ceiling_dbtp": round(ceiling, 2),
        "measured": {
            "integrated_lufs": round(mastering.predicted - loss, 2),
            "true_peak_dbtp": round(peak, 2),
            "how": f"loudness from every segment's levels, less the encoder's loss measured on {_PROBE:g} s; "
            f"true peak decoded around the {_CHECKED_PEAKS} loudest moments",
        },
    }


def _encode_all(
    assembled: AssembledAudio, mastering: Mastering, outputs: list[Output], jobs: int, made: tuple[tuple[tuple[int, int], Path], ...] = ()
) -> None:
    """Every output, on ``jobs`` threads each feeding an encoder process; the MP3
    pieces ``made`` already (from the first frame on) are used as they are."""
    mp3 = [o for o in outputs if o.fmt == "mp3"]
    wav = [o for o in outputs if o.fmt == "wav"]
    others = sorted((o for o in outputs if o.fmt not in ("mp3", "wav")), key=lambda o: o.start - o.stop)
    with tempfile.TemporaryDirectory(prefix="heardline-mp3-") as work:
        pieces = _mp3_pieces(assembled, jobs, made[-1][0][1] if made else 0) if mp3 else []
        files = [Path(work) / f"piece{index:03d}.mp3" for index in range(len(pieces))]
        tasks: list[Callable[[], object]] = [partial(encode_piece, assembled, mastering, span, path) for span, path in zip(pieces, files)]
        # the long episodes first, so the chapters fill the other cores meanwhile
        tasks += [partial(_encode_output, assembled, mastering, output) for output in others]
        if wav:
            tasks.append(partial(_write_wav, assembled, mastering, wav))
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for future in [pool.submit(task) for task in tasks]:
                future.result()
        if mp3:
            _join_mp3([path for _, path in made] + files, [span for span, _ in made] + pieces, mp3)


def encode_piece(assembled: AssembledAudio, mastering: Mastering, span: tuple[int, int], path: Path) -> Path:
    interrupt.check()
    start, stop = _mp3_piece_input(assembled, span)
    return encode(render(assembled, mastering, start, stop), assembled.rate, path, "mp3")


def _encode_output(assembled: AssembledAudio, mastering: Mastering, output: Output) -> Path:
    return encode(
        render(assembled, mastering, output.start, output.stop),
        assembled.rate,
        output.path,
        output.fmt,
        output.tags,
        list(output.chapters) if output.episode else None,
        output.cover,
    )


def _write_wav(assembled: AssembledAudio, mastering: Mastering, outputs: list[Output]) -> None:
    """WAV episode and chapters from one rendering of the narration."""
    episode = next((o for o in outputs if o.episode), None)
    chapters = {(o.start, o.stop): o for o in outputs if not o.episode}
    with contextlib.ExitStack() as whole:
        write_episode = whole.enter_context(wav_writer(episode.path, assembled.rate)) if episode else None
        for span in zip(assembled.bounds, assembled.bounds[1:]):
            chapter = chapters.get(span)
            if chapter is None and write_episode is None:
                continue
            with contextlib.ExitStack() as part:
                write_chapter = part.enter_context(wav_writer(chapter.path, assembled.rate)) if chapter else None
                for chunk in render(assembled, mastering, *span):
                    for write in (write_episode, write_chapter):
                        if write is not None:
                            write(chunk)


def _pauses(assembled: AssembledAudio) -> list[tuple[int, int, int]]:
    """Every pause between two segments: its length, where the first segment ends, and its middle (samples)."""
    pairs = zip(assembled.placements, assembled.placements[1:])
    return [(b.at - a.end, a.end, (a.end + b.at) // 2) for a, b in pairs]


def _frame_at(sample: int, rate: int) -> int:
    """The frame boundary nearest a sample."""
    spf = samples_per_frame(rate)
    return (sample + spf // 2) // spf


def _mp3_pieces(assembled: AssembledAudio, jobs: int, first: int = 0) -> list[tuple[int, int]]:
    """Where MP3 pieces start and stop, in frames of the whole encoding, from frame
    ``first`` on: at the chapter boundaries and, so every job has work, in the longest
    pauses. A piece is encoded from ``_MARGIN_FRAMES`` before its first frame (see :func:`_join_mp3`)."""
    spf = samples_per_frame(assembled.rate)
    floor = max(first * spf, 2 * _MARGIN_FRAMES * spf)
    cuts = {b for b in assembled.bounds[1:-1] if b > floor}
    wanted = max(len(cuts) + 1, 2 * jobs)
    longest = sorted(((length, middle) for length, end, middle in _pauses(assembled) if end > floor), reverse=True)
    cuts.update(middle for _, middle in longest[: max(0, wanted - len(cuts) - 1)])
    frames = sorted({frame for frame in (_frame_at(cut, assembled.rate) for cut in cuts) if frame > first})
    return list(zip([first, *frames], [*frames, -1]))


def mp3_cuts(assembled: AssembledAudio, after: int, every: int) -> list[int]:
    """Frames where MP3 pieces of at least ``every`` frames can end, after frame ``after``:
    in the middle of a pause whose next segment is placed, so a piece's margin is real signal."""
    cuts: list[int] = []
    for _, _, middle in _pauses(assembled):
        frame = _frame_at(middle, assembled.rate)
        if frame >= (cuts[-1] if cuts else after) + every and frame > 2 * _MARGIN_FRAMES:
            cuts.append(frame)
    return cuts


def _join_mp3(pieces: list[Path], spans: list[tuple[int, int]], outputs: list[Output]) -> None:
    """The episode as the pieces' frames end to end, and each chapter as a run of them."""
    parts: list[tuple[Path, np.ndarray]] = []
    template: Mp3Frames | None = None
    for path, (first, last) in zip(pieces, spans):
        piece = read_frames(path)
        template = template or piece
        if piece.delay != template.delay:
            raise OutputError(f"{path.name}: encoder delay {piece.delay} differs from {template.delay}")
        offset = max(0, first - _MARGIN_FRAMES)
        own = piece.frames[first - offset : None if last < 0 else last - offset]
        if last >= 0 and len(own) != last - first:
            raise OutputError(f"{path.name}: {len(own)} frames where {last - first} were expected")
        parts.append((path, own))
    if template is None:
        return
    table = FrameTable.of(parts)
    for output in outputs:
        first, last, skip = frame_span(output.start, output.stop, template.delay, template.samples_per_frame, len(table))
        with atomic_path(output.path) as tmp:
            write_stream(tmp, template, table, first, last, skip, output.stop - output.start)
            tag_file(tmp, "mp3", output.tags, list(output.chapters), output.cover)


def _mp3_piece_input(assembled: AssembledAudio, span: tuple[int, int]) -> tuple[int, int]:
    spf = samples_per_frame(assembled.rate)
    first, last = span
    start = max(0, first - _MARGIN_FRAMES) * spf
    stop = assembled.length if last < 0 else min(assembled.length, (last + _MARGIN_FRAMES) * spf)
    return start, stop


def _excerpt(assembled: AssembledAudio, mastering: Mastering, seconds: float) -> np.ndarray:
    middle = assembled.length // 2
    half = int(seconds * assembled.rate / 2)
    return np.concatenate([np.zeros(0, np.float32), *render(assembled, mastering, max(0, middle - half), middle + half)])


def codec_loss(assembled: AssembledAudio, mastering: Mastering, fmt: str) -> float:
    """How many LU the lossy encoder takes off (K-weighting counts the high
    frequencies it drops), measured on an excerpt from the middle."""
    rate = assembled.rate
    if fmt == "wav" or assembled.length < rate * 5:
        return 0.0
    excerpt = _excerpt(assembled, mastering, _PROBE)
    with tempfile.TemporaryDirectory(prefix="heardline-probe-") as work:
        path = encode(excerpt, rate, Path(work) / f"probe{AUDIO_FORMATS[fmt][0]}", fmt)
        after = measure(decode(path, rate), rate).integrated
    loss = measure(excerpt, rate).integrated - after
    return float(loss) if np.isfinite(loss) and abs(loss) < 3 else 0.0


def _loudest(assembled: AssembledAudio, count: int) -> list[int]:
    """Sample positions of the loudest moments of ``count`` segments (the loudest segments)."""
    block = block_size(assembled.rate)
    peaks = [(float(p.levels.peak.max()), p.at + int(p.levels.peak.argmax()) * block) for p in assembled.placements if p.levels.peak.size]
    return [position for _, position in sorted(peaks, reverse=True)[:count]]


def _checked_true_peak(assembled: AssembledAudio, episode: Output) -> float:
    """The true peak (dBTP) of the encoded episode around its loudest moments."""
    rate = assembled.rate
    windows = [(position / rate - _CHECK_WINDOW / 2, _CHECK_WINDOW) for position in _loudest(assembled, _CHECKED_PEAKS)]
    best = max((true_peak(window) / 32768.0 for window in decode_windows(episode.path, rate, windows)), default=0.0)
    return float(20 * np.log10(best)) if best > 0 else float("-inf")
