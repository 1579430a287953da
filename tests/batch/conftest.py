"""Batch tests run the real command line in subprocesses over short articles, with one
synthesis cache for the session (so a sentence is spoken by espeak-ng once)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from batch_tools import Run, command


@pytest.fixture(scope="session")
def cli_env(speech_cache: Path) -> dict[str, str]:
    """The environment of the commands: $XDG_CACHE_HOME is the session's (tests/conftest.py)."""
    return dict(os.environ)


@pytest.fixture(scope="session")
def heardline(cli_env: dict[str, str]) -> Run:
    """Runs ``heardline ARGS…`` to its end."""

    def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command(*args), capture_output=True, text=True, env=cli_env, cwd=cwd, timeout=600)

    return run


