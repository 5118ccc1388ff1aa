"""Pages under load: scale-1 data on PostgreSQL, gunicorn as in production, wrk with 20 clients.

Each page's requests per second are given as a share of the bare view's (/ping: Django's middleware
and URL routing, no database, no template) measured just before it on the same machine, which
takes the machine's speed and its other load at the time out of the figure. Then 500 people
register at the same moment for an event with 140 places. Figures go to docs/benchmarks.md
(between the markers) and to stdout.

Needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL) and wrk (apt-get install wrk); see
docs/benchmarks.md for how to run it.
"""

from __future__ import annotations

import datetime
import http.client
import io
import os
import secrets
import threading
import time
from urllib.parse import urlencode, urlparse

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from devdata.synthetic.portal import EMAIL_DOMAIN
from events.models import Event, Registration
from portal.models import User
from tests.bench import results
from tests.bench.server import SECRET_KEY as SERVER_SECRET_KEY
from tests.bench.server import WRK, Load, gunicorn, machine_description, wrk

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

SCALE = 1
CLIENTS = 20
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
BASELINE_SECONDS = max(2, SECONDS // 2)
WORKERS = int(os.environ.get("BENCH_WORKERS", "0")) or 2 * (os.cpu_count() or 1) + 1
PEOPLE, PLACES = 500, 140
COMMAND = "make services; export DATABASE_URL=… REDIS_URL=…; make bench"


@pytest.fixture
def scale_one(transactional_db):
    """Scale-1 data, committed, so that the server's processes see it (the test database is
    emptied after each benchmark)."""
    assert connection.settings_dict["NAME"].startswith("test_"), "benchmarks run on the test database only"
    started = time.perf_counter()
    call_command("generate_data", scale=SCALE, stdout=io.StringIO())
    return {"generated_in": time.perf_counter() - started, "machine": machine_description()}


def _session_cookie(user: User) -> str:
    """A signed-in session for `user`, as the login form would leave it (signed with the server's key)."""
    with override_settings(SECRET_KEY=SERVER_SECRET_KEY):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
    return session.session_key


def _pages() -> list[tuple[str, str]]:
    event = (
        Event.objects.public()
        .upcoming()
        .filter(status=Event.Status.PUBLISHED)
        .annotate(tracks_count=Count("tracks"))
        .order_by("-tracks_count", "starts_at")
        .first()
    )
    return [
        ("Home page", "/"),
        ("Course catalogue with a filter and a search", "/kurser/?" + urlencode({"q": "robot", "category": "robot"})),
        ("Ambassador search", "/ambassadorer/?" + urlencode({"q": "svetsare", "format": "plats"})),
        ("Event page", f"/evenemang/{event.slug}/"),
    ]


def _run(server, pages, headers=None) -> list[Load]:
    """Each page right after the bare view, so that both meet the machine in the same state (the
    machine may be busy with other work, which would otherwise skew the ratio)."""
    loads = []
    for label, path in pages:
        wrk(server.url, path, label=label, seconds=2, headers=headers)  # warm up (templates, connections)
        baseline = wrk(server.url, "/ping", label="Bare view", connections=CLIENTS, seconds=BASELINE_SECONDS)
        load = wrk(server.url, path, label=label, connections=CLIENTS, seconds=SECONDS, headers=headers)
        load.baseline = baseline
        loads.append(load)
    return loads


def bench_pages_under_load(request, report):
    if WRK is None:
        pytest.skip("needs wrk as the load generator: apt-get install wrk")
    scale_one = request.getfixturevalue("scale_one")
    pages = _pages()
    visitor = User.objects.filter(email__contains=".deltagare", email__endswith=EMAIL_DOMAIN).first()
    # A signed-in browser has both cookies: the CSRF one was set by the sign-in form's page.
    cookie = {"Cookie": f"sessionid={_session_cookie(visitor)}; csrftoken={secrets.token_hex(16)}"}
    with gunicorn(workers=WORKERS) as server:
        wrk(server.url, "/ping", label="Bare view", seconds=2)
        bare = wrk(server.url, "/ping", label="Bare view", connections=CLIENTS, seconds=SECONDS)
        anonymous = _run(server, pages)
        signed_in = _run(server, pages, headers=cookie)
    table = [
        "| Page | Address | Requests/s | Bare view alongside, requests/s | Share of bare view | "
        "p50 ms | p95 ms | p99 ms | Errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        bare.row(),
    ]
    table += ["| **Signed out** | | | | | | | | |"] + [load.row() for load in anonymous]
    table += ["| **Signed in** | | | | | | | | |"] + [load.row() for load in signed_in]
    lines = [
        f"Run {timezone.localtime():%Y-%m-%d %H:%M}: `{COMMAND}`",
        "",
        f"- Machine: {scale_one['machine']}",
        f"- Data: `manage.py generate_data --scale {SCALE}`, generated in {scale_one['generated_in']:.0f} s",
        f"- Server: gunicorn, {WORKERS} sync workers, DEBUG off, production settings, on loopback",
        f"- Load: wrk, {CLIENTS} connections, 2 threads, on the same machine; per page a 2 s warm-up, "
        f"then the bare view for {BASELINE_SECONDS} s and the page for {SECONDS} s",
        "",
        *table,
    ]
    results.write("pages", lines)
    report.extend(lines)
    for load in [bare, *anonymous, *signed_in]:
        assert load.errors == 0, f"{load.label}: {load.errors} errors"


def _post(url: str, path: str, body: str, cookie: str, barrier: threading.Barrier, out: list) -> None:
    target = urlparse(url)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
    try:
        barrier.wait()
        started = time.perf_counter()
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": f"{url}{path}",
                "Host": target.netloc,
            },
        )
        response = conn.getresponse()
        response.read()
        out.append((response.status, time.perf_counter() - started))
    except OSError as error:
        out.append((repr(error), 0.0))
    finally:
        conn.close()


def bench_five_hundred_register_at_once_for_140_places(scale_one, report):
    now = timezone.now()
    event = Event.objects.create(
        title="Industridag – belastningsprov",
        slug="industridag-belastningsprov",
        kind=Event.Kind.INDUSTRY_DAY,
        status=Event.Status.PUBLISHED,
        venue="Konsert & Kongress",
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30, hours=6),
        capacity=PLACES,
    )
    people = list(User.objects.filter(email__endswith=EMAIL_DOMAIN).order_by("pk")[:PEOPLE])
    assert len(people) == PEOPLE
    token = "b" * 32  # a CSRF secret of the right form; the cookie and the form carry the same one
    cookies = [f"sessionid={_session_cookie(person)}; csrftoken={token}" for person in people]
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "organisation_type": "industry",
            "organisation_name": "Verkstaden AB",
            "dietary_needs": "",
            "accessibility_needs": "",
        }
    )
    path = f"/evenemang/{event.slug}/anmalan/"
    outcomes: list = []
    with gunicorn(workers=WORKERS) as server:
        barrier = threading.Barrier(PEOPLE + 1)
        threads = [
            threading.Thread(target=_post, args=(server.url, path, body, cookie, barrier, outcomes))
            for cookie in cookies
        ]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    statuses = dict(Registration.objects.filter(event=event).values_list("status").annotate(n=Count("pk")))
    from portal.celery import app

    app.control.purge()  # the confirmation mails queued for a worker that is not running
    errors = [status for status, _ in outcomes if status != 302]
    times = sorted(seconds for status, seconds in outcomes if status == 302)
    lines = [
        f"Run {timezone.localtime():%Y-%m-%d %H:%M}, same machine and server ({WORKERS} gunicorn workers): "
        f"{PEOPLE} signed-in people post the registration form for one event with {PLACES} places at the same "
        "moment (500 threads released together, one connection each).",
        "",
        "| Measure | Result |",
        "|---|---|",
        f"| All {PEOPLE} answered in | {elapsed:.1f} s ({PEOPLE / elapsed:.0f} registrations/s) |",
        f"| Time per registration, p50 / p95 / max | {1000 * times[len(times) // 2]:.0f} / "
        f"{1000 * times[int(len(times) * 0.95)]:.0f} / {1000 * times[-1]:.0f} ms |"
        if times
        else "| – | – |",
        f"| Errors (anything but the redirect to Mina anmälningar) | {len(errors)} |",
        f"| Confirmed | {statuses.get('confirmed', 0)} |",
        f"| On the waiting list | {statuses.get('waitlisted', 0)} |",
    ]
    results.write("registrations", lines)
    report.extend(lines)
    assert not errors, errors[:5]
    assert statuses == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}
