"""The Redis cache backend (portal.cache): Django's, keeping its client between operations."""

import threading

import pytest
from django.core.cache import cache, caches

from portal.cache import KeptClientRedisCache

pytestmark = pytest.mark.redis


def test_the_portal_uses_it_and_it_keeps_one_client():
    assert isinstance(caches["default"], KeptClientRedisCache)
    backend = caches["default"]._cache
    assert backend.get_client(write=True) is backend.get_client(write=False) is backend.get_client()


def test_values_go_in_and_out_as_with_djangos_backend():
    cache.set("portal-cache-test", {"seats": 140, "names": ["Åsa", "Örjan"]}, 30)
    assert cache.get("portal-cache-test") == {"seats": 140, "names": ["Åsa", "Örjan"]}
    assert cache.get_many(["portal-cache-test", "missing"]) == {
        "portal-cache-test": {"seats": 140, "names": ["Åsa", "Örjan"]}
    }
    cache.set("portal-cache-counter", 1, 30)
    assert cache.incr("portal-cache-counter") == 2
    cache.delete_many(["portal-cache-test", "portal-cache-counter"])
    assert cache.get("portal-cache-test") is None


def test_threads_sharing_it_each_get_their_own_answers():
    errors = []

    def work(n):
        try:
            for i in range(200):
                cache.set(f"portal-cache-thread-{n}", (n, i), 30)
                if cache.get(f"portal-cache-thread-{n}") != (n, i):
                    errors.append((n, i))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
