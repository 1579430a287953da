"""A stop ends the run it stopped, not the next run in the same process."""

from __future__ import annotations

from heardline import interrupt


def test_a_new_run_starts_without_the_last_runs_stop() -> None:
    interrupt.STOPPING.set()  # as a SIGTERM during an earlier run leaves it
    with interrupt.handle_signals():
        assert not interrupt.STOPPING.is_set()
        interrupt.check()  # raises Interrupted if the old stop were still in force
        interrupt.STOPPING.set()
        with interrupt.handle_signals():
            assert interrupt.STOPPING.is_set()  # a nested block is the same run: its stop stands
            interrupt.STOPPING.clear()  # (so leaving the blocks stops no child of the test process)
