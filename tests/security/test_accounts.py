"""Signing up and resetting a password reveal nothing about which addresses have accounts, and
every way in is rate limited, in the shared cache (Redis in production), not per browser session.

(Wrong passwords at login are covered in tests/portal/test_views.py.)
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from portal.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Ett-langt-losen-99"


def page(response) -> str:
    """A page as the visitor sees it, without the per-session CSRF token."""
    return re.sub(r'(csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"', r"\1TOKEN", response.content.decode())


def sign_up(client, email):
    return client.post("/konto/signup/", {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_signing_up_with_a_taken_address_looks_just_like_signing_up_with_a_new_one(client):
    UserFactory(email="finns@example.se")
    other = Client()
    taken = sign_up(client, "finns@example.se")
    new = sign_up(other, "ny@example.se")
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    # The pages differ only in the address each visitor typed themselves.
    shown_taken = page(client.get(taken["Location"])).replace("finns@example.se", "ADDRESS")
    shown_new = page(other.get(new["Location"])).replace("ny@example.se", "ADDRESS")
    assert "ADDRESS" in shown_taken and shown_taken == shown_new
    assert User.objects.filter(email__iexact="finns@example.se").count() == 1
    # Only the address's owner learns that the account exists, by e-mail.
    mails = {message.to[0]: message.subject for message in mail.outbox}
    assert "Konto finns redan" in mails["finns@example.se"]
    assert "bekräfta" in mails["ny@example.se"]


def test_signing_up_is_rate_limited(client):
    for n in range(20):
        assert sign_up(client, f"person{n}@example.se").status_code == 302
    blocked = sign_up(client, "en-till@example.se")
    assert blocked.status_code == 429
    assert "För många försök" in blocked.content.decode()
    assert not User.objects.filter(email="en-till@example.se").exists()


def test_a_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="glomsk@example.se")
    known = client.post("/konto/password/reset/", {"email": "glomsk@example.se"})
    unknown = client.post("/konto/password/reset/", {"email": "okand@example.se"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert page(client.get(known["Location"])) == page(client.get(unknown["Location"]))
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "/konto/password/reset/key/" in by_address["glomsk@example.se"].body
    assert "/konto/password/reset/key/" not in by_address["okand@example.se"].body


def test_password_resets_are_rate_limited_per_address_whether_it_has_an_account_or_not(client):
    UserFactory(email="glomsk@example.se")
    for email in ("glomsk@example.se", "okand@example.se"):
        answers = [client.post("/konto/password/reset/", {"email": email}).status_code for _ in range(6)]
        assert answers == [302] * 5 + [429], email
    assert len([m for m in mail.outbox if m.to == ["glomsk@example.se"]]) == 5


def _fail_logins(client, email, times):
    return [client.post("/konto/login/", {"login": email, "password": "fel-losenord"}) for _ in range(times)]


def test_login_limits_hold_for_a_new_session_and_live_in_the_cache():
    UserFactory(email="utsatt@example.se")
    _fail_logins(Client(), "utsatt@example.se", 5)
    # A fresh browser (no cookies) is refused too, even with the right password: the count is not in the session.
    fresh = Client()
    blocked = fresh.post("/konto/login/", {"login": "utsatt@example.se", "password": PASSWORD})
    assert not blocked.wsgi_request.user.is_authenticated
    assert "För många misslyckade inloggningsförsök" in blocked.content.decode()
    cache.clear()
    allowed = fresh.post("/konto/login/", {"login": "utsatt@example.se", "password": PASSWORD})
    assert allowed.status_code == 302 and allowed.wsgi_request.user.is_authenticated


@pytest.mark.redis
def test_the_rate_limits_are_kept_in_redis():
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)  # Django's, or portal.cache's subclass of it
    client = caches["default"]._cache.get_client(write=False)
    _fail_logins(Client(), "nagon@example.se", 1)
    keys = [key.decode() for key in client.scan_iter(match="*allauth:rl:*")]
    assert any(":login_failed:" in key for key in keys), keys


def test_the_admin_login_goes_through_the_same_rate_limited_login():
    """30 wrong passwords to the admin's own login form used to be followed by a working right one."""
    admin_user = UserFactory(email="chef@example.se", is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(30):
        response = client.post("/admin/login/", {"username": admin_user.email, "password": "fel-losenord"})
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    response = client.post("/admin/login/", {"username": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    assert not response.wsgi_request.user.is_authenticated, "the admin form checks no password at all"


def test_failures_at_the_login_lock_the_way_into_the_admin_too():
    admin_user = UserFactory(email="chef@example.se", is_staff=True, is_superuser=True)
    _fail_logins(Client(), admin_user.email, 5)
    client = Client()
    blocked = client.post("/konto/login/?next=/admin/", {"login": admin_user.email, "password": PASSWORD})
    assert not blocked.wsgi_request.user.is_authenticated
    assert client.get("/admin/").status_code == 302


def test_staff_sign_in_at_the_login_page_and_reach_the_admin():
    UserFactory(email="chef@example.se", is_staff=True, is_superuser=True)
    client = Client()
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    signed_in = client.post("/konto/login/?next=/admin/", {"login": "chef@example.se", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_on_the_embedded_default_filling_the_cache_does_not_wipe_a_lockout(settings):
    """About 420 requests for different addresses (or counters for 300 made-up accounts) used to evict the
    login counters from local memory."""
    from django.core.management import call_command

    from portal.settings import EMBEDDED_CACHES

    settings.CACHES = EMBEDDED_CACHES
    call_command("createcachetable", verbosity=0)
    UserFactory(email="utsatt@example.se")
    _fail_logins(Client(), "utsatt@example.se", 5)
    visitor = Client()
    for n in range(500):
        visitor.get(f"/tillganglighet/?x={n}")
    for n in range(350):  # counters for made-up addresses, from as many (documentation) IP addresses
        address = f"{('198.51.100', '203.0.113')[n // 200]}.{n % 200 + 1}"
        _fail_logins(Client(REMOTE_ADDR=address), f"nagon{n}@example.se", 1)
    blocked = Client(REMOTE_ADDR="192.0.2.1").post(
        "/konto/login/", {"login": "utsatt@example.se", "password": PASSWORD}
    )
    assert not blocked.wsgi_request.user.is_authenticated
    assert "För många misslyckade inloggningsförsök" in blocked.content.decode()
