"""audio: segments and pauses assembled into chapter audio with exact timings, and encoded."""

from .assemble import AssembledAudio, assemble
from .encode import AUDIO_FORMATS, encode, ffmpeg_available

__all__ = ["AssembledAudio", "assemble", "encode", "AUDIO_FORMATS", "ffmpeg_available"]
