"""Fixtures of the security tests.

`world` is built once per test module, inside a transaction that is rolled back when the module
is done; each test then runs in a savepoint of its own (pytest-django's `db`), so a request that
changes something cannot affect the next test.
"""

import pytest
from django.db import transaction

from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def as_actor(client, world):
    """A test client signed in as one of the world's actors (or anonymous)."""

    def _as(actor: str):
        client.logout()
        user = world.actors[actor]
        if user is not None:
            client.force_login(user)
        return client

    return _as
