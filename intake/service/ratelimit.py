"""Rate limits: at most N events per key in any window (uploads and re-checks per user, failed
sign-ins per address and per account).

Attempts count, refused ones included (a client hammering the service with bad uploads is slowed
down like any other). With a broker configured (`INTAKE_BROKER_URL`, Redis) the windows are kept in
Redis, so every service process counts the same events; otherwise in the service process.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from fastapi import HTTPException, Request, status

from intake.service.deps import ContextDep, UserDep

log = logging.getLogger(__name__)
WINDOW_SECONDS = 60.0


class Window(Protocol):
    limit: int

    def hit(self, key: object) -> float: ...

    def wait(self, key: object) -> float: ...


class SlidingWindow:
    """At most `limit` events per key in any `window` seconds, in this process."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.events: dict[object, deque[float]] = {}
        self.lock = threading.Lock()

    def _trim(self, key: object, now: float) -> deque[float]:
        q = self.events.setdefault(key, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def hit(self, key: object) -> float:
        """Record an event; 0 when allowed, else the seconds until one is allowed again."""
        now = self.clock()
        with self.lock:
            q = self._trim(key, now)
            if len(q) >= self.limit:
                return q[0] + self.window - now
            q.append(now)
            return 0.0

    def wait(self, key: object) -> float:
        """Seconds until an event is allowed (0: now), without recording one."""
        now = self.clock()
        with self.lock:
            q = self._trim(key, now)
            return q[0] + self.window - now if len(q) >= self.limit else 0.0


_HIT = """
local now = tonumber(ARGV[1]); local window = tonumber(ARGV[2]); local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tostring(tonumber(first[2]) + window - now)
end
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
end
return '0'
"""


class RedisWindow:
    """The same window kept in Redis (a sorted set per key), shared by every service process. While
    Redis cannot be reached the process counts on its own (a broker outage never turns into a 500)."""

    def __init__(self, client: Any, name: str, limit: int, window: float = WINDOW_SECONDS) -> None:
        self.client, self.name, self.limit, self.window = client, name, limit, window
        self.script = client.register_script(_HIT)
        self.local = SlidingWindow(limit, window)

    def _call(self, key: object, record: bool) -> float:
        import redis

        try:
            return self._shared(key, record)
        except redis.RedisError as exc:
            log.warning("rate limit counted in this process: redis unavailable (%s)", type(exc).__name__)
            return self.local.hit(key) if record else self.local.wait(key)

    def _shared(self, key: object, record: bool) -> float:
        now = self.client.time()
        seconds = now[0] + now[1] / 1e6
        got = self.script(keys=[f"intake:rate:{self.name}:{key}"],
                          args=[seconds, self.window, self.limit, "1" if record else "0", uuid.uuid4().hex])
        return max(0.0, float(got))

    def hit(self, key: object) -> float:
        return self._call(key, True)

    def wait(self, key: object) -> float:
        return self._call(key, False)


def window(request: Request, name: str, limit: int, seconds: float = WINDOW_SECONDS) -> Window:
    """The process's window `name` (made on first use), in Redis when a broker is configured."""
    state = request.app.state
    windows: dict[str, Window] | None = getattr(state, "rate_windows", None)
    if windows is None:
        windows = state.rate_windows = {}
    w = windows.get(name)
    if w is None or w.limit != limit:
        broker = request.app.state.ctx.settings.broker_url
        if broker and broker.startswith(("redis://", "rediss://")):
            import redis

            client = redis.Redis.from_url(broker, socket_timeout=2, socket_connect_timeout=2)
            w = RedisWindow(client, name, limit, seconds)
        else:
            w = SlidingWindow(limit, seconds)
        windows[name] = w
    return w


def too_many(message: str, wait: float) -> HTTPException:
    seconds = max(1, math.ceil(wait))
    return HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, f"{message} Повторите через {seconds} с.",
                         headers={"Retry-After": str(seconds)})


def upload_rate_limit(request: Request, user: UserDep, ctx: ContextDep) -> None:
    """Dependency of the upload routes: 429 with Retry-After once the user's minute is used up."""
    per_minute = ctx.settings.uploads_per_minute
    if per_minute <= 0:
        return
    wait = window(request, "upload", per_minute).hit(user.id)
    if wait > 0:
        raise too_many(f"Слишком много загрузок: не более {per_minute} в минуту.", wait)


def recheck_rate_limit(request: Request, user: UserDep, ctx: ContextDep) -> None:
    """Dependency of `POST …/recheck`: at most `INTAKE_RECHECKS_PER_MINUTE` per user."""
    per_minute = ctx.settings.rechecks_per_minute
    if per_minute <= 0:
        return
    wait = window(request, "recheck", per_minute).hit(user.id)
    if wait > 0:
        raise too_many(f"Слишком много повторных проверок: не более {per_minute} в минуту.", wait)
