"""Two-factor sign-in for staff: with STAFF_TWO_FACTOR_REQUIRED (on in production) the admin opens only
to staff who have an authenticator app set up, and signing in then asks for its code."""

import time
from unittest import mock

import pytest
from allauth.mfa.totp.internal import auth as totp
from django.test import Client

from tests.factories import PASSWORD, project_leader_user

pytestmark = pytest.mark.django_db


def _code(secret: str, *, later: int = 0) -> str:
    counter = (int(time.time()) + later) // 30
    return totp.format_hotp_value(totp.hotp_value(secret, counter))


@pytest.fixture
def required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def leader():
    return project_leader_user(email="lea@example.se")


def _sign_in(client, email, next_url="/admin/"):
    return client.post(f"/konto/login/?next={next_url}", {"login": email, "password": PASSWORD})


def test_staff_without_an_authenticator_are_sent_to_set_one_up_before_the_admin(required, leader):
    client = Client()
    client.force_login(leader)
    response = client.get("/admin/projects/project/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/totp/activate/?next=%2Fadmin%2Fprojects%2Fproject%2F"
    assert client.get("/mitt-konto/").status_code == 200, "the rest of the portal stays open"


def test_with_an_authenticator_the_admin_opens_and_the_next_sign_in_asks_for_its_code(required, leader):
    client = Client()
    assert _sign_in(client, leader.email).status_code == 302
    # Setting up a second factor asks for the password again first, as any sensitive change does.
    asked_again = client.get("/konto/2fa/totp/activate/?next=/admin/")
    assert asked_again.status_code == 302 and asked_again["Location"].startswith("/konto/reauthenticate/")
    assert client.post(asked_again["Location"], {"password": PASSWORD}).status_code == 302
    activate = client.get("/konto/2fa/totp/activate/?next=/admin/")
    assert activate.status_code == 200
    secret = client.session[totp.SECRET_SESSION_KEY]
    done = client.post("/konto/2fa/totp/activate/?next=/admin/", {"code": _code(secret)})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200
    export = client.get("/mitt-konto/mina-uppgifter.json")
    assert [item["type"] for item in export.json()["account"]["two_factor"]] == ["totp", "recovery_codes"]
    assert secret not in export.content.decode(), "the export says a second factor is set up, never its secret"

    fresh = Client()
    asked = _sign_in(fresh, leader.email)
    assert asked.status_code == 302 and asked["Location"].startswith("/konto/2fa/authenticate/")
    assert fresh.get("/admin/").status_code == 302, "the password alone does not sign in"
    wrong = fresh.post("/konto/2fa/authenticate/", {"code": "000000" if _code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and not wrong.wsgi_request.user.is_authenticated
    # A code is taken once: the next period's code, as the app would show it 30 s later.
    next_code, later = _code(secret, later=30), time.time() + 30
    with mock.patch.object(totp.time, "time", return_value=later):
        signed_in = fresh.post("/konto/2fa/authenticate/", {"code": next_code})
        assert signed_in.status_code == 302
        assert fresh.get("/admin/").status_code == 200


def test_the_demo_leaves_two_factor_to_staff(settings, leader):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    client = Client()
    client.force_login(leader)
    assert client.get("/admin/").status_code == 200
