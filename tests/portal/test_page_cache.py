"""Pages stored for signed-out visitors (portal.pagecache): fast, and never someone else's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal import pagecache
from portal.pagecache import PLACEHOLDER
from projects.models import NewsPost
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.projects.factories import NewsPostFactory, ProjectFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def _token(response) -> str:
    return TOKEN.search(response.content.decode()).group(1)


@pytest.fixture
def project():
    project = ProjectFactory(name="Smart kompetens", slug="smart-kompetens")
    NewsPostFactory(project=project, title="Nya kurser i mätteknik")
    return project


def test_a_second_visitor_gets_the_stored_page_without_any_database_query(project, django_assert_num_queries):
    Client().get(reverse("projects:list"))
    with django_assert_num_queries(0):
        response = Client().get(reverse("projects:list"))
    assert response.status_code == 200
    assert "Smart kompetens" in response.content.decode()


def test_each_visitor_gets_a_token_for_their_own_cookie_and_it_works(project):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(reverse("projects:list"))
    second_page = second.get(reverse("projects:list"))  # from the cache
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert PLACEHOLDER not in second_page.content.decode()
    # The token in the page is the second visitor's: their form posts, with their cookie.
    token = _token(second_page)
    response = second.post(reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    # ... and it is not the first visitor's: with it, the first visitor's post is refused.
    assert first.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}).status_code == 403
    assert _token(first_page) != token
    # The htmx header on <body> carries the same token as the forms.
    assert f'"X-CSRFToken": "{token}"' in second_page.content.decode()


class RecordingCache:
    """The cache, noting what is stored in it."""

    def __init__(self, real):
        self.real, self.stored = real, []

    def __getattr__(self, name):
        return getattr(self.real, name)

    def set(self, key, value, *args, **kwargs):
        self.stored.append(value)
        return self.real.set(key, value, *args, **kwargs)


def test_the_stored_page_holds_no_ones_token(project, monkeypatch):
    recording = RecordingCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", recording)
    response = Client().get(reverse("projects:list"))
    # Whole pages are stored as (versions, content type, body); shared fragments as (versions, html).
    [(_versions, content_type, body)] = [v for v in recording.stored if isinstance(v, tuple) and len(v) == 3]
    assert content_type.startswith("text/html")
    assert PLACEHOLDER in body
    assert _token(response) not in body
    assert not pagecache.TOKEN_SHAPED.search(body)


def test_a_page_with_another_token_shaped_text_is_not_stored(project, monkeypatch):
    NewsPostFactory(project=project, title="x" * 64)
    recording = RecordingCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", recording)
    assert Client().get(reverse("projects:news")).status_code == 200
    assert not [value for value in recording.stored if isinstance(value, tuple) and len(value) == 3]


def test_signed_in_people_neither_get_nor_leave_stored_pages(project, client):
    person = UserFactory(first_name="Petra", last_name="Persson")
    client.force_login(person)
    signed_in = client.get(reverse("projects:list")).content.decode()
    assert "Logga ut" in signed_in
    visitor = Client().get(reverse("projects:list")).content.decode()
    assert "Logga ut" not in visitor and "Logga in" in visitor
    # And a visitor's stored page is not what the signed-in person gets.
    assert "Logga ut" in client.get(reverse("projects:list")).content.decode()


def test_a_change_shows_at_once(project):
    visitor = Client()
    assert "Ännu en nyhet" not in visitor.get(reverse("projects:news")).content.decode()
    NewsPostFactory(project=project, title="Ännu en nyhet")
    assert "Ännu en nyhet" in visitor.get(reverse("projects:news")).content.decode()
    NewsPost.objects.filter(title="Ännu en nyhet").delete()
    assert "Ännu en nyhet" not in visitor.get(reverse("projects:news")).content.decode()


def test_a_change_in_another_app_keeps_the_stored_page(project, django_assert_num_queries):
    Client().get(reverse("projects:news"))
    EventFactory(projects=[project], region=None)  # news pages show nothing of events
    with django_assert_num_queries(0):
        Client().get(reverse("projects:news"))


def test_signing_in_does_not_throw_pages_away(project, client, django_assert_num_queries):
    person = UserFactory()
    Client().get(reverse("projects:list"))
    client.post("/konto/login/", {"login": person.email, "password": "Testlosen-2026!"})
    with django_assert_num_queries(0):
        Client().get(reverse("projects:list"))


def test_a_visitor_with_a_message_waiting_sees_it_and_the_page_is_not_stored(project, client):
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("account_logout"))  # leaves "Du har loggat ut."
    page = client.get(reverse("projects:list")).content.decode()
    assert "loggat ut" in page
    assert "loggat ut" not in Client().get(reverse("projects:list")).content.decode()


def test_english_and_swedish_visitors_get_their_own_language(project):
    Client().get(reverse("projects:list"))
    english = Client()
    english.cookies["django_language"] = "en"
    assert 'lang="en"' in english.get(reverse("projects:list")).content.decode()
    assert 'lang="sv"' in Client().get(reverse("projects:list")).content.decode()


def test_htmx_partial_results_and_the_full_page_are_stored_apart():
    visitor = Client()
    full = visitor.get(reverse("ambassadors:list")).content.decode()
    partial = visitor.get(reverse("ambassadors:list"), headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "<html" not in partial
    assert "<html" in visitor.get(reverse("ambassadors:list")).content.decode()


def test_shared_caches_on_the_way_may_not_keep_the_page(project):
    for _ in range(2):
        response = Client().get(reverse("projects:list"))
        assert "private" in response["Cache-Control"]


# --- Parts of pages shared by everyone, signed in or not ({% shared %}) ------------------------------


@pytest.fixture
def ambassadors():
    from tests.ambassadors.factories import published_ambassador

    return [published_ambassador(display_name=f"Ambassadör {n}") for n in range(3)]


def _signed_in(**kwargs) -> Client:
    client = Client()
    client.force_login(UserFactory(**kwargs))
    return client


def test_the_search_results_made_for_one_person_are_reused_for_the_next(ambassadors):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    address = reverse("ambassadors:list") + "?format=plats"
    lena, amir = _signed_in(first_name="Lena"), _signed_in(first_name="Amir")
    with CaptureQueriesContext(connection) as first:
        first_page = lena.get(address).content.decode()
    with CaptureQueriesContext(connection) as second:
        second_page = amir.get(address).content.decode()
    assert len(second.captured_queries) < len(first.captured_queries)
    results = first_page[first_page.index('<div class="layout-sidebar">'):first_page.index("</main>")]
    assert results in second_page and "Ambassadör 2" in results


def test_a_shared_part_changes_with_the_data(ambassadors):
    from tests.ambassadors.factories import published_ambassador

    address = reverse("ambassadors:list")
    assert "Nyanställd" not in _signed_in().get(address).content.decode()
    published_ambassador(display_name="Nyanställd")
    assert "Nyanställd" in _signed_in().get(address).content.decode()


def test_a_shared_part_with_a_token_in_it_is_not_stored(monkeypatch, rf):
    from django.middleware.csrf import get_token
    from django.template import Context, Template

    request = rf.get("/")
    template = Template(
        '{% load shared_cache %}{% shared "form" "projects" %}<input value="{{ token }}">{% endshared %}'
    )
    recording = RecordingCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", recording)
    rendered = template.render(Context({"request": request, "token": get_token(request)}))
    assert "value=" in rendered
    assert recording.stored == []
