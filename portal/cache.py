"""Django's Redis cache backend, keeping its Redis client instead of making one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and
redis-py fills a table of about 170 response callbacks in each one it builds: measured, a fifth of
the CPU time of a page served from the page cache (three cache calls) went there. A client over a
connection pool is safe to share between threads, so one per pool is kept.

ResilientRedisCache (below) is the one the settings use: Redis is a cache, never the source of truth.
"""

import logging
import threading
import time

import redis
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# What an unreachable or failing Redis raises (redis-py's errors, and the socket's own).
REDIS_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class KeptClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient


# --- Redis as a cache, never the source of truth ---------------------------------------------------

logger = logging.getLogger(__name__)

# After a failure, Redis is left alone this long (each request would otherwise wait for it again).
RETRY_AFTER = 5.0
# Short, so a Redis that does not answer costs a page a fraction of a second, not the worker's timeout.
SOCKET_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
_MISSING = object()


class _Outage:
    """What one Redis (by location) is doing, shared by the threads of the process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.error = ""
        self.touched: set[tuple] = set()  # (key, version) written or deleted meanwhile, per fallback


_outages: dict[str, _Outage] = {}


def redis_outage() -> str | None:
    """Why a Redis cache is being skipped now, or None."""
    for outage in _outages.values():
        if outage.down_since is not None:
            return outage.error
    return None


class ResilientRedisCache(KeptClientRedisCache):
    """Redis as a cache: when it cannot be reached, reads miss and writes are dropped (logged, with a
    short timeout), or, with OPTIONS["FALLBACK"] naming another cache alias, both go there instead.

    The "default" cache (rate limits, login lockouts, sessions) falls back to the database: a limit
    must hold while Redis is down, never fail open. When Redis answers again, the keys changed in
    the fallback meanwhile are copied back (or deleted), so a session signed out during the outage
    does not come back from Redis' older copy, and a lockout counted meanwhile still counts.
    """

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**SOCKET_TIMEOUTS, **params.get("OPTIONS", {})}}
        self._fallback_alias = params["OPTIONS"].pop("FALLBACK", None)
        super().__init__(server, params)
        # Per Redis and fallback: the keys one cache moved to its fallback are copied back by it alone.
        self._outage = _outages.setdefault(f"{server} ({self._fallback_alias or 'no fallback'})", _Outage())
        self._server_text = str(server)

    @property
    def _fallback(self):
        return caches[self._fallback_alias] if self._fallback_alias else None

    def _call(self, name: str, *args, default=None, touches=(), version=None, **kwargs):
        outage = self._outage
        if outage.down_since is not None and time.monotonic() < outage.retry_at:
            return self._degraded(name, args, kwargs, default, touches, version)
        try:
            result = getattr(super(), name)(*args, version=version, **kwargs)
        except REDIS_ERRORS as exc:
            with outage.lock:
                if outage.down_since is None:
                    outage.down_since = time.monotonic()
                    logger.error("Redis at %s unreachable (%s): serving without it", self._server_text, exc)
                outage.error = f"{type(exc).__name__}: {exc}"[:200]
                outage.retry_at = time.monotonic() + RETRY_AFTER
            return self._degraded(name, args, kwargs, default, touches, version)
        if outage.down_since is not None:
            self._recovered()
        return result

    def _degraded(self, name, args, kwargs, default, touches, version):
        fallback = self._fallback
        if fallback is None:
            return default
        with self._outage.lock:
            self._outage.touched.update((key, version) for key in touches)
        return getattr(fallback, name)(*args, version=version, **kwargs)

    def _recovered(self) -> None:
        outage = self._outage
        with outage.lock:
            if outage.down_since is None:
                return
            touched, outage.touched = outage.touched, set()
            outage.down_since, outage.error = None, ""
        logger.warning("Redis at %s answers again; %d keys copied back", self._server_text, len(touched))
        fallback = self._fallback
        for key, version in touched:
            try:
                value = fallback.get(key, _MISSING, version=version) if fallback else _MISSING
                if value is _MISSING:
                    super().delete(key, version=version)
                else:
                    super().set(key, value, version=version)
            except REDIS_ERRORS:  # down again: the next recovery copies what is still marked
                with outage.lock:
                    outage.touched.add((key, version))

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, default=default, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, default=False, touches=(key,), version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, touches=(key,), version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, default=False, touches=(key,), version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, default=False, touches=(key,), version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, default={}, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, default=False, version=version)

    def incr(self, key, delta=1, version=None):
        value = self._call("incr", key, delta, default=_MISSING, touches=(key,), version=version)
        if value is _MISSING:  # Redis down and no fallback: as if the key were missing
            raise ValueError(f"Key '{key}' not found")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, default=[], touches=tuple(data), version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, touches=tuple(keys), version=version)

    def clear(self):
        outage = self._outage
        if outage.down_since is not None and time.monotonic() < outage.retry_at:
            return self._fallback.clear() if self._fallback else False
        try:
            return super().clear()
        except REDIS_ERRORS:
            return self._fallback.clear() if self._fallback else False
