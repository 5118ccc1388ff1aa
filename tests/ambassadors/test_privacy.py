"""Personal data: export for the user, and what happens when a user deletes their account."""

import datetime
import json

import pytest
from django.utils import timezone

from ambassadors import privacy, services
from ambassadors.models import Ambassador, VisitRequest
from tests.ambassadors.factories import at, future, published_ambassador, visit_request
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_profile_consents_and_requests_and_is_json():
    user = UserFactory()
    ambassador = published_ambassador(user=user, story="Min berättelse", contact_phone="070-1")
    request = visit_request(message="Hej från klassen")
    data = privacy.export(user)
    assert data["profile"]["story"] == "Min berättelse" and data["profile"]["contact_phone"] == "070-1"
    assert data["profile"]["consents"][0]["text_version"] == ambassador.consents.get().text.version
    teacher_data = privacy.export(request.requested_by)
    assert teacher_data["visit_requests_sent"][0]["message"] == "Hej från klassen"
    json.dumps(data)
    json.dumps(teacher_data)


def test_a_teacher_leaving_withdraws_open_requests_cancels_coming_visits_and_tells_the_ambassadors(
    mailoutbox, committed
):
    open_request = visit_request(published_ambassador(user=UserFactory()))
    teacher = open_request.requested_by
    school = open_request.school
    booked = visit_request(published_ambassador(user=UserFactory()), requester=teacher, school=school)
    services.visit_request_accept(visit_request=booked, by=booked.ambassador.user, scheduled_for=at(future(9)))
    mailoutbox.clear()
    with committed():
        privacy.erase(teacher)
        teacher.delete()
    open_request.refresh_from_db()
    booked.refresh_from_db()
    assert (open_request.state, booked.state) == (VisitRequest.State.WITHDRAWN, VisitRequest.State.CANCELLED)
    assert open_request.requested_by is None and open_request.message == ""
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [open_request.ambassador.user.email, booked.ambassador.user.email]
    )


def test_a_visit_that_took_place_stays_for_the_statistics():
    request = visit_request(published_ambassador(user=UserFactory()))
    services.visit_request_accept(visit_request=request, by=request.ambassador.user, scheduled_for=at(future(3)))
    VisitRequest.objects.filter(pk=request.pk).update(scheduled_for=timezone.now() - datetime.timedelta(days=5))
    teacher = request.requested_by
    privacy.erase(teacher)
    teacher.delete()
    request.refresh_from_db()
    assert request.state == VisitRequest.State.ACCEPTED and request.requested_by is None


def test_an_ambassador_leaving_hides_their_profile_at_once():
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    privacy.erase(user)
    user.delete()
    ambassador.refresh_from_db()
    assert ambassador.user is None
    assert not Ambassador.objects.public().filter(pk=ambassador.pk).exists()


def test_the_app_gives_its_privacy_hooks():
    from django.apps import apps

    config = apps.get_app_config("ambassadors")
    assert (config.privacy_export, config.privacy_erase, config.privacy_expire) == (
        privacy.export,
        privacy.erase,
        privacy.expire,
    )
