"""Redis is a cache and a broker, never the source of truth.

The caches and the broker are pointed at a proxy in front of the suite's real Redis (shared with
others, so never stopped); cutting the proxy is Redis going away. While it is away: pages are
served, signed out and signed in; a registration is saved and its mail waits in the outbox; login
limits still hold (counted in the database); /healthz says what is degraded. When it is back, the
mail goes.
"""

import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from events.models import Registration
from portal import cache as portal_cache
from portal import outbox
from portal.models import OutboxMessage
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, UserFactory
from tests.faults import CuttableProxy

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def redis_behind_a_proxy(monkeypatch):
    from portal.celery import app

    real = urlsplit(settings.REDIS_URL)
    proxy = CuttableProxy(real.hostname, real.port)
    url = f"redis://{proxy.address}{real.path or '/0'}"
    resilient = {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": "kp-outage-test"}
    caches = {
        "default": {**resilient, "OPTIONS": {"FALLBACK": "database"}},
        "pages": resilient,
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    }
    monkeypatch.setattr(portal_cache, "RETRY_AFTER", 0.2)
    broker = app.conf.broker_url
    use_broker(app, url)
    app.conf.task_always_eager = False
    try:
        with override_settings(CACHES=caches):
            call_command("createcachetable", verbosity=0)  # as migrate does where CACHES names it
            yield proxy
    finally:
        proxy.cut()
        use_broker(app, broker)
        app.conf.task_always_eager = True


def use_broker(app, url: str) -> None:
    """Point the Celery app at another broker, dropping the connections it keeps to the last one,
    so later tests are not left talking to the proxy.

    The app's pools are entries of kombu's process-wide registry, keyed by broker URL: closing one
    and leaving it registered hands the closed pool back to the next test that asks for that URL
    ("Acquire on closed pool"). `kombu.pools.reset()` closes them and empties the registry.
    """
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url


def fail_logins(client, email, times):
    return [client.post("/konto/login/", {"login": email, "password": "fel-losenord"}) for _ in range(times)]


def test_with_redis_away_pages_registrations_and_login_limits_still_work(
    redis_behind_a_proxy, caplog, django_capture_on_commit_callbacks
):
    proxy = redis_behind_a_proxy
    event = EventFactory()
    participant = UserFactory()
    signed_in = Client()
    signed_in.force_login(participant)
    assert signed_in.get(reverse("events:my-registrations")).status_code == 200
    target = UserFactory(email="utsatt@example.se")
    leaving = Client()
    leaving.force_login(UserFactory())
    assert leaving.get(reverse("events:my-registrations")).status_code == 200  # its session is in Redis now
    old_cookie = leaving.cookies["sessionid"].value

    proxy.cut()

    # Signed out and signed in, pages are served (uncached; the session from the database).
    anonymous = Client()
    for path in ("/", reverse("events:list"), event.get_absolute_url()):
        assert anonymous.get(path).status_code == 200, path
    page = signed_in.get(reverse("events:my-registrations"))
    assert page.status_code == 200 and page.wsgi_request.user == participant

    # A registration is saved; its confirmation waits in the outbox (the broker is away too).
    with django_capture_on_commit_callbacks(execute=True):  # the kick after commit finds no broker
        response = signed_in.post(reverse("events:register", args=[event.slug]), {"organisation_type": "industry"})
    assert response.status_code == 302
    registration = Registration.objects.get(user=participant)
    assert OutboxMessage.objects.get(args=[registration.pk]).status == "pending"
    assert "could not reach the broker" in caplog.text

    # Login limits still hold: counted in the database, never open.
    fail_logins(Client(), target.email, 5)
    blocked = Client().post("/konto/login/", {"login": target.email, "password": PASSWORD})
    assert not blocked.wsgi_request.user.is_authenticated
    assert "För många misslyckade inloggningsförsök" in blocked.content.decode()

    # Signing out while Redis is away ends the session for good (Redis' older copy is removed on return).
    assert leaving.post(reverse("account_logout")).status_code == 302

    health = anonymous.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["checks"]["cache"].startswith("degraded")
    assert health.json()["checks"]["broker"].startswith("degraded")

    proxy.restore()
    time.sleep(0.3)  # past the cache's pause before it tries Redis again

    # Back: the mail goes on the sender's next run; the lockout counted meanwhile still holds.
    assert outbox.outbox_send_due() == 1
    assert [m.to for m in mail.outbox if m.to == [participant.email]] == [[participant.email]]
    assert signed_in.get(reverse("events:my-registrations")).status_code == 200
    still_blocked = Client().post("/konto/login/", {"login": target.email, "password": PASSWORD})
    assert not still_blocked.wsgi_request.user.is_authenticated
    assert anonymous.get("/healthz").json()["status"] == "ok"
    assert portal_cache.redis_outage() is None
    returning = Client()
    returning.cookies["sessionid"] = old_cookie
    assert returning.get(reverse("events:my-registrations")).status_code == 302  # sent to sign in
