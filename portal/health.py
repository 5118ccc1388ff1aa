"""Checks behind /healthz: each returns None when the part answers, or a short reason.

A part the portal can do without for a while (Redis: the cache and the broker) is reported as
"degraded: ...", with 200, so a load balancer keeps sending visitors; only the database, without
which nothing works, makes it answer 503.
"""

import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection

from .cache import redis_outage


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        return type(exc).__name__
    return None


def check_cache() -> str | None:
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    try:
        cache.set(key, value, timeout=5)  # (Redis back after an outage: this is what notices it)
        if cache.get(key) != value:
            return "value not read back"
        cache.delete(key)
        if "pages" in settings.CACHES:
            caches["pages"].get(key)  # each cache notices on its own that Redis is back
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__
    if outage := redis_outage():
        return f"degraded: Redis unreachable ({outage}); pages uncached, rate limits and sessions in the database"
    return None


def check_broker() -> str | None:
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return f"degraded: {type(exc).__name__} (mails wait in the outbox)"
    return None


def health_report() -> dict[str, str]:
    checks = {"database": check_database, "cache": check_cache}
    if settings.REDIS_URL:
        checks["broker"] = check_broker
    return {name: (check() or "ok") for name, check in checks.items()}


def overall(report: dict[str, str]) -> str:
    """ok, degraded (something can wait) or fail (the database, or a cache that answers wrongly)."""
    if all(state == "ok" for state in report.values()):
        return "ok"
    return "degraded" if all(state == "ok" or state.startswith("degraded") for state in report.values()) else "fail"
