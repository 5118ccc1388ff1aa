"""PostgreSQL unreachable: every page answers 503 with Retry-After and a short page in Swedish and
English, not 500; when it is back, the portal works again without a restart.

The database connection goes through a proxy in front of the suite's real PostgreSQL (shared with
others, so never stopped); cutting the proxy is the database going away.
"""

import pytest
from django.core.cache import caches
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.faults import CuttableProxy

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class ServerClient(Client):
    """The test client, with what the real request handler does between requests: Django's test
    client leaves out close_old_connections, which drops a connection that errors made unusable
    (so the next request opens a new one: the recovery without a restart)."""

    def request(self, **request):
        close_old_connections()
        try:
            return super().request(**request)
        finally:
            close_old_connections()


@pytest.fixture
def database_behind_a_proxy():
    real = dict(connection.settings_dict)
    proxy = CuttableProxy(real["HOST"] or "127.0.0.1", int(real["PORT"] or 5432))
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", proxy.port
    try:
        yield proxy
    finally:
        proxy.cut()
        connection.close()
        connection.settings_dict["HOST"], connection.settings_dict["PORT"] = real["HOST"], real["PORT"]


def test_with_the_database_away_every_page_says_503_and_it_recovers_without_a_restart(database_behind_a_proxy):
    proxy = database_behind_a_proxy
    event = EventFactory()
    signed_in = ServerClient(raise_request_exception=False)
    signed_in.force_login(UserFactory())
    anonymous = ServerClient(raise_request_exception=False)
    pages = ["/", reverse("events:list"), event.get_absolute_url(), reverse("projects:catalogue")]
    assert [anonymous.get(path).status_code for path in pages] == [200] * len(pages)

    proxy.cut()
    caches["pages"].clear()  # signed-out pages kept in the page cache would still be served (from Redis)
    for client, path in [(anonymous, p) for p in pages] + [(signed_in, reverse("events:my-registrations"))]:
        response = client.get(path)
        assert response.status_code == 503, path
        assert response["Retry-After"] == "30"
        page = response.content.decode()
        assert "tillfälligt otillgänglig" in page and "briefly unavailable" in page
    # A page that needs nothing from the database (the login form) is still served; none answers 500.
    assert anonymous.get("/konto/login/").status_code in (200, 503)
    health = anonymous.get("/healthz")
    assert health.status_code == 503 and health.json()["checks"]["database"] != "ok"

    proxy.restore()
    assert [anonymous.get(path).status_code for path in pages] == [200] * len(pages)
    assert signed_in.get(reverse("events:my-registrations")).status_code == 200
    assert anonymous.get("/healthz").json()["checks"]["database"] == "ok"
