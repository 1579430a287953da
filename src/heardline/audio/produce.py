"""The audio files of an article: the narration brought to the podcast loudness
target, one file per chapter, and the whole episode with chapter marks, tags
and cover art; each written only when what it is made from has changed."""

from __future__ import annotations

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..atomic import BuildState, fingerprint
from ..script import Script
from .assemble import AssembledAudio
from .encode import AUDIO_FORMATS, encode
from .loudness import MONO_OFFSET, measure, normalize

__all__ = ["AudioPlan", "AudioOutputs", "write_audio", "decode"]


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


@dataclass(frozen=True)
class AudioOutputs:
    script: Script
    files: tuple[Path, ...]
    # target, gain applied, and the episode's measured loudness after encoding
    loudness: dict[str, Any]


def decode(path: Path, rate: int) -> np.ndarray:
    """A file decoded by ffmpeg to mono 16-bit PCM at ``rate`` (to measure what listeners get)."""
    out = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"],
        capture_output=True, check=True,
    ).stdout
    return np.frombuffer(out, dtype="<i2")


def _codec_loss(signal: np.ndarray, rate: int, fmt: str) -> float:
    """How many LU the lossy encoder takes off (K-weighting counts the high
    frequencies it drops), measured on up to a minute from the middle."""
    if fmt == "wav" or signal.size < rate * 5:
        return 0.0
    middle = signal.size // 2
    excerpt = signal[max(0, middle - 30 * rate) : middle + 30 * rate]
    with tempfile.TemporaryDirectory() as work:
        path = encode(excerpt, rate, Path(work) / f"probe{AUDIO_FORMATS[fmt][0]}", fmt)
        after = measure(decode(path, rate), rate).integrated
    before = measure(excerpt, rate).integrated
    loss = before - after
    return float(loss) if np.isfinite(loss) and abs(loss) < 3 else 0.0


def write_audio(assembled: AssembledAudio, plan: AudioPlan) -> AudioOutputs:
    script, rate = assembled.script, assembled.rate
    target_lufs = plan.loudness + MONO_OFFSET
    state = BuildState(plan.folder)
    primary = plan.formats[0]
    script = replace(
        script, chapters=tuple(replace(c, audio=f"{n}{AUDIO_FORMATS[primary][0]}") for c, n in zip(script.chapters, plan.chapter_names))
    )
    chapter_marks = [(c.start or 0.0, c.end or 0.0, c.title) for c in script.chapters]
    episode_source = fingerprint(plan.sources, target_lufs, chapter_marks, plan.tags, fingerprint(plan.cover), rate)
    episodes = {fmt: plan.folder / f"{plan.slug}{AUDIO_FORMATS[fmt][0]}" for fmt in plan.formats}
    chapter_targets = [
        (i, fmt, plan.folder / f"{name}{AUDIO_FORMATS[fmt][0]}")
        for i, name in enumerate(plan.chapter_names)
        for fmt in plan.formats
    ]
    chapter_sources = [fingerprint(episode_source, i, fmt) for i, fmt, _ in chapter_targets]
    stale_chapters = [(t, s) for t, s in zip(chapter_targets, chapter_sources) if not state.unchanged(t[2], s)]
    stale_episodes = [fmt for fmt, path in episodes.items() if not state.unchanged(path, episode_source)]
    gain = state.get(episodes[primary], "gain_db")
    if stale_chapters or stale_episodes or gain is None:
        # loudness is set on the whole narration, so every chapter sounds alike,
        # aiming above the target by what the encoder will take off (in place: no copy)
        episode = assembled.render()
        loss = _codec_loss(episode, rate, primary)
        gain = normalize(episode, rate, target_lufs + loss)
        signals = assembled.chapter_views(episode)
        # the long episode first, so the chapters fill the other cores meanwhile
        jobs: list[tuple[Any, ...]] = [(episode, episodes[fmt], fmt, plan.tags, chapter_marks, plan.cover, episode_source) for fmt in stale_episodes]
        jobs += [
            (signals[i], path, fmt, {"title": script.chapters[i].title, "album": plan.tags.get("title", "")}, None, None, source)
            for (i, fmt, path), source in stale_chapters
        ]
        with ThreadPoolExecutor(max_workers=max(1, plan.jobs)) as pool:
            done = list(pool.map(lambda j: (encode(j[0], rate, j[1], j[2], j[3], j[4], j[5]), j)[1], jobs))
        measured = None
        if primary in stale_episodes:
            found = measure(decode(episodes[primary], rate), rate)
            measured = {"integrated_lufs": round(found.integrated, 2), "sample_peak_dbfs": round(found.sample_peak, 2), "true_peak_dbtp": round(found.true_peak, 2)}
        for job in done:
            extra: dict[str, object] = {"gain_db": round(gain, 3)} if job[1] in episodes.values() else {}
            if job[1] == episodes[primary] and measured:
                extra["measured"] = measured
            state.record(job[1], job[6], **extra)
        state.save()
    loudness = {
        "target_lufs": target_lufs,
        "channels": "mono",
        "note": f"target {plan.loudness:g} LUFS for stereo; this mono episode aims {MONO_OFFSET:g} LU below it",
        "gain_db": round(gain, 3),
        "measured": state.get(episodes[primary], "measured"),
    }
    files = tuple(path for _, _, path in chapter_targets) + tuple(episodes.values())
    return AudioOutputs(script=script, files=files, loudness=loudness)
