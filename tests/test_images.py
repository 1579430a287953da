"""images: a figure's image is read only from inside the page's folder, within the size limit, by its bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from heardline.images import load_image

FIXTURES = Path(__file__).parent / "fixtures"
JPEG = (FIXTURES / "old-cafe.jpg").read_bytes()


@pytest.fixture()
def page_dir(tmp_path: Path) -> Path:
    """A page's folder with an image in it, and a secret image beside the folder."""
    folder = tmp_path / "site" / "page"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "cafe.jpg").write_bytes(JPEG)
    (tmp_path / "site" / "secret.jpg").write_bytes(JPEG)
    return folder


def test_an_image_inside_the_folder_is_loaded(page_dir: Path) -> None:
    for src in ("img/cafe.jpg", "./img/cafe.jpg", "/img/cafe.jpg", "img/cafe.jpg?w=640#top", "img/../img/cafe.jpg"):
        image = load_image(src, page_dir)
        assert image is not None, src
        assert (image.data, image.media_type, image.extension) == (JPEG, "image/jpeg", ".jpg")


def test_nothing_outside_the_folder_is_read(page_dir: Path, tmp_path: Path) -> None:
    (page_dir / "img" / "link.jpg").symlink_to(tmp_path / "site" / "secret.jpg")
    outside = ["../secret.jpg", "img/../../secret.jpg", str(tmp_path / "site" / "secret.jpg"), "img/link.jpg",
               "file://" + str(tmp_path / "site" / "secret.jpg"), "../page/../secret.jpg"]
    for src in outside:
        assert load_image(src, page_dir) is None, src
    # without a folder (a URL or stdin source), local names are never read
    assert load_image("img/cafe.jpg", None) is None


def test_only_known_images_within_the_limit(page_dir: Path) -> None:
    (page_dir / "notes.jpg").write_text("not an image")
    assert load_image("notes.jpg", page_dir) is None
    assert load_image("img/cafe.jpg", page_dir, max_bytes=len(JPEG) - 1) is None
    assert load_image("img/cafe.jpg", page_dir, max_bytes=len(JPEG)) is not None
    # fetched bytes are checked the same way
    assert load_image("https://example.org/a.jpg", None, {"https://example.org/a.jpg": b"<svg/>"}) is None
    assert load_image("https://example.org/a.jpg", None, {"https://example.org/a.jpg": JPEG}, max_bytes=10) is None
