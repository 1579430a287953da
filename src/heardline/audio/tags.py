"""Reading an episode's tags and chapter marks with mutagen (ID3v2 CHAP/CTOC in MP3,
chapter atoms in M4B): what a player will see, for validation and tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..script import clock

__all__ = ["ChapterMark", "read_chapters", "read_tags"]


@dataclass(frozen=True)
class ChapterMark:
    start: float
    end: float
    title: str


def read_chapters(path: Path) -> list[ChapterMark]:
    """Chapter marks of an MP3 in the order its CTOC lists them (file order when there is none)."""
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        tags = ID3(str(path))
    except ID3NoHeaderError:
        return []
    chaps = {f.element_id: f for f in tags.getall("CHAP")}
    tocs = tags.getall("CTOC")
    order = list(tocs[0].child_element_ids) if tocs else list(chaps)
    marks = []
    for element_id in order:
        chap = chaps.get(element_id)
        if chap is None:
            continue
        title = chap.sub_frames.get("TIT2")
        marks.append(ChapterMark(chap.start_time / 1000, chap.end_time / 1000, str(title.text[0]) if title else ""))
    return marks


def read_tags(path: Path) -> dict[str, str]:
    """The text tags of an MP3 by frame id (TIT2, TPE1, TALB, TDRC, TLAN, COMM …) and APIC presence."""
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        tags = ID3(str(path))
    except ID3NoHeaderError:
        return {}
    out: dict[str, str] = {}
    for frame in tags.values():
        if frame.FrameID in ("CHAP", "CTOC"):
            continue
        if frame.FrameID == "APIC":
            out["APIC"] = frame.mime
        elif hasattr(frame, "text"):
            out.setdefault(frame.FrameID, str(frame.text[0]) if frame.text else "")
    return out


def _ordered_id3():  # type: ignore[no-untyped-def]
    from mutagen.id3 import ID3
    from mutagen.id3._tags import save_frame

    class OrderedID3(ID3):
        """ID3 that writes frames in the order they were added.

        mutagen sorts frames by size when saving, which puts CHAP frames out of
        time order; players and ffprobe that read chapters in file order then list
        them shuffled. Text frames are added first, then CTOC, the CHAPs in time
        order, and the cover last."""

        def _write(self, config):  # type: ignore[no-untyped-def]
            return bytearray().join(save_frame(frame, config=config) for frame in self.values())

    return OrderedID3


def write_id3(path: Path, tags: dict[str, str], chapters: list[tuple[float, float, str]], cover: tuple[bytes, str] | None = None, url: str = "") -> None:
    """ID3v2.4 tags, a CTOC and one CHAP per chapter (title and source URL), and cover art."""
    from mutagen.id3 import APIC, CHAP, COMM, CTOC, TALB, TCON, TDRC, TIT2, TLAN, TPE1, TPE2, WOAS, WXXX, CTOCFlags

    id3 = _ordered_id3()()
    frames = {"title": TIT2, "artist": TPE1, "album_artist": TPE2, "album": TALB, "date": TDRC, "language": TLAN, "genre": TCON}
    for key, frame in frames.items():
        if tags.get(key):
            id3.add(frame(encoding=3, text=[tags[key]]))
    if tags.get("comment"):
        id3.add(COMM(encoding=3, lang=tags.get("language") or "eng", desc="", text=[tags["comment"]]))
    if url:
        id3.add(WOAS(url=url))
    ids = [f"chp{i:03d}" for i in range(len(chapters))]
    if chapters:
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
    for element_id, (start, end, title) in zip(ids, chapters):
        sub = [TIT2(encoding=3, text=[title])] + ([WXXX(encoding=3, desc="source", url=url)] if url else [])
        id3.add(CHAP(element_id=element_id, start_time=int(round(start * 1000)), end_time=int(round(end * 1000)), sub_frames=sub))
    if cover is not None:
        mime = "image/png" if cover[1] == ".png" else "image/jpeg"
        id3.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=cover[0]))
    id3.save(str(path), v2_version=4)


def write_opus_comments(path: Path, tags: dict[str, str], chapters: list[tuple[float, float, str]]) -> None:
    """Vorbis comments of an Ogg/Opus file, with chapters as CHAPTERnnn / CHAPTERnnnNAME
    (written here to the millisecond: ffmpeg rounds them)."""
    from mutagen.oggopus import OggOpus

    audio = OggOpus(str(path))
    names = {"title": "TITLE", "artist": "ARTIST", "album": "ALBUM", "date": "DATE", "comment": "COMMENT", "language": "LANGUAGE", "genre": "GENRE"}
    for key, name in names.items():
        if tags.get(key):
            audio[name] = [tags[key]]
    for i, (start, _end, title) in enumerate(chapters, 1):
        audio[f"CHAPTER{i:03d}"] = [clock(start)]
        audio[f"CHAPTER{i:03d}NAME"] = [title]
    audio.save()
