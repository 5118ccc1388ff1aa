"""The admin for project leaders: they see and change only what belongs to the projects they lead."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.forms import FileField
from django.urls import reverse
from openpyxl import load_workbook

from projects.models import CompetenceNeed, Course, Enrolment, NewsPost, Project
from tests.factories import CompanyFactory, RegionFactory, UserFactory, project_leader_user, site_admin

from .factories import (
    CourseCategoryFactory,
    CourseFactory,
    EnrolmentFactory,
    NewsPostFactory,
    OccasionFactory,
    ParticipatingCompanyFactory,
    ProjectFactory,
    ProjectLeaderFactory,
    lead_project,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return project_leader_user()


@pytest.fixture
def mine(leader):
    return lead_project(leader, ProjectFactory(name="Mitt projekt"))


@pytest.fixture
def theirs():
    return ProjectFactory(name="Annat projekt")


@pytest.fixture
def admin_client(client, leader):
    client.force_login(leader)
    return client


def changelist(model):
    return reverse(f"admin:projects_{model}_changelist")


def change(model, pk):
    return reverse(f"admin:projects_{model}_change", args=[pk])


def form_data(response) -> dict:
    """The POST data of an admin change form as rendered, including its inlines."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False or isinstance(field, FileField):
                continue
            if hasattr(field.widget, "decompress"):
                for index, part in enumerate(field.widget.decompress(value)):
                    data[f"{form.add_prefix(name)}_{index}"] = "" if part is None else part
            elif isinstance(value, (list, tuple)):
                data[form.add_prefix(name)] = [str(v) for v in value]
            else:
                data[form.add_prefix(name)] = value
    return data


# --- Lists, change forms, choices, search -----------------------------------------------------------


def test_a_leader_sees_only_their_projects_objects_in_every_list(admin_client, mine, theirs):
    own = OccasionFactory(course__project=mine, course__title="Egen kurs")
    other = OccasionFactory(course__project=theirs, course__title="Främmande kurs")
    EnrolmentFactory(occasion=own)
    EnrolmentFactory(occasion=other)
    NewsPostFactory(project=mine, title="Egen nyhet")
    NewsPostFactory(project=theirs, title="Främmande nyhet")
    for model in ("project", "course", "occasion", "enrolment", "newspost"):
        response = admin_client.get(changelist(model))
        assert response.status_code == 200, model
        shown = list(response.context["cl"].result_list)
        assert shown, model
        project_of = {
            "project": lambda o: o,
            "course": lambda o: o.project,
            "occasion": lambda o: o.course.project,
            "enrolment": lambda o: o.occasion.course.project,
            "newspost": lambda o: o.project,
        }[model]
        assert {project_of(obj) for obj in shown} == {mine}, model


def test_another_projects_object_cannot_be_opened_or_changed(admin_client, theirs):
    course = CourseFactory(project=theirs, title="Orörd")
    response = admin_client.get(change("course", course.pk))
    assert response.status_code == 302  # "does not exist" and back to the admin index
    response = admin_client.post(change("course", course.pk), {"title": "Ändrad", "project": theirs.pk})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Orörd"


def test_another_projects_object_cannot_be_deleted(admin_client, theirs):
    news = NewsPostFactory(project=theirs)
    admin_client.post(reverse("admin:projects_newspost_delete", args=[news.pk]), {"post": "yes"})
    assert NewsPost.objects.filter(pk=news.pk).exists()


def test_foreign_key_choices_offer_only_the_leaders_projects_and_courses(admin_client, mine, theirs):
    response = admin_client.get(reverse("admin:projects_course_add"))
    assert list(response.context["adminform"].form.fields["project"].queryset) == [mine]
    CourseFactory(project=mine)
    CourseFactory(project=theirs)
    response = admin_client.get(reverse("admin:projects_occasion_add"))
    assert {c.project for c in response.context["adminform"].form.fields["course"].queryset} == {mine}


def test_a_course_cannot_be_added_to_another_project(admin_client, mine, theirs):
    category = CourseCategoryFactory()
    response = admin_client.post(
        reverse("admin:projects_course_add"),
        {
            "project": theirs.pk,
            "title": "Smygkurs",
            "category": category.pk,
            "level": "individual",
            "hours": "8",
            "occasions-TOTAL_FORMS": "0",
            "occasions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not Course.objects.filter(title="Smygkurs").exists()


def test_a_leader_adds_a_course_to_their_project(admin_client, mine):
    category = CourseCategoryFactory()
    response = admin_client.post(
        reverse("admin:projects_course_add"),
        {
            "project": mine.pk,
            "title": "Ny kurs",
            "category": category.pk,
            "level": "group",
            "hours": "6",
            "occasions-TOTAL_FORMS": "0",
            "occasions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Course.objects.get(title="Ny kurs").project == mine


def test_search_finds_nothing_from_other_projects(admin_client, mine, theirs):
    CourseFactory(project=mine, title="Robot grund")
    CourseFactory(project=theirs, title="Robot hemlig")
    response = admin_client.get(changelist("course"), {"q": "robot"})
    assert [c.title for c in response.context["cl"].result_list] == ["Robot grund"]


def test_the_project_filter_lists_only_the_leaders_projects(admin_client, mine, theirs):
    CourseFactory(project=mine)
    CourseFactory(project=theirs)
    content = admin_client.get(changelist("course")).content.decode()
    assert "Mitt projekt" in content
    assert "Annat projekt" not in content


def test_a_leader_who_handed_over_no_longer_reaches_the_project(client, theirs):
    former = project_leader_user()
    ProjectLeaderFactory(
        project=theirs, user=former, started_on=datetime.date(2020, 1, 1), ended_on=datetime.date(2021, 1, 1)
    )
    client.force_login(former)
    assert client.get(change("project", theirs.pk)).status_code == 302


def test_a_site_administrator_sees_every_project(client, mine, theirs):
    client.force_login(site_admin())
    shown = set(client.get(changelist("project")).context["cl"].result_list)
    assert shown == {mine, theirs}


def test_leaders_cannot_add_projects_or_change_who_leads(admin_client, mine):
    assert admin_client.get(reverse("admin:projects_project_add")).status_code == 403
    response = admin_client.get(change("project", mine.pk))
    leaders_inline = next(
        i for i in response.context["inline_admin_formsets"] if i.opts.model.__name__ == "ProjectLeader"
    )
    assert not leaders_inline.has_change_permission and not leaders_inline.has_add_permission


def test_a_leader_edits_their_project_page_and_the_text_is_sanitised(admin_client, mine):
    response = admin_client.get(change("project", mine.pk))
    data = form_data(response)
    data["body"] = '<h2>Om projektet</h2><p style="color:red">Text <img src=x onerror=alert(1)></p>'
    data["target_companies"] = "70"
    response = admin_client.post(change("project", mine.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    mine.refresh_from_db()
    assert mine.body == "<h2>Om projektet</h2><p>Text </p>"
    assert mine.target_companies == 70


def test_the_editor_page_allows_its_import_map_by_nonce_only(admin_client, mine):
    response = admin_client.get(change("project", mine.pk))
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()
    other_page = admin_client.get(changelist("project"))
    assert "nonce-" not in other_page["Content-Security-Policy"]


def test_news_gets_its_author_from_the_signed_in_leader(admin_client, leader, mine):
    response = admin_client.post(
        reverse("admin:projects_newspost_add"),
        {
            "project": mine.pk,
            "title": "Kurserna startar",
            "slug": "kurserna-startar",
            "lead": "Nu kör vi.",
            "body": "<p>Text</p>",
            "published_at_0": "2026-01-10",
            "published_at_1": "09:00",
        },
    )
    assert response.status_code == 302
    assert NewsPost.objects.get(slug="kurserna-startar").author == leader


# --- Attendance, seats, exports ---------------------------------------------------------------------


def test_attendance_and_hours_are_recorded_per_participant_on_the_occasion(admin_client, mine):
    occasion = OccasionFactory(course__project=mine, course__hours=Decimal(8))
    came, partly = EnrolmentFactory(occasion=occasion), EnrolmentFactory(occasion=occasion)
    data = form_data(admin_client.get(change("occasion", occasion.pk)))
    rows = {data[f"enrolments-{i}-id"]: i for i in range(2)}
    data[f"enrolments-{rows[came.pk]}-attended"] = "true"
    data[f"enrolments-{rows[partly.pk]}-attended"] = "true"
    data[f"enrolments-{rows[partly.pk]}-hours"] = "3.5"
    response = admin_client.post(change("occasion", occasion.pk), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    came.refresh_from_db()
    partly.refresh_from_db()
    assert (came.attended, came.hours) == (True, Decimal(8))
    assert (partly.attended, partly.hours) == (True, Decimal("3.5"))


def test_adding_seats_in_the_admin_promotes_the_waiting_list(admin_client, mine):
    occasion = OccasionFactory(course__project=mine, seats=1)
    EnrolmentFactory(occasion=occasion)
    waiting = EnrolmentFactory(occasion=occasion, status=Enrolment.Status.WAITLISTED)
    data = form_data(admin_client.get(change("occasion", occasion.pk)))
    data["seats"] = "2"
    assert admin_client.post(change("occasion", occasion.pk), data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED


def test_seats_cannot_go_below_the_confirmed_participants(admin_client, mine):
    occasion = OccasionFactory(course__project=mine, seats=3)
    EnrolmentFactory(occasion=occasion)
    EnrolmentFactory(occasion=occasion)
    data = form_data(admin_client.get(change("occasion", occasion.pk)))
    data["seats"] = "1"
    response = admin_client.post(change("occasion", occasion.pk), data)
    assert response.status_code == 200
    assert "seats" in response.context["adminform"].form.errors


def run_action(client, model, action, objects):
    return client.post(changelist(model), {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects]})


def test_registrations_export_as_csv_for_swedish_excel(admin_client, mine):
    occasion = OccasionFactory(course__project=mine, course__title="Mätteknik")
    EnrolmentFactory(
        occasion=occasion,
        employee__first_name="Åsa",
        employee__last_name="=Berg",
        attended=True,
        hours=Decimal("7.5"),
    )
    response = run_action(admin_client, "occasion", "export_csv", [occasion])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffProjekt;Kurs;")
    row = text.splitlines()[1].split(";")
    assert row[1] == "Mätteknik"
    assert row[5:7] == ["Åsa", "'=Berg"]  # a formula-looking name stays text
    assert row[-2:] == ["Ja", "7,5"]


def test_registrations_export_as_xlsx(admin_client, mine):
    occasion = OccasionFactory(course__project=mine)
    EnrolmentFactory(occasion=occasion, employee__first_name="=SUM(A1)", hours=Decimal(4), attended=True)
    EnrolmentFactory(occasion=occasion, status=Enrolment.Status.CANCELLED)  # not exported
    response = run_action(admin_client, "occasion", "export_xlsx", [occasion])
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Projekt"
    assert len(rows) == 2
    assert rows[1][5] == "=SUM(A1)"
    assert sheet.cell(row=2, column=6).data_type == "s"  # text, not a formula
    assert rows[1][-1] == 4


def test_an_export_never_includes_another_projects_registrations(admin_client, mine, theirs):
    own = OccasionFactory(course__project=mine)
    EnrolmentFactory(occasion=own, employee__first_name="Egen")
    foreign = OccasionFactory(course__project=theirs)
    EnrolmentFactory(occasion=foreign, employee__first_name="Främmande")
    response = run_action(admin_client, "occasion", "export_csv", [own, foreign])
    text = b"".join(response.streaming_content).decode()
    assert "Egen" in text and "Främmande" not in text


def test_actions_on_registrations_record_attendance_and_cancel(admin_client, mine):
    occasion = OccasionFactory(course__project=mine, seats=1, course__hours=Decimal(6))
    confirmed = EnrolmentFactory(occasion=occasion)
    waiting = EnrolmentFactory(occasion=occasion, status=Enrolment.Status.WAITLISTED)
    run_action(admin_client, "enrolment", "mark_attended", [confirmed, waiting])
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.attended, confirmed.hours, waiting.attended) == (True, Decimal(6), None)
    run_action(admin_client, "enrolment", "cancel", [confirmed])
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED


def test_an_action_cannot_reach_another_projects_registrations(admin_client, theirs):
    foreign = EnrolmentFactory(occasion__course__project=theirs)
    run_action(admin_client, "enrolment", "cancel", [foreign])
    foreign.refresh_from_db()
    assert foreign.status == Enrolment.Status.CONFIRMED


# --- Competence needs --------------------------------------------------------------------------------


def test_leaders_see_competence_needs_summed_per_region_and_category(admin_client, mine, theirs):
    robots = CourseCategoryFactory(name="Robot")
    east, west = RegionFactory(name="Östergötland"), RegionFactory(name="Västmanland")
    for region, count in [(east, 3), (east, 4), (west, 5)]:
        company = CompanyFactory(region=region)
        ParticipatingCompanyFactory(project=mine, company=company)
        CompetenceNeed.objects.create(company=company, category=robots, staff_count=count)
    outsider = CompanyFactory(region=east)
    ParticipatingCompanyFactory(project=theirs, company=outsider)
    CompetenceNeed.objects.create(company=outsider, category=robots, staff_count=100)
    response = admin_client.get(reverse("admin:projects_competenceneed_summary"))
    rows = [(r["project"], r["region"], r["category"], r["staff"], r["companies"]) for r in response.context["rows"]]
    assert rows == [
        ("Mitt projekt", "Västmanland", "Robot", 5, 1),
        ("Mitt projekt", "Östergötland", "Robot", 7, 2),
    ]
    listed = admin_client.get(changelist("competenceneed")).context["cl"].result_list
    assert outsider not in {need.company for need in listed}


def test_staff_without_the_permission_cannot_see_the_summary(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:projects_competenceneed_summary"))
    assert response.status_code == 403


# --- Query counts --------------------------------------------------------------------------------------


def test_admin_lists_take_the_same_number_of_queries_however_many_rows(admin_client, mine, queries_for):
    def add(count):
        for _ in range(count):
            occasion = OccasionFactory(course__project=mine)
            EnrolmentFactory(occasion=occasion)
            NewsPostFactory(project=mine)
            ParticipatingCompanyFactory(project=mine)
            ProjectLeaderFactory(project=mine)

    add(2)
    pages = [changelist(model) for model in ("project", "course", "occasion", "enrolment", "newspost")]
    occasion = OccasionFactory(course__project=mine)
    EnrolmentFactory(occasion=occasion)
    pages += [change("occasion", occasion.pk), change("project", mine.pk)]
    before = [queries_for(admin_client, page) for page in pages]
    add(15)
    for _ in range(10):
        EnrolmentFactory(occasion=occasion)
    after = [queries_for(admin_client, page) for page in pages]
    assert after == before


def test_project_status_can_be_published_by_its_leader(admin_client, mine):
    mine.status = Project.Status.DRAFT
    mine.save()
    data = form_data(admin_client.get(change("project", mine.pk)))
    data["status"] = Project.Status.PUBLISHED
    assert admin_client.post(change("project", mine.pk), data).status_code == 302
    mine.refresh_from_db()
    assert mine.is_published


def test_seats_changed_in_the_course_form_follow_the_same_rules(admin_client, mine):
    occasion = OccasionFactory(course__project=mine, seats=2)
    EnrolmentFactory(occasion=occasion)
    EnrolmentFactory(occasion=occasion)
    waiting = EnrolmentFactory(occasion=occasion, status=Enrolment.Status.WAITLISTED)
    data = form_data(admin_client.get(change("course", occasion.course.pk)))
    data["occasions-0-seats"] = "1"
    response = admin_client.post(change("course", occasion.course.pk), data)
    assert response.status_code == 200  # refused: fewer seats than confirmed participants
    assert "2 platser är redan bekräftade" in response.content.decode()
    data["occasions-0-seats"] = "3"
    assert admin_client.post(change("course", occasion.course.pk), data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED
