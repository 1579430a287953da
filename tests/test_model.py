"""model: the Document JSON round-trips and carries its schema."""

from __future__ import annotations

from heardline.extract import extract_document
from heardline.model import SCHEMA, from_json, to_json
from heardline.read import read_source


def test_round_trip_of_the_sample() -> None:
    page = read_source(None)
    document = extract_document(page.html, page.source, page.url)
    data = to_json(document)
    assert data["schema"] == SCHEMA
    assert from_json(data) == document
    assert to_json(from_json(data)) == data
