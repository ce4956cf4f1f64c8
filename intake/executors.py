"""Where packages are checked: the one executor interface of the service and of both batch modes.

Each caller hands units of work to an executor and never learns where they run: in this process or on
the Celery workers. Two kinds of unit exist, each with an in-process and a Celery implementation:

- the service's: a stored package's id; the work saves the report and the package's status in the
  database itself. `intake.service.worker.InProcessExecutor` runs it in threads of the service,
  `intake.service.worker.CeleryExecutor` sends the task `intake.process_package`.
- a batch's: an `intake.batch.executors.Job`; the outcome comes back to the batch.
  `intake.batch.executors.LocalExecutor` runs it in a pool of processes (`--jobs`),
  `intake.batch.executors.CeleryExecutor` sends the task `intake.batch_package` and reads the replies
  (`--celery`).

Both kinds end in `intake.run.run_package`.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

W = TypeVar("W")
R = TypeVar("R")


class Executor(Protocol[W, R]):
    """Takes units of work `W` and hands back their results `R`."""

    def submit(self, work: W) -> None:
        """Take one unit. Raises when it cannot be taken (the broker is down), so that nothing is
        acknowledged that would never run."""

    def room(self) -> int:
        """How many more units it takes now; a caller with more holds them back and collects first."""

    def busy(self) -> bool:
        """Whether units were taken whose results are not collected yet."""

    def collect(self) -> list[tuple[W, R]]:
        """Wait briefly for finished units and hand back their results (work that stores its own result,
        as the service's does, may hand back none)."""

    def resume(self) -> int:
        """Take up what a previous process left unfinished; returns how many units."""

    def stop(self) -> None:
        """End the work running in this process; units already sent to Celery workers stay with them."""

    def close(self) -> None:
        """Release the pool or the broker connection."""
