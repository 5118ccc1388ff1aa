"""Personal data end to end: the export, erasing an account, retention after a project, and the log.

One person here is everything at once (participant at events, teacher asking for visits, ambassador,
and on a company's staff list with a course behind them), so the export and the erasure are checked
across every app that keeps personal data, and the statistics the projects report are compared
before and after.
"""

import datetime
import json
from decimal import Decimal
from unittest.mock import ANY

import pytest
from django.contrib.admin.models import LogEntry
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ambassadors import services as ambassador_services
from ambassadors.models import Ambassador, VisitFeedback, VisitRequest
from events.models import Registration, RoundTableMember
from events.selectors import event_availability, events_listed
from portal.models import User
from portal.privacy import participant_data_expire
from projects.models import Employee, Enrolment, Project
from projects.selectors import with_progress
from tests.ambassadors.factories import lead, published_ambassador, visit_request
from tests.events.factories import EventFactory, RegistrationFactory, RoundTableFactory
from tests.factories import PASSWORD, CompanyFactory, SchoolFactory, UserFactory, project_leader_user, teacher
from tests.projects.factories import CourseFactory, EmployeeFactory, EnrolmentFactory, OccasionFactory, ProjectFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def progress(project) -> tuple:
    row = with_progress(Project.objects.filter(pk=project.pk)).get()
    return row.companies_reached, row.employees_trained, row.hours_done


def event_counts(event) -> tuple:
    availability = event_availability(event)
    listed = events_listed().get(pk=event.pk).confirmed_count
    attended = Registration.objects.filter(event=event, checked_in_at__isnull=False).count()
    return availability.confirmed, availability.waiting, listed, attended


@pytest.fixture
def person():
    """Kim: at a past and a coming event, a teacher who asked for a visit, an ambassador, and on a staff list."""
    school = SchoolFactory(name="Brinellskolan")
    kim = teacher(school, email="kim@example.se", first_name="Kim", last_name="Karlsson")
    others = [
        UserFactory(email=f"annan{n}@example.se", first_name=f"Annan{n}", last_name=f"Person{n}") for n in range(3)
    ]

    project = ProjectFactory(name="Smart kompetens", slug="smart-kompetens")
    past = EventFactory(
        title="Industridagen 2025", starts_at=NOW - datetime.timedelta(days=20), capacity=10, projects=[project]
    )
    RegistrationFactory(
        event=past,
        user=kim,
        checked_in_at=NOW - datetime.timedelta(days=20),
        dietary_needs="Glutenfritt",
        organisation_name="Brinellskolan",
        organisation_type=Registration.OrganisationType.SCHOOL,
        consent_to_list=True,
    )
    RegistrationFactory(event=past, user=others[0])
    coming = EventFactory(title="Sommarminglet", capacity=1, projects=[project])
    RegistrationFactory(event=coming, user=kim)
    RegistrationFactory(event=coming, user=others[1], status=Registration.Status.WAITLISTED)

    ambassador = published_ambassador(display_name="Kim K", project=project)
    leader = ambassador.project.leaders.current().first().user
    ambassador = ambassador_services.ambassador_invite_account(ambassador=ambassador, email=kim.email, by=leader)
    ambassador_services.ambassador_invitation_accept(token=ambassador_services.invitation_token(ambassador), user=kim)
    asked = visit_request(
        published_ambassador(display_name="Alex", project=project),
        requester=kim,
        school=school,
        message="Vi är 25 elever i 9B.",
    )
    VisitFeedback.objects.create(visit_request=asked, side="school", author=kim, rating=5, comment="Kim tyckte...")

    company = CompanyFactory(name="Verkstaden AB")
    occasion = OccasionFactory(course=CourseFactory(project=project, title="Mätteknik grund"))
    employee = EmployeeFactory(company=company, email="kim@example.se", first_name="Kim", last_name="Karlsson")
    EnrolmentFactory(occasion=occasion, employee=employee, attended=True, hours=Decimal("8.0"))
    return {
        "user": kim,
        "past": past,
        "coming": coming,
        "ambassador": ambassador,
        "asked": asked,
        "project": project,
        "employee": employee,
        "others": others,
    }


def test_the_export_holds_the_persons_data_from_every_app(client, person):
    client.force_login(person["user"])
    response = client.get(reverse("portal:data-export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["account"]["email"] == "kim@example.se"
    assert data["account"]["roles"][0]["role"] in ("teacher", "ambassador")
    events = {r["event"]: r for r in data["events"]["registrations"]}
    assert events["Industridagen 2025"]["dietary_needs"] == "Glutenfritt"
    assert events["Industridagen 2025"]["checked_in_at"] and "Sommarminglet" in events
    assert data["ambassadors"]["profile"]["display_name"] == "Kim K"
    assert data["ambassadors"]["visit_requests_sent"][0]["message"] == "Vi är 25 elever i 9B."
    assert data["ambassadors"]["feedback_given"][0]["rating"] == 5
    staff = data["projects"]["on_staff_lists"][0]
    assert staff["company"] == "Verkstaden AB" and staff["courses"][0]["course"] == "Mätteknik grund"


def test_the_export_holds_nobody_elses_data(client, person):
    client.force_login(person["user"])
    body = client.get(reverse("portal:data-export")).content.decode()
    for other in person["others"]:
        assert other.email not in body and other.last_name not in body


def test_erasing_an_account_keeps_the_statistics_right(client, person):
    kim, past, coming = person["user"], person["past"], person["coming"]
    before = {
        "past": event_counts(past),
        "coming": event_counts(coming),
        "progress": progress(person["project"]),
        "requests": VisitRequest.objects.filter(ambassador=person["asked"].ambassador).count(),
        "ratings": list(VisitFeedback.objects.values_list("rating", flat=True)),
    }
    client.force_login(kim)
    response = client.post(reverse("portal:account-delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=kim.pk).exists()

    # The past event counts as before; its row is there without the person or their needs.
    assert event_counts(past) == before["past"]
    row = Registration.objects.get(event=past, organisation_type=Registration.OrganisationType.SCHOOL)
    assert (row.user, row.dietary_needs, row.organisation_name, row.consent_to_list) == (None, "", "", False)
    assert row.status == Registration.Status.CONFIRMED and row.checked_in_at is not None
    # The coming event: the place went to the next in line, so it is as full as before.
    confirmed, waiting, listed, _attended = event_counts(coming)
    assert (confirmed, waiting) == (1, 0) and before["coming"][:2] == (1, 1)
    assert Registration.objects.get(event=coming, user=person["others"][1]).status == Registration.Status.CONFIRMED
    # The visit request and its rating stay for the ambassador's project, without Kim.
    asked = VisitRequest.objects.get(pk=person["asked"].pk)
    assert (asked.requested_by, asked.message) == (None, "")
    assert VisitRequest.objects.filter(ambassador=asked.ambassador).count() == before["requests"]
    assert list(VisitFeedback.objects.values_list("rating", flat=True)) == before["ratings"]
    # Kim's own profile is no longer public (the consent went with the account).
    assert not Ambassador.objects.public().filter(pk=person["ambassador"].pk).exists()
    # The company's staff list is the company's: the course history counts as before.
    assert progress(person["project"]) == before["progress"]
    assert Employee.objects.filter(pk=person["employee"].pk).exists()


def test_a_project_leader_who_erases_their_account_leaves_the_change_log(client):
    leader = project_leader_user(email="lea@example.se", first_name="Lea", last_name="Ledare")
    project = ProjectFactory(slug="ledd")
    lead(project, leader)
    enrolment = EnrolmentFactory(occasion=OccasionFactory(course=CourseFactory(project=project)))
    client.force_login(leader)
    client.post(
        reverse("admin:projects_enrolment_changelist"), {"action": "mark_attended", "_selected_action": [enrolment.pk]}
    )
    entries = list(LogEntry.objects.filter(user=leader).values_list("pk", flat=True))
    assert entries

    response = client.post(reverse("portal:account-delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert list(LogEntry.objects.filter(pk__in=entries).values_list("pk", flat=True)) == entries
    closed = User.objects.get(pk=leader.pk)
    assert closed.email == f"raderad-{leader.pk}@konto.invalid" and not closed.get_full_name()
    assert not (closed.is_active or closed.is_staff or closed.has_usable_password())
    assert not closed.roles.exists() and not closed.emailaddress_set.exists()
    assert not User.objects.filter(email="lea@example.se").exists()
    # Nobody can sign in as the closed account, and the address is free for a new one.
    assert not client.login(email=closed.email, password=PASSWORD)
    UserFactory(email="lea@example.se")


def test_admin_actions_on_peoples_data_are_readable_in_the_change_log(client):
    leader = project_leader_user(email="lea@example.se")
    project = ProjectFactory(slug="ledd")
    lead(project, leader)
    enrolment = EnrolmentFactory(occasion=OccasionFactory(course=CourseFactory(project=project)))
    client.force_login(leader)
    client.post(
        reverse("admin:projects_enrolment_changelist"), {"action": "export_csv", "_selected_action": [enrolment.pk]}
    )
    from tests.factories import site_admin

    client.force_login(site_admin())
    page = client.get(reverse("admin:admin_logentry_changelist")).content.decode()
    assert str(leader) in page
    assert "Åtgärd i administrationen: Exportera anmälningar som CSV (1 valda)." in page
    assert str(enrolment.employee.full_name) in page


# --- Retention after a project's end -------------------------------------------------------------


@pytest.fixture
def ended():
    """Three projects: ended long ago, ended lately, still running; data in all of them."""
    long_ago = ProjectFactory(name="XF", slug="xf", starts_on=days_ago(2000), ends_on=days_ago(800))
    lately = ProjectFactory(name="Ett kompetenslyft", slug="lyft", starts_on=days_ago(1000), ends_on=days_ago(100))
    running = ProjectFactory(name="Smart kompetens", slug="smart", starts_on=days_ago(300), ends_on=None)
    company = CompanyFactory()
    anna = EmployeeFactory(company=company, first_name="Anna", last_name="Ek", gender="woman")
    bo = EmployeeFactory(company=company, first_name="Bo", last_name="Al", gender="man")
    contact = UserFactory()
    for project in (long_ago, lately, running):
        for starts in (days_ago(900 if project is long_ago else 50), days_ago(890 if project is long_ago else 40)):
            start = datetime.datetime.combine(starts, datetime.time(9), tzinfo=timezone.get_current_timezone())
            occasion = OccasionFactory(course=CourseFactory(project=project), starts_at=start)
            EnrolmentFactory(occasion=occasion, employee=anna, attended=True, hours=Decimal("8"), registered_by=contact)
        occasion = OccasionFactory(course=CourseFactory(project=project))
        EnrolmentFactory(occasion=occasion, employee=bo, status=Enrolment.Status.CANCELLED, cancelled_by=contact)

    participant = UserFactory()
    old_event = EventFactory(starts_at=NOW - datetime.timedelta(days=850), projects=[long_ago])
    shared_event = EventFactory(starts_at=NOW - datetime.timedelta(days=850), projects=[long_ago, lately])
    new_event = EventFactory(starts_at=NOW - datetime.timedelta(days=60), projects=[lately])
    for event in (old_event, shared_event, new_event):
        RegistrationFactory(
            event=event,
            user=participant,
            dietary_needs="Vegan",
            organisation_name="Skolan",
            checked_in_at=event.starts_at,
            consent_to_list=True,
        )
        RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    table = RoundTableFactory(event=old_event)
    RoundTableMember.objects.create(table=table, name="Eva Eriksson", title="SYV", organisation="Motala kommun")

    old_ambassador = published_ambassador(project=ProjectFactory(slug="gammalt", ends_on=days_ago(800)))
    new_ambassador = published_ambassador(project=ProjectFactory(slug="nyare", ends_on=days_ago(100)))
    asker = teacher(SchoolFactory())
    requests = {}
    for key, ambassador in (("old", old_ambassador), ("new", new_ambassador)):
        requests[key] = visit_request(ambassador, requester=asker, message="Hej från 9B")
        VisitFeedback.objects.create(
            visit_request=requests[key], side="school", author=asker, rating=4, comment="Mycket bra"
        )
    return {
        "long_ago": long_ago,
        "lately": lately,
        "running": running,
        "anna": anna,
        "bo": bo,
        "events": (old_event, shared_event, new_event),
        "participant": participant,
        "requests": requests,
    }


def test_participant_data_is_anonymised_two_years_after_a_project_ends(ended):
    long_ago, lately, running = ended["long_ago"], ended["lately"], ended["running"]
    before = {project.pk: progress(project) for project in (long_ago, lately, running)}
    old_event, shared_event, new_event = ended["events"]
    counts_before = {event.pk: event_counts(event) for event in ended["events"]}

    result = participant_data_expire(today=TODAY)
    assert result == {"projects": 3, "events": 2, "ambassadors": 1}

    # The projects' figures are exactly as before.
    assert {project.pk: progress(project) for project in (long_ago, lately, running)} == before
    assert {event.pk: event_counts(event) for event in ended["events"]} == counts_before
    # Anna and Bo are still on the staff list, unchanged, but no longer linked to the old project.
    anna = Employee.objects.get(pk=ended["anna"].pk)
    assert (anna.first_name, anna.removed_at) == ("Anna", None)
    old = Enrolment.objects.filter(occasion__course__project=long_ago)
    assert not old.filter(employee__in=[ended["anna"], ended["bo"]]).exists()
    assert {(e.employee.first_name, e.employee.gender, e.employee.company_id) for e in old} == {
        ("", "woman", anna.company_id),
        ("", "man", anna.company_id),
    }
    assert old.values("employee").distinct().count() == 2  # one stand-in per person, not per course
    assert not old.filter(registered_by__isnull=False).exists() and not old.filter(cancelled_by__isnull=False).exists()
    for project in (lately, running):
        assert Enrolment.objects.filter(occasion__course__project=project, employee=anna).count() == 2
    # Events of the old project only: registrations without the person; the shared and new events keep them.
    row = Registration.objects.get(event=old_event, checked_in_at__isnull=False)
    assert (row.user, row.dietary_needs, row.organisation_name, row.consent_to_list) == (None, "", "", False)
    for event in (shared_event, new_event):
        assert Registration.objects.get(event=event, checked_in_at__isnull=False).user == ended["participant"]
    member = RoundTableMember.objects.get()
    assert (member.name, member.title, member.organisation) == ("", "SYV", "Motala kommun")
    # Visit requests to the old project's ambassador: no asker, no messages; ratings stay.
    old_request = VisitRequest.objects.get(pk=ended["requests"]["old"].pk)
    assert (old_request.requested_by, old_request.message) == (None, "")
    assert (
        not old_request.events.exclude(message="").exists()
        and not old_request.events.filter(actor__isnull=False).exists()
    )
    assert list(old_request.feedback.values_list("rating", "comment", "author")) == [(4, "", None)]
    new_request = VisitRequest.objects.get(pk=ended["requests"]["new"].pk)
    assert new_request.requested_by is not None and new_request.message == "Hej från 9B"


def test_retention_runs_twice_without_finding_anything_new(ended):
    participant_data_expire(today=TODAY)
    stand_ins = Employee.objects.filter(removed_at__isnull=False).count()
    assert participant_data_expire(today=TODAY) == {"projects": 0, "events": 0, "ambassadors": 0}
    assert Employee.objects.filter(removed_at__isnull=False).count() == stand_ins


@override_settings(RETENTION_DAYS_AFTER_PROJECT_END=30)
def test_the_retention_period_is_a_setting(ended):
    result = participant_data_expire(today=TODAY)
    assert result["projects"] == 6 and result["ambassadors"] == 2
    # The still running project (no end date) is never touched.
    assert Enrolment.objects.filter(occasion__course__project=ended["running"], employee=ended["anna"]).count() == 2


def test_the_export_after_retention_no_longer_lists_the_old_courses(client, ended):
    from projects.privacy import export

    participant_data_expire(today=TODAY)
    courses = export(UserFactory(email=ended["anna"].email))["on_staff_lists"][0]["courses"]
    assert len(courses) == 4  # the two projects still within the period


def test_the_retention_task_runs_the_service_and_is_scheduled(ended):
    from django_celery_beat.models import PeriodicTask

    from portal.tasks import expire_participant_data

    assert expire_participant_data.delay().get() == {"projects": 3, "events": 2, "ambassadors": 1}
    task = PeriodicTask.objects.get(task="portal.tasks.expire_participant_data")
    assert task.enabled and task.crontab.hour == "3"


def _history_text() -> str:
    return " ".join(f"{entry.object_repr} {entry.change_message}" for entry in LogEntry.objects.all())


def test_erasing_an_account_takes_the_name_out_of_the_admin_history(client):
    """The change log kept a deleted participant's name: the user row and their registration as edited."""
    organiser = UserFactory(email="arr@example.se", is_staff=True, is_superuser=True)
    kim = UserFactory(email="kim.raderas@example.se", first_name="Kimberly", last_name="Raderasson")
    registration = RegistrationFactory(user=kim)
    LogEntry.objects.log_actions(user_id=organiser.pk, queryset=[kim, registration], action_flag=2, change_message="[]")
    assert "Raderasson" in _history_text() or "kim.raderas" in _history_text()
    client.force_login(kim)
    client.post(reverse("portal:account-delete"), {"password": PASSWORD, "confirm": "on"})
    text = _history_text()
    assert "Raderasson" not in text and "Kimberly" not in text and "kim.raderas" not in text
    assert LogEntry.objects.filter(user=organiser).count() == 2, "what was done, by whom and when stays"


def test_taking_someone_off_the_staff_list_takes_their_name_out_of_the_admin_history():
    from projects.services.staff import employee_remove

    leader = project_leader_user(email="lea@example.se")
    employee = EmployeeFactory(first_name="Gunhild", last_name="Borttagen")
    enrolment = EnrolmentFactory(employee=employee)
    LogEntry.objects.log_actions(user_id=leader.pk, queryset=[employee, enrolment], action_flag=2, change_message="[]")
    employee_remove(employee=employee, by=None)
    assert "Borttagen" not in _history_text() and "Gunhild" not in _history_text()


def test_the_export_holds_an_ambassadors_own_answers_and_pending_profile_changes(client, person):
    """Both were left out: what Kim wrote as an ambassador, and the changes waiting for the project leader."""
    from ambassadors.models import ProfileChange

    kim = person["user"]
    teacher_elsewhere = teacher(SchoolFactory(name="Annan skola"), email="larare@example.se")
    asked_kim = visit_request(person["ambassador"], requester=teacher_elsewhere, message="Kan du komma?")
    ambassador_services.visit_request_propose(
        visit_request=asked_kim, by=kim, proposed_for=NOW + datetime.timedelta(days=14), message="Jag kan på tisdag."
    )
    ProfileChange.objects.create(ambassador=person["ambassador"], data={"headline": "Ny rubrik"}, submitted_by=kim)
    client.force_login(kim)
    data = json.loads(client.get(reverse("portal:data-export")).content)["ambassadors"]
    answer = data["visit_request_messages"][-1]
    assert (answer["message"], answer["side"], answer["to_state"]) == ("Jag kan på tisdag.", "ambassador", "proposed")
    assert data["profile_changes"] == [
        {"changes": {"headline": "Ny rubrik"}, "new_photo": False, "status": "pending", "submitted_at": ANY}
    ]


# Every relation from a model to an account is either in the person's export or has a reason here.
# A new model that points at an account fails the test below until it is decided which.
ACCOUNT_RELATIONS = {
    "portal.Role.user": "exported: account.roles",
    "portal.Reminder.user": "not kept for the person: a queue of mails to send them, deleted when sent or closed",
    "portal.MailOptOut.user": "exported: account.mail_turned_off",
    "account.EmailAddress.user": "exported: account.email_addresses",
    "mfa.Authenticator.user": "exported: account.two_factor (type and dates; never the secret or the codes)",
    "admin.LogEntry.user": "the record of what staff did; kept by law and policy, named in the export's account",
    "projects.ProjectLeader.user": "exported: projects.project_leaderships",
    "projects.NewsPost.author": "published text of the project, not about the author",
    "projects.Enrolment.registered_by": "a company contact's act for an employee: the employee's data",
    "projects.Enrolment.cancelled_by": "a company contact's act for an employee: the employee's data",
    "projects.CompetenceNeed.updated_by": "the company's data, who last saved it",
    "projects.ReportRun.requested_by": "a report of a project (anonymous figures), who asked for it",
    "events.Registration.user": "exported: events.registrations",
    "events.CalendarFeed.user": "a secret address, not data about the person; they can see and renew it",
    "events.ActionItem.status_changed_by": "the round table's follow-up, who last changed its state",
    "ambassadors.Ambassador.user": "exported: ambassadors.profile",
    "ambassadors.Ambassador.published_by": "a project leader's act on someone else's profile",
    "ambassadors.Consent.recorded_by": "a project leader's act on someone else's consent",
    "ambassadors.Consent.withdrawn_by": "exported with the profile's consents when it is their own",
    "ambassadors.ProfileChange.submitted_by": "exported: ambassadors.profile_changes",
    "ambassadors.ProfileChange.decided_by": "a project leader's decision on someone else's profile",
    "ambassadors.Feature.planned_by": "a project leader's planning of the featured ambassador",
    "ambassadors.VisitRequest.requested_by": "exported: ambassadors.visit_requests_sent",
    "ambassadors.VisitRequestEvent.actor": "exported: ambassadors.visit_request_messages",
    "ambassadors.VisitFeedback.author": "exported: ambassadors.feedback_given",
}


def test_every_relation_to_an_account_is_exported_or_has_a_reason():
    from django.apps import apps
    from django.conf import settings

    account = apps.get_model(settings.AUTH_USER_MODEL)
    relations = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if (field.many_to_one or field.one_to_one or field.many_to_many)
        and not field.auto_created
        and field.related_model is account
    }
    assert relations == set(ACCOUNT_RELATIONS), (
        f"new: {sorted(relations - set(ACCOUNT_RELATIONS))}, gone: {sorted(set(ACCOUNT_RELATIONS) - relations)}"
    )
