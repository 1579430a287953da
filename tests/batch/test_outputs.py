"""Files a remote worker sends back land inside the source's folder and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from heardline.batch.outputs import unpack
from heardline.errors import OutputError


@pytest.mark.parametrize("name", ["/etc/cron.d/x", "../x", "audio/../../x"])
def test_a_name_outside_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "slug"
    with pytest.raises(OutputError, match="outside its folder"):
        unpack(((name, b"x"),), folder)
    assert not (tmp_path / "x").exists()


def test_files_inside_the_folder_are_written(tmp_path: Path) -> None:
    unpack((("audio/01-main.mp3", b"mp3"), ("slug.epub", b"epub")), tmp_path)
    assert (tmp_path / "audio" / "01-main.mp3").read_bytes() == b"mp3"
    assert (tmp_path / "slug.epub").read_bytes() == b"epub"
