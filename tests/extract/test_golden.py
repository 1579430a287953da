"""Golden tests: each tests/fixtures/NAME.html against NAME.document.json.

Set HEARDLINE_UPDATE_GOLDEN=1 to rewrite the JSON after a deliberate change,
then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from heardline.extract import extract_document
from heardline.model import to_json
from heardline.read import read_source

FIXTURES = Path(__file__).parents[1] / "fixtures"
PAGES = sorted(FIXTURES.glob("*.html"))


def test_there_are_enough_fixture_pages() -> None:
    assert len(PAGES) >= 7


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_document_matches_golden(page: Path) -> None:
    source = read_source(str(page))
    data = to_json(extract_document(source.html, source.source, source.url))
    golden = page.with_suffix(".document.json")
    if os.environ.get("HEARDLINE_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with HEARDLINE_UPDATE_GOLDEN=1 and review it"
    assert data == json.loads(golden.read_text(encoding="utf-8"))
