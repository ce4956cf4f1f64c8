"""Upload rate limits per user: at most `INTAKE_UPLOADS_PER_MINUTE` upload requests in any 60 seconds.

Attempts count, refused ones included (a client hammering the service with bad uploads is slowed
down like any other). The window lives in the service process; with several service processes each
one applies the limit to the requests it receives.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from fastapi import HTTPException, Request, status

from intake.service.deps import ContextDep, UserDep

WINDOW_SECONDS = 60.0


class SlidingWindow:
    """At most `limit` events per key in any `window` seconds."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.events: dict[object, deque[float]] = {}
        self.lock = threading.Lock()

    def hit(self, key: object) -> float:
        """Record an event; 0 when allowed, else the seconds until one is allowed again."""
        now = self.clock()
        with self.lock:
            q = self.events.setdefault(key, deque())
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                return q[0] + self.window - now
            q.append(now)
            return 0.0


def _limiter(request: Request, per_minute: int) -> SlidingWindow:
    state = request.app.state
    limiter: SlidingWindow | None = getattr(state, "upload_limiter", None)
    if limiter is None or limiter.limit != per_minute:
        limiter = SlidingWindow(per_minute)
        state.upload_limiter = limiter
    return limiter


def upload_rate_limit(request: Request, user: UserDep, ctx: ContextDep) -> None:
    """Dependency of the upload routes: 429 with Retry-After once the user's minute is used up."""
    per_minute = ctx.settings.uploads_per_minute
    if per_minute <= 0:
        return
    wait = _limiter(request, per_minute).hit(user.id)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"Слишком много загрузок: не более {per_minute} в минуту. Повторите через {seconds} с.",
            headers={"Retry-After": str(seconds)},
        )
