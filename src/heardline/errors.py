"""Errors heardline raises, and the exit code each maps to at the command line.

Every failure a user can cause or meet is one of these; library exceptions are
converted at the module that wraps the library. The tree::

    HeardlineError                  exit 2 unless said otherwise
    ├── UsageError                  bad option values, unknown voice profile
    ├── SourceError                 the input cannot be used
    │   ├── SourceNotFound          no such file
    │   ├── SourceTooLarge          over the size limit
    │   ├── FetchError              URL unreachable, HTTP error, bad scheme, too many redirects
    │   ├── NotHTMLError            empty, binary, PDF …
    │   ├── StageTimeout            reading, extracting, narrating or the EPUB took too long
    │   └── NoArticleError          a page, but no article body in it
    ├── SpeechError                 the speech engine failed on a segment      (exit 1)
    │   └── EngineTimeout           the engine hung past its timeout           (exit 75)
    ├── OutputError                 an output could not be written             (exit 1)
    ├── LockHeld                    another batch run holds the lock           (exit 75)
    ├── Interrupted                 SIGTERM or SIGINT stopped the run          (exit 75)
    └── ClusterUnavailable          the Dask scheduler cannot be reached       (exit 75)

Messages name the input and say what is wrong, in one line.
"""

from __future__ import annotations

EX_OK = 0
EX_FAILED = 1
EX_USAGE = 2
EX_TEMPFAIL = 75

#: Exit codes, printed in ``--help`` and the README.
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EX_OK, "success"),
    (EX_FAILED, "some items failed (batch), an output could not be made, or validation found errors"),
    (EX_USAGE, "bad usage or unusable input (one-line message on stderr naming the input)"),
    (EX_TEMPFAIL, "another run holds the batch lock, the speech engine timed out, the run was interrupted, or the Dask scheduler cannot be reached; try again later"),
)


class HeardlineError(Exception):
    """Base of every heardline error; ``exit_code`` is what the CLI exits with."""

    exit_code = EX_USAGE


class UsageError(HeardlineError):
    pass


class SourceError(HeardlineError):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SourceNotFound(SourceError):
    pass


class SourceTooLarge(SourceError):
    pass


class FetchError(SourceError):
    pass


class NotHTMLError(SourceError):
    pass


class NoArticleError(SourceError):
    pass


class StageTimeout(SourceError):
    """A stage ran past its deadline on this input (exit 2: the input is unusable)."""


class SpeechError(HeardlineError):
    exit_code = EX_FAILED


class EngineTimeout(SpeechError):
    exit_code = EX_TEMPFAIL


class OutputError(HeardlineError):
    exit_code = EX_FAILED


class LockHeld(HeardlineError):
    exit_code = EX_TEMPFAIL


class Interrupted(HeardlineError):
    exit_code = EX_TEMPFAIL


class ClusterUnavailable(HeardlineError):
    exit_code = EX_TEMPFAIL
