"""Encoding while the narration is spoken: MP3 pieces made as the segments come
from the speech workers, so the encoders work beside synthesis, not after it.

The gain is fixed once the first part of the narration is there (a quarter of
its text and at least a minute of speech), from that part's levels; the
encoder's loss is measured on it too. :func:`~heardline.audio.produce.write_audio`
keeps the pieces when the whole narration reaches the target at that gain
(within a fraction of a LU) and makes them again otherwise. A piece ends in the
middle of a pause once the segment after the pause has arrived, so the frames
around its ends are encoded with the real signal beside them.

Anything that goes wrong here only costs the head start: the pieces are then
made after synthesis, where errors are reported.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

from .. import interrupt
from ..errors import OutputError
from ..script import Chapter, Script
from .assemble import AssembledAudio, assemble
from .levels import LevelsReader
from .mp3 import samples_per_frame
from .produce import EarlyPieces, Placed, encode_piece, mastered, mp3_cuts, placed
from .render import Mastering

__all__ = ["Mp3Stream"]

log = logging.getLogger(__name__)

# the part of the narration the gain is fixed on: this share of its text, and this much speech (s)
_GAIN_SHARE = 0.25
_GAIN_SECONDS = 60.0
# seconds of narration in one piece
_PIECE_SECONDS = 240.0
# segments that arrive before the narration so far is looked at again
_STEP = 16


@dataclass(frozen=True)
class _Plan:
    script: Script
    audio: dict[str, Path]
    lead_in: float
    target: float


class Mp3Stream:
    """A context manager: :meth:`start` with the script and where each segment's
    audio will be, :meth:`arrived` as each file is there (its levels submitted to
    ``levels`` first), :meth:`pieces` when speech is done."""

    def __init__(self, levels: LevelsReader, jobs: int) -> None:
        self._levels = levels
        self._pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="heardline-stream")
        self._work = tempfile.TemporaryDirectory(prefix="heardline-stream-")
        self._changed = threading.Condition()
        self._arrived: set[Path] = set()
        self._plan: _Plan | None = None
        self._ended = False
        self._thread: threading.Thread | None = None
        self._made: list[tuple[tuple[int, int], Future[Path]]] = []
        self._mastering: Mastering | None = None
        self._loss = 0.0
        self._placed: tuple[Placed, ...] = ()

    def __enter__(self) -> Mp3Stream:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._end()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._work.cleanup()

    def start(self, script: Script, audio: dict[str, Path], lead_in: float, target: float) -> None:
        """Begin: ``target`` is the episode's loudness (LUFS) as the listener gets it."""
        self._plan = _Plan(script, audio, lead_in, target)
        self._thread = threading.Thread(target=self._run, name="heardline-stream", daemon=True)
        self._thread.start()

    def arrived(self, path: Path) -> None:
        with self._changed:
            self._arrived.add(path)
            self._changed.notify()

    def pieces(self) -> EarlyPieces | None:
        """The pieces made so far (waiting for those being encoded), or None."""
        self._end()
        if self._mastering is None or not self._made:
            return None
        try:
            pieces = tuple((span, future.result()) for span, future in self._made)
        except (OutputError, OSError) as exc:  # reported where the pieces are made again
            log.debug("early MP3 pieces given up: %s", exc)
            return None
        return EarlyPieces(self._mastering, self._loss, pieces, self._placed)

    def _end(self) -> None:
        with self._changed:
            self._ended = True
            self._changed.notify()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        plan = self._plan
        if plan is None:
            return
        segments = plan.script.segments
        total = sum(len(s.text) for s in segments) or 1
        ready = looked = 0
        try:
            while True:
                with self._changed:
                    while not self._ended and ready < len(segments) and plan.audio[segments[ready].id] not in self._arrived:
                        self._changed.wait()
                    if self._ended:
                        return
                    while ready < len(segments) and plan.audio[segments[ready].id] in self._arrived:
                        ready += 1
                if ready == len(segments):
                    return  # all there: the rest is made with the whole narration in view
                if ready - looked < _STEP or self._ended:
                    continue
                looked = ready
                self._advance(plan, _prefix(plan.script, ready), sum(len(s.text) for s in segments[:ready]) / total)
        except Exception as exc:  # only the head start is lost
            log.debug("encoding while speaking stopped: %s", exc)

    def _advance(self, plan: _Plan, script: Script, share: float) -> None:
        """Fix the gain when enough is there; encode the pieces that can be cut."""
        interrupt.check()
        assembled = assemble(script, plan.audio, plan.lead_in, self._levels.get)
        if self._mastering is None:
            if share < _GAIN_SHARE or assembled.length < _GAIN_SECONDS * assembled.rate:
                return
            self._mastering, self._loss = mastered(assembled, plan.target, "mp3")
        done = self._made[-1][0][1] if self._made else 0
        every = int(_PIECE_SECONDS * assembled.rate) // samples_per_frame(assembled.rate)
        for cut in mp3_cuts(assembled, done, every):
            self._encode(assembled, (done, cut))
            done = cut

    def _encode(self, assembled: AssembledAudio, span: tuple[int, int]) -> None:
        mastering = self._mastering
        if mastering is None:
            return
        path = Path(self._work.name) / f"early{len(self._made):03d}.mp3"
        self._made.append((span, self._pool.submit(encode_piece, assembled, mastering, span, path)))
        # the segments in the piece, and the one after it: a piece is rendered a few frames
        # (under 0.1 s) past its cut, which lies in the pause before that segment (see mp3_cuts)
        end = span[1] * samples_per_frame(assembled.rate)
        self._placed = placed(assembled, sum(1 for p in assembled.placements if p.at < end) + 1)


def _prefix(script: Script, count: int) -> Script:
    """The script's first ``count`` segments, in their chapters."""
    chapters: list[Chapter] = []
    for chapter in script.chapters:
        if count <= 0:
            break
        chapters.append(replace(chapter, segments=chapter.segments[:count]))
        count -= len(chapter.segments)
    return replace(script, chapters=tuple(chapters))
