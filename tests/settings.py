"""Test settings: the real settings, read from the environment as always, with the few changes
that tests need (plain HTTP for the test client and live server, fast password hashing)."""

import os
import tempfile

from portal.settings import *  # noqa: F403
from portal.settings import CACHES, REDIS_URL, STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The admin's tests sign staff in directly; tests/security/test_two_factor.py switches this on, and
# tests/portal/test_settings.py checks that production has it on.
STAFF_TWO_FACTOR_REQUIRED = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="kp-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="kp-private-")
STORAGES = {**STORAGES, "private": {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}}}
# Tests run tasks in-process unless a test starts a real worker (see tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
if REDIS_URL:
    CACHES = {alias: {**config, "KEY_PREFIX": "kp-test"} for alias, config in CACHES.items()}
    # The database fallback is used only while Redis is away, which tests/portal/test_redis_outage.py
    # arranges with caches of its own; here it stays out of tests that have no database.
    CACHES["database"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    # Tests clear the caches around each test, also those that have no database: in memory here.
    # tests/security/test_accounts.py runs the lockout on the embedded default's database store.
    CACHES = {alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"} for alias in CACHES}
