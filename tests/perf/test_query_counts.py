"""No page makes more database queries when there is more data (no N+1 anywhere).

Every page of the catalogue (tests/pages.py, checked against the URL configuration), as every
role that sees it, and the admin's changelists and main change forms for a site administrator and
a project leader, are fetched with a small world and again after it has grown (more rows in every
list, more related rows on every object shown); the number of queries must be the same. Lists
must also show more after growing, or the comparison would prove nothing.
"""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.pagecache import cache
from tests.pages import ANONYMOUS, NOT_PAGES, PAGES, admin_change_pages, admin_pages, url_names
from tests.worlds import GrowingWorld

pytestmark = pytest.mark.django_db

SMALL, MORE = 2, 4


def test_every_url_is_in_the_catalogue():
    """A new URL needs an entry in tests/pages.py (or a reason in NOT_PAGES), so it is checked here
    and by the accessibility tests."""
    listed = {page.name for page in PAGES}
    names = url_names()
    assert names - listed - set(NOT_PAGES) == set(), "add these to tests/pages.py"
    assert (listed | set(NOT_PAGES)) - names == set(), "these are no longer in the URL configuration"


def _shape(sql: str) -> str:
    sql = re.sub(r"IN \([^)]*\)", "IN (…)", sql)
    sql = re.sub(r"'[^']*'", "'…'", sql)
    return re.sub(r"\b\d+\b", "N", sql)


def _grown(sql: list[str], more_sql: list[str]) -> list[str]:
    """The queries that ran more often with more data: where the N+1 is."""
    before, after = Counter(map(_shape, sql)), Counter(map(_shape, more_sql))
    return [f"{after[shape] - before[shape]}× {shape[:300]}" for shape in after if after[shape] > before[shape]]


def _clients(world):
    clients = {ANONYMOUS: Client()}
    for role, user in world.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


def _fetch(client, url):
    cache.clear()  # measure the pages themselves, not the cache of anonymous pages
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url}: {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(captured.captured_queries), len(body), [q["sql"] for q in captured.captured_queries]


def _admin_urls(world):
    urls = {}
    for role in ("site_admin", "project_leader"):
        for page in admin_pages(world.users[role]) + admin_change_pages(world):
            urls[(page.id, role)] = page.url
    return urls


def _measure(world, clients, *, pages=PAGES):
    results, errors = {}, []
    targets = [((page.id, role), page.url(world)) for page in pages for role in page.who]
    for (page_id, role), url in targets + list(_admin_urls(world).items()):
        try:
            results[(page_id, role)] = _fetch(clients[role], url)
        except AssertionError as error:
            errors.append(f"{page_id} as {role}: {error}")
    assert not errors, "\n".join(errors)
    return results


def test_no_page_makes_more_queries_with_more_data():
    world = GrowingWorld()
    world.grow(SMALL)
    clients = _clients(world)
    # Warm up: work done once, not per page view, is not the page's: the admin fetches content types
    # once per process, and the first search after rows were added in bulk brings SQLite's full-text
    # tables up to date (projects.search, ambassadors.search).
    _measure(world, clients)
    small = _measure(world, clients)
    world.grow(MORE)
    more = _measure(world, clients)

    growing = {(page.id, role) for page in PAGES for role in page.who if page.grows_for(role)}
    problems = []
    for key, (count, size, sql) in small.items():
        more_count, more_size, more_sql = more[key]
        if more_count != count:
            problems.append(f"{key}: {count} queries, {more_count} with more data; repeated: {_grown(sql, more_sql)}")
        if key in growing and more_size <= size:
            problems.append(f"{key}: shows no more with more data ({size} → {more_size} bytes); fix the world")
    assert not problems, "\n".join(problems)
