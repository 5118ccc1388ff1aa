"""Deleting an occasion: only one nobody registered for, and its reminders go with it."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from portal.models import Reminder
from projects.models import Enrolment, Occasion
from projects.services.enrolment import enrolment_cancel
from projects.services.errors import OccasionHasEnrolments
from projects.services.occasions import occasion_delete

from .factories import EnrolmentFactory, OccasionFactory

pytestmark = pytest.mark.django_db


def test_an_occasion_nobody_registered_for_is_deleted_with_its_pending_reminders():
    occasion = OccasionFactory()
    reminder = Reminder.objects.create(
        kind="projects.occasion.company",
        content_type=ContentType.objects.get_for_model(occasion),
        object_id=occasion.pk,
        recipient="kontakt@example.se",
        offset=datetime.timedelta(days=1),
        anchor=occasion.starts_at,
        due_at=occasion.starts_at,
        next_attempt_at=occasion.starts_at,
    )
    occasion_delete(occasion=occasion)
    assert not Occasion.objects.filter(pk=occasion.pk).exists()
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.CANCELLED


def test_an_occasion_with_registrations_even_cancelled_ones_is_kept():
    enrolment = EnrolmentFactory()
    enrolment_cancel(enrolment=enrolment, by=None, enforce_deadline=False)
    with pytest.raises(OccasionHasEnrolments):
        occasion_delete(occasion=enrolment.occasion)
    assert Occasion.objects.filter(pk=enrolment.occasion_id).exists()
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
