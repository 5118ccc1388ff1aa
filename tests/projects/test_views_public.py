"""The public pages: projects with their progress, news with archive and feeds, and the catalogue."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from projects.models import Enrolment, Occasion, Project
from tests.factories import RegionFactory, company_contact

from .factories import (
    CourseCategoryFactory,
    CourseFactory,
    EmployeeFactory,
    EnrolmentFactory,
    NewsPostFactory,
    OccasionFactory,
    ParticipatingCompanyFactory,
    ProjectFactory,
    ProjectLeaderFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def catalogue(client, **params):
    return client.get(reverse("projects:catalogue"), params)


def titles(response):
    return [occasion.course.title for occasion in response.context["occasions"]]


# --- Projects ----------------------------------------------------------------------------------


def test_the_project_list_shows_published_projects_only(client):
    ProjectFactory(name="Synligt")
    ProjectFactory(name="Hemligt", status=Project.Status.DRAFT)
    content = client.get(reverse("projects:list")).content.decode()
    assert "Synligt" in content
    assert "Hemligt" not in content


def test_a_draft_projects_page_is_not_found(client):
    project = ProjectFactory(status=Project.Status.DRAFT)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_progress_is_computed_from_registrations_and_attendance(client):
    project = ProjectFactory(target_companies=4, target_employees=10, target_hours=100)
    occasion = OccasionFactory(course__project=project, course__hours=Decimal(8), starts_at=in_days(-5))
    first = EnrolmentFactory(occasion=occasion, attended=True, hours=Decimal(8))
    EnrolmentFactory(occasion=occasion, employee__company=first.company, attended=True, hours=Decimal("4.5"))
    EnrolmentFactory(occasion=occasion, attended=False, hours=Decimal(0))
    EnrolmentFactory(occasion=occasion, status=Enrolment.Status.CANCELLED)  # counts for nothing
    EnrolmentFactory(occasion__course__project=ProjectFactory(), attended=True, hours=Decimal(99))  # other project
    response = client.get(project.get_absolute_url())
    progress = {row["key"]: (row["reached"], row["percent"]) for row in response.context["progress"]}
    assert progress == {"companies": (2, 50), "employees": (2, 20), "hours": (Decimal("12.5"), 12)}


def test_the_project_page_shows_leaders_with_history_reference_group_and_companies(client):
    project = ProjectFactory()
    ProjectLeaderFactory(
        project=project, user__first_name="Nu", user__last_name="Ledare", started_on=datetime.date(2020, 1, 1)
    )
    ProjectLeaderFactory(
        project=project,
        user__first_name="Förr",
        user__last_name="Ledare",
        started_on=datetime.date(2015, 1, 1),
        ended_on=datetime.date(2019, 12, 31),
    )
    project.reference_group.create(name="Rådgivande Person", title="Vice vd")
    ParticipatingCompanyFactory(project=project, company__name="Deltagarbolaget AB", women=5, men=7, non_binary=1)
    project.networks.create(role="Produktionsledare", meets="Varannan månad")
    response = client.get(project.get_absolute_url())
    content = response.content.decode()
    assert [leader.user.first_name for leader in response.context["current_leaders"]] == ["Nu"]
    assert "Förr Ledare" in content and "Tidigare projektledare" in content
    assert "Rådgivande Person" in content
    assert "Deltagarbolaget AB" in content
    assert "Produktionsledare" in content


def test_project_text_is_sanitised_when_saved():
    project = ProjectFactory(body='<p onclick="x()">Hej <script>alert(1)</script><a href="javascript:x">länk</a></p>')
    project.refresh_from_db()
    assert project.body == '<p>Hej <a rel="noopener noreferrer">länk</a></p>'


def test_an_empty_editor_paragraph_counts_as_no_text():
    project = ProjectFactory(body="<p></p>")
    project.refresh_from_db()
    assert project.body == ""


def test_project_pages_take_the_same_number_of_queries_however_much_data(client, queries_for):
    project = ProjectFactory()

    def add(count):
        for _ in range(count):
            ProjectFactory()
            ParticipatingCompanyFactory(project=project)
            ProjectLeaderFactory(project=project)
            NewsPostFactory(project=project)
            EnrolmentFactory(occasion__course__project=project, attended=True, hours=2)

    add(1)
    before = [
        queries_for(client, reverse("projects:list")),
        queries_for(client, project.get_absolute_url()),
        queries_for(client, reverse("portal:home")),
    ]
    add(12)
    after = [
        queries_for(client, reverse("projects:list")),
        queries_for(client, project.get_absolute_url()),
        queries_for(client, reverse("portal:home")),
    ]
    assert after == before


def test_the_home_page_shows_published_projects_and_latest_news(client):
    ProjectFactory(name="Hemsideprojektet")
    NewsPostFactory(title="Färsk nyhet")
    NewsPostFactory(title="Framtida nyhet", published_at=timezone.now() + datetime.timedelta(days=2))
    content = client.get(reverse("portal:home")).content.decode()
    assert "Hemsideprojektet" in content
    assert "Färsk nyhet" in content
    assert "Framtida nyhet" not in content


# --- News ---------------------------------------------------------------------------------------


def test_news_shows_only_what_is_published_by_now(client):
    NewsPostFactory(title="Ute nu")
    NewsPostFactory(title="Utkast", published_at=None)
    NewsPostFactory(title="Senare", published_at=timezone.now() + datetime.timedelta(hours=1))
    NewsPostFactory(title="Dolt projekt", project__status=Project.Status.DRAFT)
    response = client.get(reverse("projects:news"))
    assert [post.title for post in response.context["posts"]] == ["Ute nu"]


def test_the_monthly_archive_lists_that_months_news_and_the_months_with_news(client):
    october = timezone.make_aware(datetime.datetime(2016, 10, 5, 12))
    NewsPostFactory(title="Oktobernyhet", published_at=october)
    NewsPostFactory(title="Junimingel", published_at=timezone.make_aware(datetime.datetime(2015, 6, 18, 12)))
    response = client.get(reverse("projects:news-month", kwargs={"year": 2016, "month": 10}))
    assert [post.title for post in response.context["posts"]] == ["Oktobernyhet"]
    assert [(m.year, m.month) for m in response.context["months"]] == [(2016, 10), (2015, 6)]
    assert client.get(reverse("projects:news-month", kwargs={"year": 2016, "month": 9})).status_code == 404


def test_a_projects_news_and_archive_stay_within_the_project(client):
    mine = NewsPostFactory(title="Min")
    NewsPostFactory(title="Annans")
    response = client.get(reverse("projects:project-news", kwargs={"project_slug": mine.project.slug}))
    assert [post.title for post in response.context["posts"]] == ["Min"]


def test_a_news_post_is_read_under_its_own_project_only(client):
    post = NewsPostFactory()
    assert client.get(post.get_absolute_url()).status_code == 200
    other = ProjectFactory()
    wrong = reverse("projects:news-detail", kwargs={"project_slug": other.slug, "slug": post.slug})
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize(("name", "marker"), [("projects:news-rss", b"<rss"), ("projects:news-atom", b"<feed")])
def test_news_feeds_list_published_posts(client, name, marker):
    NewsPostFactory(title="I flödet")
    NewsPostFactory(title="Inte än", published_at=None)
    response = client.get(reverse(name))
    assert marker in response.content
    assert b"I fl\xc3\xb6det" in response.content
    assert b"Inte \xc3\xa4n" not in response.content


def test_a_projects_feed_has_only_its_news(client):
    post = NewsPostFactory(title="Projektets")
    NewsPostFactory(title="Ett annat")
    response = client.get(reverse("projects:project-news-rss", kwargs={"project_slug": post.project.slug}))
    assert b"Projektets" in response.content
    assert b"Ett annat" not in response.content


# --- The catalogue -------------------------------------------------------------------------------


def test_the_catalogue_lists_upcoming_occasions_of_published_projects(client):
    OccasionFactory(course__title="Kommande")
    OccasionFactory(course__title="Passerad", starts_at=in_days(-1))
    OccasionFactory(course__title="Utkast", course__project__status=Project.Status.DRAFT)
    assert titles(catalogue(client)) == ["Kommande"]


def test_the_catalogue_filters_by_project_category_region_level_and_form(client):
    region = RegionFactory(slug="uppsala")
    category = CourseCategoryFactory(slug="robot")
    target = OccasionFactory(
        course__title="Träff",
        course__category=category,
        region=region,
        course__level="group",
        mode=Occasion.Mode.ON_SITE,
    )
    OccasionFactory(course__title="Annan kategori", region=region, course__level="group")
    OccasionFactory(course__title="Annan region", course__category=category, course__level="group")
    OccasionFactory(course__title="Annan nivå", course__category=category, region=region)
    response = catalogue(
        client,
        category="robot",
        region="uppsala",
        level="group",
        mode="on_site",
        project=target.course.project.slug,
    )
    assert titles(response) == ["Träff"]


def test_the_catalogue_filters_by_month(client):
    next_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    inside = datetime.datetime.combine(next_month, datetime.time(0, 30), tzinfo=timezone.get_current_timezone())
    OccasionFactory(course__title="Första dagen, tidigt", starts_at=inside)
    OccasionFactory(course__title="Dagen före", starts_at=inside - datetime.timedelta(hours=1))
    response = catalogue(client, month=next_month.strftime("%Y-%m"))
    assert titles(response) == ["Första dagen, tidigt"]


def test_only_occasions_with_free_seats_can_be_asked_for(client):
    full = OccasionFactory(course__title="Full", seats=1)
    EnrolmentFactory(occasion=full)
    free = OccasionFactory(course__title="Ledig", seats=2)
    EnrolmentFactory(occasion=free)
    EnrolmentFactory(occasion=free, status=Enrolment.Status.WAITLISTED)
    assert titles(catalogue(client, free="on")) == ["Ledig"]
    assert sorted(titles(catalogue(client))) == ["Full", "Ledig"]


def test_free_seats_count_confirmed_registrations_only(client):
    occasion = OccasionFactory(seats=5)
    EnrolmentFactory(occasion=occasion)
    EnrolmentFactory(occasion=occasion, status=Enrolment.Status.CANCELLED)
    EnrolmentFactory(occasion=occasion, status=Enrolment.Status.WAITLISTED)
    response = client.get(occasion.get_absolute_url())
    assert response.context["occasion"].free_seats == 4
    assert "4 lediga platser" in response.content.decode()


def test_the_catalogue_search_finds_words_in_title_and_description(client):
    OccasionFactory(course__title="Truckutbildning A och B")
    OccasionFactory(course__title="Ledarskap", course__description="För nya arbetsledare i verkstaden.")
    OccasionFactory(course__title="Mätteknik")
    assert titles(catalogue(client, q="truckutbildning")) == ["Truckutbildning A och B"]
    assert titles(catalogue(client, q="arbetsledare")) == ["Ledarskap"]


def test_the_catalogue_is_paginated_and_keeps_the_filters_in_page_links(client):
    category = CourseCategoryFactory(slug="truck")
    for _ in range(25):
        OccasionFactory(course__category=category)
    response = catalogue(client, category="truck")
    assert len(response.context["occasions"]) == 20
    assert "category=truck&amp;page=2" in response.content.decode()
    assert len(catalogue(client, category="truck", page=2).context["occasions"]) == 5


def test_an_unknown_filter_value_shows_nothing_rather_than_failing(client):
    OccasionFactory()
    response = catalogue(client, category="finns-inte")
    assert response.status_code == 200
    assert titles(response) == []


def test_catalogue_pages_take_the_same_number_of_queries_however_much_data(client, queries_for):
    def add(count):
        for _ in range(count):
            occasion = OccasionFactory()
            EnrolmentFactory(occasion=occasion)

    add(2)
    occasion = OccasionFactory()
    pages = [reverse("projects:catalogue"), occasion.get_absolute_url(), occasion.course.get_absolute_url()]
    before = [queries_for(client, page) for page in pages] + [queries_for(client, pages[0], q="kurs", free="on")]
    add(20)
    for _ in range(5):
        OccasionFactory(course=occasion.course)
    after = [queries_for(client, page) for page in pages] + [queries_for(client, pages[0], q="kurs", free="on")]
    assert after == before


def test_a_company_contact_is_offered_to_register_staff_on_the_occasion_page(client):
    occasion = OccasionFactory()
    contact = company_contact()
    client.force_login(contact)
    company = contact.roles.get().organisation
    EnrolmentFactory(occasion=occasion, employee=EmployeeFactory(company=company, first_name="Redan"))
    content = client.get(occasion.get_absolute_url()).content.decode()
    assert reverse("projects:enrol", kwargs={"company_pk": company.pk, "occasion_pk": occasion.pk}) in content
    assert "Redan" in content


def test_a_course_page_lists_its_upcoming_occasions(client):
    course = CourseFactory()
    OccasionFactory(course=course)
    OccasionFactory(course=course, starts_at=in_days(-3))
    response = client.get(course.get_absolute_url())
    assert len(response.context["occasions"]) == 1


def _company_row(content: str, name: str) -> str:
    return re.search(rf"<tr><th scope=\"row\">{name}</th>(.*?)</tr>", content, re.S)[1]


def test_the_public_page_shows_no_count_of_staff_by_gender_below_five():
    """A small company's "non-binary: 1" pointed at a person; the project's own report keeps the figures."""
    project = ProjectFactory()
    ParticipatingCompanyFactory(project=project, company__name="Lilla Verkstaden AB", women=3, men=8, non_binary=1)
    ParticipatingCompanyFactory(project=project, company__name="Stora Gjuteriet AB", women=40, men=120, non_binary=0)
    content = Client().get(project.get_absolute_url()).content.decode()
    small = _company_row(content, "Lilla Verkstaden AB")
    assert small.count("färre än 5") == 2 and ">8<" in small and ">3<" not in small and ">1<" not in small
    large = _company_row(content, "Stora Gjuteriet AB")
    assert ">40<" in large and ">120<" in large and ">0<" in large
    # 172 staff in all would give back the hidden 4 by subtraction; rounded to tens it cannot.
    assert "omkring 170 anställda" in content and "172" not in content
    assert "Antal under 5 visas inte" in content


def test_the_exact_total_is_shown_when_no_count_is_hidden():
    project = ProjectFactory()
    ParticipatingCompanyFactory(project=project, company__name="Stora Gjuteriet AB", women=40, men=121, non_binary=5)
    content = Client().get(project.get_absolute_url()).content.decode()
    assert "sammanlagt 166 anställda" in content and "färre än 5" not in content
