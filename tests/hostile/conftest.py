"""The recording server for hostile-input tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile_tools import RecordingServer


@pytest.fixture()
def server() -> Iterator[RecordingServer]:
    srv = RecordingServer()
    try:
        yield srv
    finally:
        srv.close()
