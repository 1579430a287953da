"""batch: the cron job over many sources — config, state, lock, sources (files, URLs,
feeds), the per-source work and where it runs, and the run that ties them together.

    from heardline.batch import load_config, run_batch, RunOptions
    report = run_batch(load_config(Path("batch.toml")), RunOptions(jobs=2))
"""

from __future__ import annotations

from .config import BatchConfig, ConvertSettings, SourceSpec, load_config
from .run import BatchReport, Outcome, RunOptions, run_batch
from .state import SourceState, State

__all__ = [
    "BatchConfig", "BatchReport", "ConvertSettings", "Outcome", "RunOptions", "SourceSpec", "SourceState", "State",
    "load_config", "run_batch",
]
