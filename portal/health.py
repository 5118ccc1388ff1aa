"""Checks behind /healthz: each returns None when the part answers, or a short reason."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


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
        cache.set(key, value, timeout=5)
        if cache.get(key) != value:
            return "value not read back"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__
    return None


def check_broker() -> str | None:
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__
    return None


def health_report() -> dict[str, str]:
    checks = {"database": check_database, "cache": check_cache}
    if settings.REDIS_URL:
        checks["broker"] = check_broker
    return {name: (check() or "ok") for name, check in checks.items()}
