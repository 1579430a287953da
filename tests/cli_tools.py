"""The ``heardline`` command line in a subprocess, with this interpreter."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

#: runs ``heardline ARGS…`` to its end (the ``heardline`` fixture)
Run = Callable[..., subprocess.CompletedProcess[str]]


def command(*args: str | Path) -> list[str]:
    """``heardline ARGS…`` as a command line."""
    return [sys.executable, "-m", "heardline.cli", *map(str, args)]
