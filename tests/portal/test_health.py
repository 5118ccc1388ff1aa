import pytest
from django.db import connection

from portal import health

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_every_part_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"


def test_healthz_says_which_part_failed(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ConnectionError"
    assert response.json()["checks"]["cache"] == "ok"


def test_healthz_reports_a_broken_cache(client, monkeypatch):
    monkeypatch.setattr(health.cache, "get", lambda key: None)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "value not read back"


@pytest.mark.redis
def test_healthz_checks_the_broker_when_redis_is_configured(client):
    assert client.get("/healthz").json()["checks"]["broker"] == "ok"


@pytest.mark.redis
def test_healthz_reports_an_unreachable_broker_as_degraded(client, settings):
    from portal.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original
    # Mails wait in the outbox meanwhile: the node keeps serving, and says what is degraded.
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"].startswith("degraded")
