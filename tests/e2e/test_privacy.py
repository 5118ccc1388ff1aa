"""Privacy in the browser: the public pages load nothing from other hosts and set only the cookies
the cookie page lists; a person deletes their own account.

The `page` fixture records every request a page makes and fails the test if any went to another
host; these tests also check it page by page, so a failure names the page.
"""

import datetime

import pytest
from django.utils import timezone

from events.models import Registration
from portal.models import User
from tests.ambassadors.factories import published_ambassador
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, UserFactory
from tests.projects.factories import CourseFactory, NewsPostFactory, OccasionFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)

NECESSARY_COOKIES = {"sessionid", "csrftoken", "django_language"}


@pytest.fixture
def public_site():
    project = ProjectFactory(
        name="Smart kompetens för industrin",
        slug="smart-kompetens",
        body="<p>Kompetensutveckling för anställda i industrin.</p>",
    )
    news = NewsPostFactory(project=project, title="Nu startar mätteknikkurserna", slug="matteknik")
    course = CourseFactory(project=project, title="Mätteknik grund")
    occasion = OccasionFactory(course=course)
    event = EventFactory(title="Industridag Östergötland", slug="industridag", projects=[project])
    ambassador = published_ambassador(
        display_name="Sara", slug="sara", project=project, film_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    return [
        "/",
        "/projekt/",
        project.get_absolute_url(),
        "/projekt/nyheter/",
        news.get_absolute_url(),
        "/kurser/",
        course.get_absolute_url(),
        occasion.get_absolute_url(),
        "/evenemang/",
        event.get_absolute_url(),
        "/ambassadorer/",
        ambassador.get_absolute_url(),
        "/tillganglighet/",
        "/kakor/",
        "/konto/login/",
        "/konto/signup/",
        "/konto/password/reset/",
        "/en-sida-som-inte-finns/",
    ]


@pytest.fixture
def cookies_set(page):
    """The names of every cookie any response set (or deleted) so far, including on redirects, where a
    cookie can come and go between two looks at the browser's cookie jar."""
    responses, names = [], set()
    page.on("response", lambda response: responses.append(response))

    def collect() -> set[str]:
        while responses:
            for header in responses.pop().headers_array():
                if header["name"].lower() == "set-cookie":
                    names.add(header["value"].split("=", 1)[0].strip())
        return names

    return collect


def _assert_only_necessary_cookies(page, where, cookies_set=None):
    cookies = page.context.cookies()
    names = {cookie["name"] for cookie in cookies}
    if cookies_set is not None:
        names |= cookies_set()
    assert names <= NECESSARY_COOKIES, f"{where}: unexpected cookies {names - NECESSARY_COOKIES}"
    for cookie in cookies:
        # Scripts cannot read any of them; none goes along with requests from other sites' pages.
        assert cookie["httpOnly"], cookie["name"]
        assert cookie["sameSite"] == "Lax", cookie["name"]
    return names


def test_public_pages_load_nothing_from_other_hosts_and_set_only_necessary_cookies(
    page, check_a11y, public_site, cookies_set
):
    origins = set()
    page.on("request", lambda request: origins.add(request.url.split("/", 3)[2]))
    for path in public_site:
        response = page.goto(path)
        assert response.status == (404 if path == "/en-sida-som-inte-finns/" else 200), path
        page.wait_for_load_state("networkidle")
        assert not page.foreign_requests, f"{path} requested {list(page.foreign_requests)}"
        check_a11y(page)
        _assert_only_necessary_cookies(page, path, cookies_set)
    assert len(origins) == 1, origins  # every request, scripts and styles included, went to the portal
    # The ambassador's film is a link and a button; the player is not loaded until asked for.
    page.goto("/ambassadorer/sara/")
    assert page.locator("iframe").count() == 0
    assert page.get_by_role("button", name="Spela filmen från YouTube").is_visible()


def test_signing_in_and_choosing_a_language_set_only_necessary_cookies(page, sign_in, cookies_set):
    user = UserFactory(email="deltagare@example.se")
    sign_in(user.email)
    page.goto("/mitt-konto/")
    assert "sessionid" in _assert_only_necessary_cookies(page, "signed in", cookies_set)
    page.locator("form.language-form").get_by_role("button").click()
    page.wait_for_load_state()
    names = _assert_only_necessary_cookies(page, "after choosing English", cookies_set)
    assert names == NECESSARY_COOKIES
    assert not page.foreign_requests


def test_a_person_deletes_their_account_and_cannot_sign_in_again(page, sign_in, check_a11y, cookies_set):
    user = UserFactory(email="kim@example.se", first_name="Kim", last_name="Karlsson")
    past = EventFactory(title="Industridagen", starts_at=timezone.now() - datetime.timedelta(days=30))
    registration = RegistrationFactory(event=past, user=user, dietary_needs="Vegetariskt")

    sign_in("kim@example.se")
    page.goto("/mitt-konto/")
    page.get_by_role("link", name="Radera mitt konto").click()
    page.wait_for_url("**/mitt-konto/radera/")
    check_a11y(page)

    # Without the confirmation nothing happens.
    page.get_by_label("Ditt lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Radera kontot").click()
    page.wait_for_load_state()
    assert User.objects.filter(pk=user.pk).exists()
    check_a11y(page)

    page.get_by_label("Ditt lösenord").fill(PASSWORD)
    page.get_by_label("Jag förstår att kontot inte kan återställas.").check()
    page.get_by_role("button", name="Radera kontot").click()
    page.wait_for_url("**/")
    assert page.get_by_text("Ditt konto är raderat.").is_visible()
    assert page.get_by_role("link", name="Logga in").is_visible()
    check_a11y(page)
    _assert_only_necessary_cookies(page, "after deleting the account", cookies_set)

    assert not User.objects.filter(pk=user.pk).exists()
    registration = Registration.objects.get(pk=registration.pk)
    assert registration.user is None and registration.dietary_needs == ""

    sign_in("kim@example.se")
    assert "/konto/login/" in page.url
    assert not page.get_by_role("link", name="Mitt konto").count()
