"""A company's taking part in a project is the company's decision (issue 16, finding 4).

The attack: a project leader added any company to their own project in the admin, and could then
read its competence needs; the company also showed publicly as taking part. Now the leader's adding
it is a request the company's contact answers on "Mitt företag"."""

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from projects import selectors
from projects.models import CompetenceNeed, ParticipatingCompany
from projects.services.errors import ParticipationNotPending
from projects.services.participation import participation_accept, participation_decline
from tests.factories import CompanyFactory, company_contact, project_leader_user, site_admin

from .factories import CourseCategoryFactory, ProjectFactory, lead_project
from .test_admin import change, changelist, form_data

pytestmark = pytest.mark.django_db

SECRET_NEED = 37


@pytest.fixture
def leader():
    return project_leader_user()


@pytest.fixture
def project(leader):
    return lead_project(leader, ProjectFactory(name="Mitt projekt"))


@pytest.fixture
def company():
    company = CompanyFactory(name="Hemliga Verkstaden AB")
    CompetenceNeed.objects.create(company=company, category=CourseCategoryFactory(), staff_count=SECRET_NEED)
    return company


def _add_in_the_admin(client, user, project, company) -> ParticipatingCompany:
    """The project's admin page with one new participating company row, saved as `user`."""
    client.force_login(user)
    data = form_data(client.get(change("project", project.pk)))
    prefix = "participants"
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update(
        {
            f"{prefix}-{index}-company": company.pk,
            f"{prefix}-{index}-women": "1",
            f"{prefix}-{index}-men": "2",
            f"{prefix}-{index}-non_binary": "0",
        }
    )
    response = client.post(change("project", project.pk), data)
    assert response.status_code == 302, [f.formset.errors for f in response.context["inline_admin_formsets"]] + [
        f.formset.non_form_errors() for f in response.context["inline_admin_formsets"]
    ]
    return ParticipatingCompany.objects.get(project=project, company=company)


def _leader_reads_the_needs(client, leader) -> bool:
    client.force_login(leader)
    listed = client.get(changelist("competenceneed")).context["cl"].result_list
    summary = client.get(reverse("admin:projects_competenceneed_summary")).context["rows"]
    return any(need.staff_count == SECRET_NEED for need in listed) or any(
        row["staff"] == SECRET_NEED for row in summary
    )


def test_a_leader_adding_a_company_only_asks_it(client, leader, project, company):
    participation = _add_in_the_admin(client, leader, project, company)
    assert participation.status == ParticipatingCompany.Status.PENDING
    assert participation.requested_at is not None and participation.decided_at is None


def test_the_companys_contacts_are_told_of_the_request_by_mail(
    client, leader, project, company, django_capture_on_commit_callbacks
):
    contact = company_contact(company)
    with django_capture_on_commit_callbacks(execute=True):
        _add_in_the_admin(client, leader, project, company)
    [message] = mail.outbox
    assert message.to == [contact.email] and "Mitt projekt" in message.subject
    assert reverse("projects:company", kwargs={"company_pk": company.pk}) in message.body


def test_a_site_administrators_addition_asks_nobody(client, project, company, django_capture_on_commit_callbacks):
    company_contact(company)
    with django_capture_on_commit_callbacks(execute=True):
        _add_in_the_admin(client, site_admin(), project, company)
    assert mail.outbox == []


def test_until_the_company_accepts_its_needs_are_not_the_leaders_to_read(client, leader, project, company):
    _add_in_the_admin(client, leader, project, company)
    assert not _leader_reads_the_needs(client, leader)
    need = CompetenceNeed.objects.get(company=company)
    assert client.get(change("competenceneed", need.pk)).status_code in (302, 403, 404)
    assert not selectors.competence_needs_led_by(leader).filter(company=company).exists()


def test_until_the_company_accepts_it_is_not_shown_as_taking_part(client, leader, project, company):
    _add_in_the_admin(client, leader, project, company)
    client.logout()
    assert company.name not in client.get(project.get_absolute_url()).content.decode()


def test_the_company_accepts_on_mitt_foretag_and_then_takes_part(client, leader, project, company):
    participation = _add_in_the_admin(client, leader, project, company)
    contact = company_contact(company)
    client.force_login(contact)
    dashboard = client.get(reverse("projects:company", kwargs={"company_pk": company.pk}))
    accept = reverse(
        "projects:participation-answer", kwargs={"company_pk": company.pk, "pk": participation.pk, "answer": "tacka-ja"}
    )
    assert accept in dashboard.content.decode()
    assert client.post(accept).status_code == 302
    participation.refresh_from_db()
    assert participation.status == ParticipatingCompany.Status.ACCEPTED and participation.decided_at is not None
    assert _leader_reads_the_needs(client, leader)
    client.logout()
    assert company.name in client.get(project.get_absolute_url()).content.decode()


def test_the_company_declines_and_nothing_reaches_the_project(client, leader, project, company):
    participation = _add_in_the_admin(client, leader, project, company)
    client.force_login(company_contact(company))
    decline = reverse(
        "projects:participation-answer",
        kwargs={"company_pk": company.pk, "pk": participation.pk, "answer": "tacka-nej"},
    )
    assert client.post(decline).status_code == 302
    participation.refresh_from_db()
    assert participation.status == ParticipatingCompany.Status.DECLINED
    assert not _leader_reads_the_needs(client, leader)
    with pytest.raises(ParticipationNotPending):
        participation_accept(participation=participation, by=company_contact(company))


def test_only_the_companys_own_contact_can_answer(leader, project, company):
    participation = ParticipatingCompany.objects.create(project=project, company=company)
    for stranger in (company_contact(CompanyFactory()), leader):
        with pytest.raises(ParticipationNotPending):
            participation_accept(participation=participation, by=stranger)
    participation.refresh_from_db()
    assert participation.status == ParticipatingCompany.Status.PENDING


def test_a_leader_cannot_accept_in_the_admin_or_move_an_accepted_row_to_another_company(
    client, leader, project, company
):
    accepted = ParticipatingCompany.objects.create(
        project=project, company=CompanyFactory(), status=ParticipatingCompany.Status.ACCEPTED
    )
    client.force_login(leader)
    data = form_data(client.get(change("project", project.pk)))
    [row] = [
        key
        for key, value in data.items()
        if key.startswith("participants-") and key.endswith("-id") and str(value) == str(accepted.pk)
    ]
    prefix = row.removesuffix("-id")
    data[f"{prefix}-company"] = company.pk
    data[f"{prefix}-status"] = ParticipatingCompany.Status.ACCEPTED  # read-only: ignored
    assert client.post(change("project", project.pk), data).status_code == 302
    accepted.refresh_from_db()
    assert (accepted.company, accepted.status) == (company, ParticipatingCompany.Status.PENDING)
    assert not _leader_reads_the_needs(client, leader)


def test_a_site_administrator_adding_a_company_makes_it_take_part_at_once(client, leader, project, company):
    participation = _add_in_the_admin(client, site_admin(), project, company)
    assert participation.status == ParticipatingCompany.Status.ACCEPTED
    assert _leader_reads_the_needs(client, leader)


def test_a_declined_request_cannot_be_declined_twice(project, company):
    contact = company_contact(company)
    participation = ParticipatingCompany.objects.create(project=project, company=company)
    participation_decline(participation=participation, by=contact)
    with pytest.raises(ParticipationNotPending):
        participation_decline(participation=participation, by=contact)


@pytest.mark.django_db(transaction=True)
def test_participations_from_before_the_requests_stay_accepted():
    before, after = [("projects", "0006_vocabulary")], [("projects", "0007_participation_status")]
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        Organisation = old.get_model("portal", "Organisation")
        owner = Organisation.objects.create(name="Regionen", slug="regionen", kind="region")
        firm = Organisation.objects.create(name="Firman", slug="firman", kind="company")
        project = old.get_model("projects", "Project").objects.create(
            name="P", slug="p", owner=owner, starts_on="2026-01-01", ends_on="2027-01-01"
        )
        old.get_model("projects", "ParticipatingCompany").objects.create(project=project, company=firm)

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        assert new.get_model("projects", "ParticipatingCompany").objects.get().status == "accepted"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
