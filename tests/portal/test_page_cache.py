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


def test_signed_in_people_and_visitors_never_get_each_others_pages(project, client):
    person = UserFactory(first_name="Petra", last_name="Persson")
    client.force_login(person)
    signed_in = client.get(reverse("projects:list")).content.decode()
    assert "Logga ut" in signed_in
    visitor = Client().get(reverse("projects:list")).content.decode()
    assert "Logga ut" not in visitor and "Logga in" in visitor
    # And a visitor's stored page is not what the signed-in person gets.
    assert "Logga ut" in client.get(reverse("projects:list")).content.decode()


# --- Pages kept for signed-in people too, one copy per kind of visitor ------------------------------


def test_people_of_the_same_kind_share_a_page_each_with_their_own_token(project, django_assert_max_num_queries):
    lena, amir = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    lena.force_login(UserFactory(first_name="Lena"))
    amir.force_login(UserFactory(first_name="Amir"))
    lena_page = lena.get(reverse("projects:list")).content.decode()
    amir.get(reverse("portal:cookies"))  # what kind of visitor Amir is, worked out once
    # Amir's page comes from Lena's copy: only his account is read (the session is in the cache).
    with django_assert_max_num_queries(1):
        amir_page = amir.get(reverse("projects:list")).content.decode()
    assert "Smart kompetens" in amir_page and "Logga ut" in amir_page
    token = _token(amir.get(reverse("projects:list")))
    assert token != _token(lena.get(reverse("projects:list")))
    assert PLACEHOLDER not in amir_page
    assert (
        amir.post(reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}).status_code
        == 302
    )
    assert lena.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}).status_code == 403
    assert lena_page != amir_page  # the tokens differ, nothing else may


def test_each_kind_of_visitor_gets_its_own_menus(project):
    from tests.factories import company_contact, site_admin

    participant, contact, admin = Client(), Client(), Client()
    participant.force_login(UserFactory())
    contact.force_login(company_contact())
    admin.force_login(site_admin())
    company_link, admin_link = f'href="{reverse("projects:company-index")}"', f'href="{reverse("admin:index")}"'
    for _ in range(2):  # made, then from the cache
        participant_page = participant.get(reverse("projects:catalogue")).content.decode()
        contact_page = contact.get(reverse("projects:catalogue")).content.decode()
        admin_page = admin.get(reverse("projects:catalogue")).content.decode()
        assert company_link not in participant_page and admin_link not in participant_page
        assert company_link in contact_page and admin_link not in contact_page
        assert admin_link in admin_page


def test_a_new_role_shows_in_the_menu_at_once(project, client):
    from portal.models import Role
    from portal.services import role_grant
    from tests.factories import CompanyFactory

    person = UserFactory()
    client.force_login(person)
    company_link = f'href="{reverse("projects:company-index")}"'
    assert company_link not in client.get(reverse("portal:home")).content.decode()
    role_grant(user=person, kind=Role.Kind.COMPANY_CONTACT, organisation=CompanyFactory())
    assert company_link in client.get(reverse("portal:home")).content.decode()


def test_a_page_with_something_personal_is_never_stored_for_signed_in_people(monkeypatch):
    from tests.events.factories import RegistrationFactory

    registration = RegistrationFactory(user=UserFactory())
    client = Client()
    client.force_login(registration.user)
    recording = RecordingCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", recording)
    assert "Du är anmäld" in client.get(reverse("events:detail", args=[registration.event.slug])).content.decode()
    assert not [value for value in recording.stored if isinstance(value, tuple) and len(value) == 3]


def _kept_for_signed_in(url: str) -> bool:
    from django.urls import resolve

    callback = resolve(url.split("?")[0]).func
    view_class = getattr(callback, "view_class", None)
    return getattr(callback, "cached_for_signed_in", False) or getattr(
        getattr(view_class, "dispatch", None), "cached_for_signed_in", False
    )


def test_pages_kept_for_signed_in_people_show_nothing_of_their_own():
    """Every page kept per kind of visitor, from the pages' catalogue, made for two different
    people of the same kind, each with registrations, enrolments and names of their own: the pages
    must be the same but for the CSRF tokens, or one person would be shown the other's page."""
    from portal.pagecache import cache
    from tests.events.factories import RegistrationFactory
    from tests.factories import company_contact
    from tests.pages import PAGES
    from tests.projects.factories import EmployeeFactory, EnrolmentFactory
    from tests.worlds import GrowingWorld

    world = GrowingWorld()
    world.grow(2)
    other_participant = UserFactory(first_name="Özlem", last_name="Quist", email="ozlem.quist@example.se")
    RegistrationFactory(event=world.event, user=other_participant, consent_to_list=True)
    other_contact = company_contact(first_name="Viggo", last_name="Zetterlund", email="viggo@example.se")
    EnrolmentFactory(
        occasion=world.occasion,
        employee=EmployeeFactory(company=other_contact.roles.get().organisation, last_name="Zetterlundsson"),
    )
    pairs = {
        "participant": (world.users["participant"], other_participant),
        "company_contact": (world.users["company_contact"], other_contact),
    }
    checked = set()
    for page in PAGES:
        url = page.url(world)
        if not page.html or not _kept_for_signed_in(url):
            continue
        for role, people in pairs.items():
            if role not in page.who:
                continue
            bodies = []
            for person in people:
                cache.clear()
                client = Client()
                client.force_login(person)
                response = client.get(url)
                assert response.status_code == 200, url
                bodies.append(pagecache.TOKEN_SHAPED.sub("TOKEN", response.content.decode()))
            assert bodies[0] == bodies[1], f"{url} as {role} shows something of the person's own"
            checked.add(page.name)
    assert {"portal:home", "projects:catalogue", "ambassadors:list", "events:list"} <= checked


def _kind_of(user) -> tuple[str, ...]:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return pagecache.visitor_kind(request)


def test_people_of_different_roles_who_share_a_copy_get_the_same_page():
    """Pages are kept per kind of visitor, not per role: a teacher gets the participant's copy,
    a site admin the project leader's. So every page kept for signed-in people, made for every
    pair of roles whose kind (worked out by the real `visitor_kind` hooks) is the same, must be
    the same but for the tokens: a detail shown to one role only would reach the whole kind."""
    import itertools

    from portal.pagecache import cache
    from tests.pages import PAGES
    from tests.worlds import GrowingWorld

    world = GrowingWorld()
    world.grow(2)
    cache.clear()
    kinds = {role: _kind_of(user) for role, user in world.users.items()}
    pairs = [(a, b) for a, b in itertools.combinations(sorted(kinds), 2) if kinds[a] == kinds[b]]
    # The demo world's roles do share copies; if none did, this test would check nothing.
    assert pairs, kinds
    checked = set()
    for page in PAGES:
        url = page.url(world)
        if not page.html or not _kept_for_signed_in(url):
            continue
        for first, second in pairs:
            if first not in page.who or second not in page.who:
                continue
            bodies = []
            for role in (first, second):
                cache.clear()
                client = Client()
                client.force_login(world.users[role])
                response = client.get(url)
                assert response.status_code == 200, (url, role)
                bodies.append(pagecache.TOKEN_SHAPED.sub("TOKEN", response.content.decode()))
            assert bodies[0] == bodies[1], f"{url}: {first} and {second} share a copy but their pages differ"
            checked.add((page.name, first, second))
    assert {name for name, *_ in checked} >= {"portal:home", "projects:catalogue", "ambassadors:list", "events:list"}
    assert {(first, second) for _, first, second in checked} == set(pairs)


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
    results = first_page[first_page.index('<div class="layout-sidebar">') : first_page.index("</main>")]
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


# --- Search through stored pages: the words of what was just saved --------------------------------


@pytest.mark.postgres
def test_a_search_through_the_stored_page_finds_a_profile_saved_a_moment_ago(django_capture_on_commit_callbacks):
    """A profile's search vector is written once its save is committed, after the save's signal
    told the cache. A search made in between finds the old words and is stored with the versions
    after the save, so the cache must be told again once the vectors are new."""
    from ambassadors.services import ambassador_saved
    from tests.ambassadors.factories import published_ambassador

    with django_capture_on_commit_callbacks(execute=True):
        ambassador = published_ambassador(display_name="Amirah Svensson", story="Jag svetsar balkar.")
    address = reverse("ambassadors:list") + "?q=robotprogrammerare"
    visitor = Client()
    assert "Amirah Svensson" not in visitor.get(address).content.decode()  # stored: no one found
    with django_capture_on_commit_callbacks() as after_commit:
        ambassador.story = "Jag är robotprogrammerare på verkstaden."
        ambassador.save()
        ambassador_saved(ambassador=ambassador)
    # The commit runs what was left for after it, in order; a visitor may search between any two.
    for callback in after_commit:
        with django_capture_on_commit_callbacks(execute=True):
            callback()
        visitor.get(address)
    assert "Amirah Svensson" in visitor.get(address).content.decode()
    assert "Amirah Svensson" in _signed_in().get(address).content.decode()


@pytest.mark.postgres
def test_a_search_through_the_stored_page_finds_a_course_saved_a_moment_ago(django_capture_on_commit_callbacks):
    from tests.projects.factories import CourseFactory, OccasionFactory

    course = CourseFactory(project=ProjectFactory(), title="Grundkurs i svetsning")
    OccasionFactory(course=course)
    address = reverse("projects:catalogue") + "?q=robotprogrammering"
    visitor = Client()
    assert "Grundkurs i svetsning" not in visitor.get(address).content.decode()  # stored: nothing found
    with django_capture_on_commit_callbacks(execute=True):
        course.description = "Robotprogrammering för svetsare."
        course.save()
    assert "Grundkurs i svetsning" in visitor.get(address).content.decode()
    assert "Grundkurs i svetsning" in _signed_in().get(address).content.decode()


# --- Which rows the cache watches ------------------------------------------------------------------


def test_rows_of_apps_no_page_shows_are_still_deleted_in_bulk_with_one_query():
    """The cache's receivers are connected for the watched apps' models only: a receiver for a
    model makes Django fetch every row before deleting it, one by one on signals."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_celery_beat.models import PeriodicTasks

    for n in range(3):
        SessionStore().create()
        PeriodicTasks.objects.create(ident=100 + n, last_update=timezone.now())
    for rows in (Session.objects.all(), PeriodicTasks.objects.filter(ident__gte=100)):
        with CaptureQueriesContext(connection) as queries:
            rows.delete()
        assert [query["sql"].split()[0] for query in queries.captured_queries] == ["DELETE"], rows.model


def test_rows_of_a_watched_app_still_throw_pages_away_when_deleted_in_bulk(project):
    visitor = Client()
    assert "Nya kurser i mätteknik" in visitor.get(reverse("projects:news")).content.decode()
    NewsPost.objects.all().delete()
    assert "Nya kurser i mätteknik" not in visitor.get(reverse("projects:news")).content.decode()
