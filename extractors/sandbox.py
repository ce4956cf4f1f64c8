"""Contained execution of risky readers (pdfium, Tesseract, Pillow, OpenCV) in child processes.

Each child takes one item at a time, so a child that dies (segfault, abort, out of memory, killed)
or runs over its time is pinned to exactly the item it held: that item gets a `Failure`, the child is
replaced, and the other items go on. A child may grow by at most `memory_mb` beyond its size at start
(`RLIMIT_AS`; an allocation past it fails with MemoryError instead of taking the machine down).
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


MEMORY_MB = 3072
"""Default growth allowed to a reader process (0: no limit); the settings pass their own."""


def default_context() -> BaseContext:
    """How reader processes start.

    A single-threaded caller (the CLI, a batch, a test) forks: cheapest. A multi-threaded one (the
    service, where another thread may hold a lock mid-call) starts readers from a fork server that has
    the readers imported, so a reader never inherits a lock held by a thread that does not exist there.
    """
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["extractors.pages", "intake.files"])
    return ctx


@dataclass(frozen=True)
class Failure:
    """An item whose reader crashed, ran out of memory or over its time; `reason` is English, for logs."""

    reason: str
    kind: str
    """`crash`, `timeout` or `error`."""


@dataclass(frozen=True)
class Outcome(Generic[R]):
    index: int
    value: R | Failure


def vm_bytes() -> int:
    """This process's virtual memory size (what RLIMIT_AS bounds)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # pragma: no cover - not Linux
        return 0


def limit_memory(memory_mb: int) -> None:
    """Let this process grow by at most `memory_mb` MiB of address space (0: no limit)."""
    if memory_mb <= 0:
        return
    cap = vm_bytes() + memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _serve(conn: Connection, fn: Callable[[Any], Any], memory_mb: int) -> None:
    """Child loop: receive (index, item), answer (index, ok, value-or-reason) until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when children stop
    faulthandler.disable()  # a crash is reported by the parent, once, as that item's failure
    limit_memory(memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        index, item = msg
        try:
            reply: tuple[int, bool, Any] = (index, True, fn(item))
        except MemoryError:
            reply = (index, False, f"MemoryError: over the {memory_mb} MB memory limit")
        except Exception as exc:
            reply = (index, False, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except MemoryError:
            conn.send((index, False, f"MemoryError: result over the {memory_mb} MB memory limit"))


class _Child:
    def __init__(self, ctx: BaseContext, fn: Callable[[Any], Any], memory_mb: int) -> None:
        parent, child = multiprocessing.Pipe(duplex=True)
        self.conn = parent
        self.proc = ctx.Process(target=_serve, args=(child, fn, memory_mb), daemon=True)  # type: ignore[attr-defined]
        self.proc.start()
        child.close()
        self.index: int | None = None
        self.deadline = 0.0

    def give(self, index: int, item: Any, seconds: float) -> None:
        self.index, self.deadline = index, time.monotonic() + seconds
        self.conn.send((index, item))

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=10)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


def _exit_reason(proc: Any) -> str:
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            return f"reader process killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"reader process killed by signal {-code}"
    return f"reader process exited with code {code}"


def run_contained(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int,
    seconds: float,
    memory_mb: int,
    context: BaseContext | None = None,
) -> Iterator[Outcome[R]]:
    """Apply `fn` to every item in child processes; outcomes in completion order.

    `fn` must be picklable (a module-level function or a `functools.partial` of one). An item whose
    child dies or runs over `seconds` yields a `Failure`; every other item is still processed.
    """
    if not items:
        return
    ctx = context or default_context()
    queue = list(range(len(items)))
    queue.reverse()
    children: list[_Child] = []
    busy: dict[Connection, _Child] = {}
    try:
        for _ in range(max(1, min(workers, len(items)))):
            children.append(_Child(ctx, fn, memory_mb))
        idle = list(children)
        remaining = len(items)
        while remaining:
            while idle and queue:
                child = idle.pop()
                if not child.proc.is_alive():  # died between items (e.g. killed from outside)
                    child.kill()
                    children.remove(child)
                    child = _Child(ctx, fn, memory_mb)
                    children.append(child)
                i = queue.pop()
                child.give(i, items[i], seconds)
                busy[child.conn] = child
            now = time.monotonic()
            timeout = max(0.0, min(c.deadline for c in busy.values()) - now)
            sentinels = {c.proc.sentinel: c for c in busy.values()}
            ready = wait([*busy, *sentinels], timeout=timeout)
            finished: set[_Child] = set()
            for r in ready:
                got = busy.get(r) if isinstance(r, Connection) else None
                if got is None or got in finished:
                    continue
                child = got
                try:
                    index, ok, value = child.conn.recv()
                except (EOFError, OSError):
                    continue  # died: handled with the sentinels below
                finished.add(child)
                del busy[child.conn]
                idle.append(child)
                remaining -= 1
                yield Outcome(index, value if ok else Failure(str(value), "error"))
            now = time.monotonic()
            for child in list(busy.values()):
                dead = not child.proc.is_alive()
                late = now >= child.deadline
                if not (dead or late):
                    continue
                assert child.index is not None
                if late and not dead:
                    child.kill()
                    failure = Failure(f"reader ran over {seconds:.0f} s and was stopped", "timeout")
                else:
                    child.kill()
                    failure = Failure(_exit_reason(child.proc), "crash")
                log.warning("contained reader failed item=%d kind=%s reason=%s", child.index, failure.kind,
                            failure.reason)
                del busy[child.conn]
                children.remove(child)
                remaining -= 1
                yield Outcome(child.index, failure)
                if queue:
                    fresh = _Child(ctx, fn, memory_mb)
                    children.append(fresh)
                    idle.append(fresh)
    finally:
        for child in children:
            if child.conn in busy:
                child.kill()
            else:
                child.stop()
