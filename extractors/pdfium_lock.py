"""pdfium is not thread-safe: within one process every call into it holds this lock.

Parallel page reading runs in separate processes, each with its own pdfium and its own lock; the lock
matters where threads share a process (the service's worker thread and a request rendering a page).
"""

import os
import threading

PDFIUM = threading.RLock()


def _before_fork() -> None:
    PDFIUM.acquire()


def _after_fork() -> None:
    PDFIUM.release()


# a fork never copies the lock while another thread is inside pdfium
os.register_at_fork(before=_before_fork, after_in_parent=_after_fork, after_in_child=_after_fork)
