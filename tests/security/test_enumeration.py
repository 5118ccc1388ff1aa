"""Sign-up and password reset answer the same, and do the same work, whether an address has an account.

The answer was always the same text; the time was not: a registered address took about 60 ms, a new one
about 450 ms, since only a new account's password was hashed. Timing itself is too noisy to assert here,
so the tests count the expensive step, the password hash, which is where the difference was.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Ett-helt-nytt-losen-2026"


class CountingHasher(MD5PasswordHasher):
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls = 0


def _sign_up(email):
    CountingHasher.calls = 0
    mail.outbox.clear()
    response = Client().post("/konto/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    return response, CountingHasher.calls, len(mail.outbox)


def _reset(email):
    mail.outbox.clear()
    response = Client().post("/konto/password/reset/", {"email": email})
    return response, len(mail.outbox)


def test_sign_up_with_a_taken_address_does_the_same_work_and_says_the_same():
    UserFactory(email="finns@example.se")
    taken, taken_hashes, taken_mails = _sign_up("finns@example.se")
    new, new_hashes, new_mails = _sign_up("ny@example.se")
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert taken_hashes == new_hashes >= 1
    assert taken_mails == new_mails == 1  # the owner of the taken address is told, the new one confirms


def test_password_reset_says_the_same_and_sends_one_mail_either_way():
    UserFactory(email="finns@example.se")
    known, known_mails = _reset("finns@example.se")
    unknown, unknown_mails = _reset("okand@example.se")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known_mails == unknown_mails == 1
