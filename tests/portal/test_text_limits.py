"""Every free-text field someone outside the staff can fill has a size that fits its purpose.

A too-long value is refused with a message that says so (not stored whole, as a 1 MB
`dietary_needs` once was), and nothing is saved.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ambassadors import services as ambassador_services
from ambassadors.forms import CancelForm, DateTimeChoiceForm, MessageForm, ProfileForm
from ambassadors.models import VisitFeedback, VisitRequest, VisitRequestEvent
from events.forms import ActionItemStatusForm
from events.models import Registration
from projects.models import Employee, Enrolment
from tests.ambassadors.factories import AmbassadorFactory, form_data, future, published_ambassador, visit_request
from tests.events.factories import EventFactory
from tests.factories import CompanyFactory, SchoolFactory, UserFactory, company_contact, teacher
from tests.projects.factories import EmployeeFactory, EnrolmentFactory, OccasionFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "Texten är för lång: högst"


def refused(response, limit: int) -> bool:
    page = response.content.decode()
    return response.status_code in (200, 400) and TOO_LONG in page and f"högst {limit} tecken" in page


def test_a_megabyte_of_dietary_needs_is_refused_and_no_registration_saved(client):
    event = EventFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"organisation_type": "industry", "dietary_needs": "x" * 1_000_000},
    )
    assert refused(response, 500)
    assert not Registration.objects.exists()


def test_too_long_accessibility_needs_are_refused_when_changing_a_registration(client):
    user = UserFactory()
    client.force_login(user)
    event = EventFactory()
    client.post(reverse("events:register", args=[event.slug]), {"organisation_type": "industry"})
    registration = Registration.objects.get()
    response = client.post(
        reverse("events:registration-edit", args=[registration.pk]),
        {"organisation_type": "industry", "accessibility_needs": "x" * 501},
    )
    assert refused(response, 500)
    registration.refresh_from_db()
    assert registration.accessibility_needs == ""


def test_too_long_needs_on_a_course_registration_are_refused_and_nobody_registered(client):
    company = CompanyFactory()
    client.force_login(company_contact(company))
    occasion = OccasionFactory()
    person = EmployeeFactory(company=company)
    response = client.post(
        reverse("projects:enrol", kwargs={"company_pk": company.pk, "occasion_pk": occasion.pk}),
        {"employees": [person.pk], "accessibility_needs": "x" * 501},
    )
    assert refused(response, 500)
    assert not Enrolment.objects.exists()


def test_a_too_long_job_title_is_refused_and_no_employee_saved(client):
    company = CompanyFactory()
    client.force_login(company_contact(company))
    response = client.post(
        reverse("projects:employee-add", kwargs={"company_pk": company.pk}),
        {"first_name": "Åsa", "last_name": "Berg", "email": "", "gender": "woman", "job_title": "x" * 121},
    )
    assert refused(response, 120)
    assert not Employee.objects.exists()


def test_a_stale_form_naming_someone_already_registered_says_so_by_name(client):
    """The form was opened in two tabs; the person was registered from the other one meanwhile."""
    company = CompanyFactory()
    client.force_login(company_contact(company))
    occasion = OccasionFactory()
    person = EmployeeFactory(company=company, first_name="Berit", last_name="Holm")
    EnrolmentFactory(occasion=occasion, employee=person, company=company)
    response = client.post(
        reverse("projects:enrol", kwargs={"company_pk": company.pk, "occasion_pk": occasion.pk}),
        {"employees": [person.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Redan anmäld till tillfället: Berit Holm." in page
    assert "finns inte bland" not in page
    assert Enrolment.objects.count() == 1


def request_post(school, **changes):
    data = {
        "school": school.pk,
        "group_name": "9B",
        "school_year": "9",
        "pupils": "24",
        "first_choice": future(14).isoformat(),
        "format": "on_site",
        "message": "Hej!",
    }
    data.update(changes)
    return data


def test_a_too_long_message_with_a_visit_request_is_refused_and_nothing_sent(client):
    ambassador = published_ambassador()
    school = SchoolFactory()
    client.force_login(teacher(school))
    url = reverse("ambassadors:request-visit", args=[ambassador.slug])
    response = client.post(url, request_post(school, message="x" * 2001))
    assert refused(response, 2000)
    assert not VisitRequest.objects.exists()


def test_a_too_long_message_when_declining_a_visit_is_refused_and_the_request_unchanged(client):
    request = visit_request(published_ambassador(user=UserFactory()))
    client.force_login(request.ambassador.user)
    response = client.post(
        reverse("ambassadors:request-action", args=[request.pk, "decline"]), {"decline-message": "x" * 2001}
    )
    assert refused(response, 2000)
    request.refresh_from_db()
    assert request.state == VisitRequest.State.REQUESTED
    assert VisitRequestEvent.objects.filter(visit_request=request).count() == 1  # only its creation


def test_a_too_long_feedback_comment_is_refused_and_none_saved(client):
    request = visit_request(published_ambassador(user=UserFactory()))
    request = ambassador_services.visit_request_accept(
        visit_request=request, by=request.ambassador.user, scheduled_for=timezone.now() + datetime.timedelta(days=2)
    )
    VisitRequest.objects.filter(pk=request.pk).update(scheduled_for=timezone.now() - datetime.timedelta(days=1))
    client.force_login(request.requested_by)
    response = client.post(reverse("ambassadors:feedback", args=[request.pk]), {"rating": "4", "comment": "x" * 2001})
    assert refused(response, 2000)
    assert not VisitFeedback.objects.exists()


@pytest.mark.parametrize(
    "form",
    [
        lambda text: DateTimeChoiceForm({"date": future(3).isoformat(), "time": "10:00", "message": text}),
        lambda text: MessageForm({"message": text}),
        lambda text: CancelForm({"message": text}),
        lambda text: ActionItemStatusForm({"status": "done", "outcome": text}),
    ],
    ids=["accept-or-propose", "message", "cancel", "action-item-outcome"],
)
def test_the_other_message_forms_refuse_more_than_2000_characters(form):
    assert form("x" * 2000).is_valid()
    refused_form = form("x" * 2001)
    assert not refused_form.is_valid()
    assert TOO_LONG in str(refused_form.errors)


def test_a_too_long_story_on_the_ambassador_profile_is_refused():
    ambassador = AmbassadorFactory()
    data = form_data(ambassador, story="x" * 4001)
    data["municipality"] = ambassador.municipality.pk
    for name in ("education_paths", "languages", "age_groups"):
        data[name] = [item.pk for item in data[name]]
    form = ProfileForm(data, instance=ambassador)
    assert not form.is_valid()
    assert TOO_LONG in str(form.errors["story"])
