"""Fixtures every test tree shares.

Tests that need the real PostgreSQL or Redis are marked `postgres` or `redis`. Where those
servers are not configured (a newcomer's laptop) such tests are skipped with the reason; in CI
(CI=true) a skip would hide a missing server, so it fails instead.
"""

import os

import pytest
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing(marker: str) -> str | None:
    if marker == "postgres" and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://... (make services prints one)"
    if marker == "redis" and not settings.REDIS_URL:
        return "needs Redis: set REDIS_URL=redis://... (make services prints one)"
    return None


def pytest_runtest_setup(item):
    for marker in ("postgres", "redis"):
        if item.get_closest_marker(marker) and (reason := _missing(marker)):
            if IN_CI:
                pytest.fail(f"CI must run this test: {reason}", pytrace=False)
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Clean caches per test, so rate limits and cached pages do not leak between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process in ordinary tests; `celery_worker_app` turns this off for worker tests."""
    from portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture
def user_factory(db):
    from tests.factories import UserFactory

    return UserFactory


@pytest.fixture
def celery_worker_app(transactional_db):
    """A real Celery worker, in a thread of this process, consuming from the real Redis broker.

    Needs REDIS_URL (mark the test `redis`) and a transactional database, so that rows the test
    commits are visible to the worker's own connection.
    """
    from celery.contrib.testing.worker import start_worker
    from django.db import connections

    from portal.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.task_always_eager = True
        connections.close_all()
