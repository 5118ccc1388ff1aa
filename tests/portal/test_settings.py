"""Settings come from the environment: run a fresh interpreter per case, as a server would start."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, django; from django.conf import settings as s; django.setup(); print(json.dumps({"
    "'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], 'cache': s.CACHES['default']['BACKEND'],"
    "'pages': s.CACHES['pages']['BACKEND'],"
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, 'email': s.EMAIL_BACKEND,"
    "'hosts': s.ALLOWED_HOSTS, 'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,"
    "'staff_2fa': s.STAFF_TWO_FACTOR_REQUIRED}))"
)
NAMES = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_URL")


def run(code_or_args, **env):
    dropped = {*NAMES, "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings", **env)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_unset_variables_give_the_embedded_default():
    shown = json.loads(run(SHOW).stdout)
    assert shown["engine"] == "django.db.backends.sqlite3"
    # Rate limits and lockouts where traffic cannot evict them; pages in memory.
    assert shown["cache"].endswith("DatabaseCache") and shown["pages"].endswith("LocMemCache")
    assert shown["eager"] is True and shown["broker"] == "memory://"
    assert shown["email"] == "django.core.mail.backends.console.EmailBackend"


def test_variables_choose_postgres_redis_and_smtp():
    shown = json.loads(
        run(
            SHOW,
            DATABASE_URL="postgres://kp:secret@db.internal:5432/kp",
            REDIS_URL="redis://cache.internal:6379/0",
            EMAIL_URL="smtp://mailpit:1025",
            ALLOWED_HOSTS="portal.example,www.portal.example",
        ).stdout
    )
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["cache"].endswith("RedisCache") and shown["pages"].endswith("RedisCache")
    assert shown["eager"] is False and shown["broker"] == "redis://cache.internal:6379/0"
    assert shown["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert shown["hosts"] == ["portal.example", "www.portal.example"]


def test_production_defaults_redirect_to_https_with_hsts():
    shown = json.loads(run(SHOW, DEBUG="false").stdout)
    assert shown["ssl"] is True and shown["hsts"] >= 31536000


def test_production_requires_two_factor_sign_in_of_staff_and_the_demo_leaves_it_to_them():
    assert json.loads(run(SHOW, DEBUG="false").stdout)["staff_2fa"] is True
    assert json.loads(run(SHOW, DEBUG="true").stdout)["staff_2fa"] is False


def test_check_deploy_is_clean_with_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY="x9-" + "k" * 20 + "-QvT7pL2mN8rB4wZ6yC1dF3hJ5sA0uE",
        ALLOWED_HOSTS="portal.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_development_secret_key():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DEBUG="false")
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


@pytest.mark.parametrize("value", ["true", "false"])
def test_debug_follows_the_environment(value):
    assert json.loads(run(SHOW, DEBUG=value).stdout)["debug"] is (value == "true")


def test_the_wsgi_application_refuses_the_development_key_in_production():
    result = run("import portal.wsgi", DEBUG="false")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
