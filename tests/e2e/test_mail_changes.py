"""Changes reach people, and people choose their mail: a project leader calls off a course occasion
in the admin and its people are told; a participant turns off reminders with the link in one."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from events import services as event_services
from portal.mail_settings import REMINDERS
from portal.models import MailOptOut
from portal.reminders import reminders_send_due
from projects.models import Occasion
from projects.services.enrolment import enrolments_create
from tests.events.factories import EventFactory
from tests.factories import UserFactory, company_contact, project_leader_user
from tests.projects.factories import EmployeeFactory, OccasionFactory, lead_project

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_leader_calls_off_an_occasion_and_its_people_are_told(page, sign_in, check_a11y, mailoutbox):
    leader = project_leader_user(email="ledare@projekt.example")
    occasion = OccasionFactory(course__title="Robotsvetsning", seats=1)
    lead_project(leader, occasion.course.project)
    first = EmployeeFactory()
    second = EmployeeFactory(company=first.company)
    contact = company_contact(first.company)
    enrolments_create(occasion=occasion, company=first.company, employees=[first, second], by=contact)
    mailoutbox.clear()

    sign_in(leader.email)
    page.goto("/admin/projects/occasion/")
    page.locator(f'input[name="_selected_action"][value="{occasion.pk}"]').check()
    page.locator('select[name="action"]').select_option("cancel_occasions")
    page.get_by_role("button", name="Utför").click()
    expect(page.locator(".messagelist")).to_contain_text("1 tillfälle ställdes in")
    check_a11y(page)

    occasion.refresh_from_db()
    assert occasion.status == Occasion.Status.CANCELLED
    told = sorted(message.to[0] for message in mailoutbox)
    assert told == sorted([first.email, second.email, contact.email])
    assert all(message.subject.endswith("Inställt: Robotsvetsning") for message in mailoutbox)

    page.goto(occasion.get_absolute_url())
    expect(page.get_by_text("Tillfället är inställt.")).to_be_visible()
    check_a11y(page)


def test_a_participant_turns_off_reminders_with_one_click(page, sign_in, check_a11y, mailoutbox):
    user = UserFactory(email="deltagare@example.se")
    event = EventFactory(reminder_days="7")
    event_services.registration_create(event=event, user=user, organisation_type="industry")
    mailoutbox.clear()
    reminders_send_due(now=event.starts_at - event.reminder_offsets[0])
    [reminder] = mailoutbox
    link = reminder.extra_headers["List-Unsubscribe"].split(">")[0].lstrip("<")

    page.goto(urlparse(link).path)  # the live server's address, not SITE_URL's
    check_a11y(page)
    page.get_by_role("button", name="Ja, avbeställ").click()
    expect(page.get_by_role("status")).to_contain_text("Du får inte längre")
    check_a11y(page)
    assert MailOptOut.objects.filter(user=user, kind=REMINDERS).exists()

    sign_in(user.email)
    page.goto("/mitt-konto/e-post/")
    expect(page.get_by_role("heading", level=1)).to_have_text("E-postinställningar")
    expect(
        page.get_by_role("checkbox", name="Påminnelser före kurser, evenemang, besök och uppföljningar")
    ).not_to_be_checked()
    check_a11y(page)
