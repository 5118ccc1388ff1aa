"""Bad input gets an answer, never a crash, and changes nothing.

Every public list is asked with every filter set to junk: a page that is not a number or does not
exist, values no filter knows, a search of 10 000 characters, NUL bytes (which PostgreSQL cannot
store or compare), markup and unknown parameters. The answer is the page (with the filter's message)
or a 400/404 page; the test client raises any exception a view lets through, so a 500 fails here.
"""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

LONG_WORD = "x" * 10_000
LONG_WORDS = "ord " * 2_500  # 10 000 characters, 2 500 words
JUNK = [
    "abc",
    "-1",
    "0",
    "99999",
    "99999999999999999999999",
    "1e3",
    "",
    LONG_WORD,
    LONG_WORDS,
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "ÅÄÖ 😀",
    "²",  # a digit to str.isdigit(), not to int()
]
ALLOWED = (200, 400, 404)
# The admin answers a filter it does not know by reloading the list with an error flag (?e=1).
ALLOWED_IN_ADMIN = (*ALLOWED, 302)

# Each public list, who asks, and the query parameters its filters and pagination read.
LISTS = {
    "projects": ("anonymous", lambda w: reverse("projects:list"), []),
    "news": ("anonymous", lambda w: reverse("projects:news"), ["page"]),
    "project-news": (
        "anonymous",
        lambda w: reverse("projects:project-news", kwargs={"project_slug": w.a.project.slug}),
        ["page"],
    ),
    "catalogue": (
        "anonymous",
        lambda w: reverse("projects:catalogue"),
        ["q", "project", "category", "region", "level", "mode", "month", "free", "page"],
    ),
    "events": ("anonymous", lambda w: reverse("events:list"), ["when", "region", "kind", "page"]),
    "ambassadors": (
        "anonymous",
        lambda w: reverse("ambassadors:list"),
        ["q", "yrke", "bransch", "region", "kommun", "utbildning", "format", "sprak", "alder", "sortering", "sida"],
    ),
    "staff": (
        "contact_a",
        lambda w: reverse("projects:staff", kwargs={"company_pk": w.a.company.pk}),
        ["q", "page"],
    ),
    "company-enrolments": (
        "contact_a",
        lambda w: reverse("projects:company-enrolments", kwargs={"company_pk": w.a.company.pk}),
        ["visa", "page"],
    ),
    "visit-requests": ("teacher", lambda w: reverse("ambassadors:requests"), ["sida"]),
    "my-registrations": ("user", lambda w: reverse("events:my-registrations"), []),
    "admin-enrolments": (
        "leader_a",
        lambda w: reverse("admin:projects_enrolment_changelist"),
        ["q", "status", "p", "o", "occasion__course__project__id__exact"],
    ),
    "admin-registrations": (
        "leader_a",
        lambda w: reverse("admin:events_registration_changelist"),
        ["q", "event__id__exact", "needs", "p", "o"],
    ),
    "admin-ambassadors": (
        "leader_a",
        lambda w: reverse("admin:ambassadors_ambassador_changelist"),
        ["q", "projekt", "p"],
    ),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_junk_in_any_filter_of_a_list_is_answered_without_a_crash(world, as_actor, name):
    actor, path, params = LISTS[name]
    client = as_actor(actor)
    url = path(world)
    for param in [*params, "okand_parameter"]:
        for value in JUNK:
            if name.startswith("admin-") and param == "q" and value == LONG_WORDS:
                # Django's admin search ANDs one condition per word; thousands of words are beyond what
                # SQLite will plan. The admin is for staff; the public searches cap their input.
                continue
            response = client.get(url, {param: value})
            allowed = ALLOWED_IN_ADMIN if name.startswith("admin-") else ALLOWED
            assert response.status_code in allowed, f"{name} ?{param}={value[:20]!r}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(LISTS))
def test_several_values_for_one_filter_and_many_parameters_are_answered(world, as_actor, name):
    actor, path, params = LISTS[name]
    client = as_actor(actor)
    query = "&".join(f"{param}={value}" for param in params for value in ("1", "2", "x"))
    query += "&" + "&".join(f"p{n}=x" for n in range(500))
    response = client.get(f"{path(world)}?{query}")
    assert response.status_code in (ALLOWED_IN_ADMIN if name.startswith("admin-") else ALLOWED)


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", "last2"])
def test_a_page_that_is_not_there_is_not_found(world, as_actor, page):
    response = as_actor("anonymous").get(reverse("projects:catalogue"), {"page": page})
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_the_last_page_can_be_asked_for_by_name(world, as_actor):
    assert as_actor("anonymous").get(reverse("projects:catalogue"), {"page": "last"}).status_code == 200


def test_a_very_long_course_search_is_refused_with_a_message(world, as_actor):
    response = as_actor("anonymous").get(reverse("projects:catalogue"), {"q": LONG_WORDS})
    assert response.status_code == 200
    assert "som mest 200 tecken" in response.content.decode()


def test_a_very_long_staff_search_finds_what_its_first_words_find(world, as_actor):
    client = as_actor("contact_a")
    url = reverse("projects:staff", kwargs={"company_pk": world.a.company.pk})
    response = client.get(url, {"q": "Karin " + LONG_WORDS})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/evenemang/kalender/%00.ics",
        "/evenemang/kalender/a%00b.ics",
        "/ambassadorer/foto/1/a%00.jpg",
        "/projekt/%00/",
        "/kurser/kurs/99999999999999999999999/",
        "/kurser/tillfalle/99999999999999999999999/",
        "/projekt/nyheter/99999/13/",
        "/projekt/nyheter/0/0/",
        "/projekt/nyheter/2026/99999999999999999999/",
        "/mitt-foretag/99999999999999999999999/",
        "/evenemang/mina-anmalningar/99999999999999999999999/andra/",
        "/konto/password/reset/key/zz-%00/",
        "/konto/confirm-email/%00/",
    ],
)
def test_junk_in_the_address_is_not_found(world, as_actor, path):
    for actor in ("anonymous", "contact_a", "leader_a"):
        response = as_actor(actor).get(path)
        if response.status_code == 302:  # pages for signed-in users send anonymous visitors to log in first
            assert actor == "anonymous" and reverse("account_login") in response["Location"]
            continue
        assert response.status_code in (400, 404), f"{path} as {actor}: {response.status_code}"


def test_nul_bytes_in_an_address_get_a_bad_request_page(world, as_actor):
    response = as_actor("anonymous").get("/kurser/?q=" + quote("\x00"))
    assert response.status_code == 400
    assert "Adressen innehåller tecken som inte kan användas" in response.content.decode()


def test_the_admin_search_with_a_nul_byte_is_a_bad_request(world, as_actor):
    response = as_actor("leader_a").get(reverse("admin:projects_enrolment_changelist"), {"q": "a\x00"})
    assert response.status_code == 400


# --- Forms: a message, and nothing half-saved ----------------------------------------------------------


def test_an_employee_form_with_junk_saves_nothing(world, as_actor):
    from projects.models import Employee

    before = Employee.objects.count()
    url = reverse("projects:employee-add", kwargs={"company_pk": world.a.company.pk})
    response = as_actor("contact_a").post(
        url,
        {
            "first_name": "a\x00b",
            "last_name": LONG_WORD,
            "email": "inte-en-adress",
            "gender": "robot",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "errorlist" in body
    assert Employee.objects.count() == before


def test_enrolling_another_companys_employee_is_refused(world, as_actor):
    from projects.models import Enrolment

    before = Enrolment.objects.count()
    url = reverse("projects:enrol", kwargs={"company_pk": world.a.company.pk, "occasion_pk": world.b.occasion.pk})
    response = as_actor("contact_a").post(url, {"employees": [world.b.employee_free.pk, "abc", "\x00"]})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Enrolment.objects.count() == before


def test_competence_needs_out_of_range_save_nothing(world, as_actor):
    from projects.models import CompetenceNeed

    category = world.a.need.category
    before = list(CompetenceNeed.objects.values_list("pk", "staff_count"))
    url = reverse("projects:company-needs", kwargs={"company_pk": world.a.company.pk})
    for value in ("-5", "abc", "99999999999999999999", "1e9", "\x00"):
        response = as_actor("contact_a").post(url, {f"category_{category.pk}": value})
        assert response.status_code == 200 and "errorlist" in response.content.decode(), value
    assert list(CompetenceNeed.objects.values_list("pk", "staff_count")) == before


def test_registering_for_a_track_of_another_event_is_refused(world, as_actor):
    from events.models import Registration

    before = Registration.objects.count()
    client = as_actor("contact_b")
    response = client.post(
        reverse("events:register", kwargs={"slug": world.b.event.slug}),
        {
            "track": world.a.track.pk,
            "organisation_type": "industry",
            "organisation_name": "X",
        },
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Registration.objects.count() == before


def test_a_visit_request_for_another_school_is_refused(world, as_actor):
    from ambassadors.models import VisitRequest
    from tests.factories import SchoolFactory

    other_school = SchoolFactory(name="Annan skola")
    before = VisitRequest.objects.count()
    response = as_actor("teacher").post(
        reverse("ambassadors:request-visit", kwargs={"slug": world.b.ambassador_plain.slug}),
        {
            "school": other_school.pk,
            "group_name": "9A",
            "school_year": "9",
            "pupils": "20",
            "first_choice": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
            "format": "on_site",
        },
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode() and response.context["form"].errors.keys() == {"school"}
    assert VisitRequest.objects.count() == before


def test_an_uploaded_staff_file_that_is_not_a_spreadsheet_saves_nothing(world, as_actor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects.models import Employee

    before = Employee.objects.count()
    url = reverse("projects:staff-import", kwargs={"company_pk": world.a.company.pk})
    client = as_actor("contact_a")
    files = [
        SimpleUploadedFile("personal.xlsx", b"PK\x03\x04" + b"\x00" * 200),
        SimpleUploadedFile("personal.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 200),
        SimpleUploadedFile("bild.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        SimpleUploadedFile("tom.csv", b""),
    ]
    for upload in files:
        response = client.post(url, {"file": upload})
        assert response.status_code in (200, 422), upload.name
        assert "errorlist" in response.content.decode() or "import-errors" in response.content.decode(), upload.name
    assert Employee.objects.count() == before


def test_an_xml_bomb_in_a_staff_workbook_is_refused(world, as_actor):
    """An XLSX is zipped XML; entity expansion ("billion laughs") must not be expanded."""
    import zipfile
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile

    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
        + ']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</workbook>'
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", bomb)
        archive.writestr("xl/workbook.xml", bomb)
    url = reverse("projects:staff-import", kwargs={"company_pk": world.a.company.pk})
    response = as_actor("contact_a").post(url, {"file": SimpleUploadedFile("personal.xlsx", buffer.getvalue())})
    assert response.status_code == 422
    assert "Excel-filen gick inte att öppna" in response.content.decode()


# --- Rich text and film links ------------------------------------------------------------------------

HOSTILE_HTML = (
    "<p>Hej<script>alert(1)</script></p>"
    '<img src="x" onerror="alert(2)">'
    '<p onclick="alert(3)">Klicka</p>'
    '<a href="javascript:alert(4)">länk</a>'
    '<a href="JaVaScRiPt:alert(5)">länk</a>'
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==">länk</a>'
    '<a href="https://example.se/" style="color:red">ok</a>'
    '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
    "<svg><script>alert(7)</script></svg>"
)
FORBIDDEN = (
    "<script",
    "onerror",
    "onclick",
    "javascript:",
    "JaVaScRiPt",
    "data:text",
    "<iframe",
    "<style",
    "style=",
    "<svg",
    "<img",
)


def _assert_clean(html: str) -> None:
    for bad in FORBIDDEN:
        assert bad not in html, bad
    assert 'href="https://example.se/"' in html  # the harmless link stays


def test_hostile_markup_in_a_project_body_saved_through_the_admin_is_stripped(world, as_actor):
    from projects.models import Project

    world.a.project.body = HOSTILE_HTML
    world.a.project.save()
    stored = Project.objects.get(pk=world.a.project.pk).body
    _assert_clean(stored)
    page = as_actor("anonymous").get(world.a.project.get_absolute_url()).content.decode()
    assert "alert(" not in page


def test_hostile_markup_in_news_posted_to_the_admin_is_stripped(world, as_actor):
    from projects.models import NewsPost

    response = as_actor("leader_a").post(
        reverse("admin:projects_newspost_add"),
        {
            "project": world.a.project.pk,
            "title": "Farlig",
            "slug": "farlig",
            "lead": "<b>x</b>",
            "body": HOSTILE_HTML,
            "published_at_0": "2020-01-01",
            "published_at_1": "10:00",
        },
    )
    assert response.status_code == 302
    post = NewsPost.objects.get(slug="farlig")
    _assert_clean(post.body)
    page = as_actor("anonymous").get(post.get_absolute_url()).content.decode()
    assert "alert(" not in page and "&lt;b&gt;x&lt;/b&gt;" in page  # the lead is plain text, escaped


def test_text_fields_shown_on_public_pages_are_escaped(world, as_actor):
    """Plain-text fields (an event's summary, ambassador stories) show markup instead of running it."""
    from events.models import Event

    Event.objects.filter(pk=world.a.event.pk).update(summary="<script>alert(1)</script>")
    page = as_actor("anonymous").get(world.a.event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_rich_text_written_past_the_model_is_still_cleaned_on_the_page(world, as_actor):
    """A bulk update or a restored dump skips the sanitiser on save; the page cleans again."""
    from events.models import Event

    hostile = '<p onclick="x()">Hej</p><script>alert(1)</script><a href="javascript:alert(2)">l</a>'
    Event.objects.filter(pk=world.a.event.pk).update(description=hostile)
    page = as_actor("anonymous").get(world.a.event.get_absolute_url()).content.decode()
    assert "<p>Hej</p>" in page
    assert "<script>alert(1)" not in page and "onclick" not in page and "javascript:alert" not in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://www.youtube.com.evil.example/watch?v=abcdefghijk",
        "https://evil.example/?https://www.youtube.com/watch?v=abcdefghijk",
        "https://www.youtube.com@evil.example/watch?v=abcdefghijk",
        "https://user:pass@www.youtube.com/watch?v=abcdefghijk",
        "https://www.youtube.com:8443/watch?v=abcdefghijk",
        'https://www.youtube.com/watch?v=abc"><script>',
        "https://vimeo.com/123456/../../evil",
        "https://player.vimeo.com/video/123456?h=<script>",
        "https://www.dailymotion.com/video/x7",
        "ftp://www.youtube.com/watch?v=abcdefghijk",
    ],
)
def test_only_youtube_and_vimeo_films_can_be_linked_from_a_profile(world, as_actor, url):
    from ambassadors.models import Ambassador

    profile = world.ambassador_profile
    before = Ambassador.objects.filter(pk=profile.pk).values().get()
    response = as_actor("ambassador").post(
        reverse("ambassadors:my-profile"),
        {
            "display_name": profile.display_name,
            "headline": "",
            "story": "",
            "film_url": url,
            "profession": profile.profession_id,
            "industry": profile.industry_id,
            "employer": profile.employer,
            "municipality": profile.municipality_id,
            "offers_on_site": "on",
        },
    )
    assert response.status_code == 400
    assert "YouTube eller Vimeo" in response.content.decode()
    assert Ambassador.objects.filter(pk=profile.pk).values().get() == before
    assert not profile.profile_changes.filter(data__film_url=url).exists()


def test_a_real_youtube_link_is_embedded_from_the_cookie_free_player():
    from ambassadors.films import film_embed

    film = film_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert film.embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/i18n/setlang/", {"language": "\x00", "next": "/\x00"}),
        ("/i18n/setlang/", {"language": "xx" * 5000, "next": "https://evil.example/"}),
        ("/konto/login/", {"login": "a\x00@example.se", "password": "\x00"}),
        ("/konto/login/", {"login": LONG_WORD + "@example.se", "password": LONG_WORD}),
        ("/konto/signup/", {"email": "ny\x00@example.se", "password1": "x\x00", "password2": "x\x00"}),
        ("/konto/password/reset/", {"email": "a\x00@example.se"}),
        ("/konto/password/reset/", {"email": LONG_WORD}),
    ],
)
def test_junk_posted_to_the_account_forms_is_answered(world, as_actor, path, data):
    response = as_actor("anonymous").post(path, data)
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        assert "evil.example" not in response["Location"] and "\x00" not in response["Location"]


def test_junk_posted_to_account_deletion_deletes_nothing(world, as_actor):
    from portal.models import User

    for data in ({"password": "\x00", "confirm": "on"}, {"password": LONG_WORD, "confirm": "\x00"}):
        response = as_actor("user").post(reverse("portal:account-delete"), data)
        assert response.status_code == 200
    assert User.objects.filter(pk=world.user.pk).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bild.jpg", b"<html><script>alert(1)</script></html>"),
        ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("bild.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("bild.png", b""),
    ],
)
def test_a_photo_upload_that_is_not_a_photo_changes_nothing(world, as_actor, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ambassadors.models import Ambassador

    profile = world.ambassador_profile
    before = Ambassador.objects.filter(pk=profile.pk).values().get()
    pending = profile.profile_changes.values("pk", "photo", "data").first()
    response = as_actor("ambassador").post(
        reverse("ambassadors:my-profile"),
        {
            "display_name": profile.display_name,
            "headline": "",
            "story": "",
            "film_url": "",
            "profession": profile.profession_id,
            "industry": profile.industry_id,
            "employer": profile.employer,
            "municipality": profile.municipality_id,
            "offers_on_site": "on",
            "photo": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert Ambassador.objects.filter(pk=profile.pk).values().get() == before
    assert profile.profile_changes.values("pk", "photo", "data").first() == pending
