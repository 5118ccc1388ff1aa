"""A project's own settings, as its leaders change them in the admin."""

from django.db import transaction
from django.utils import timezone

from portal.tasks_util import enqueue_on_commit

from ..models import Enrolment, Occasion, Project
from ..reminders import occasion_reminders_sync
from .enrolment import _lock_occasion


@transaction.atomic
def project_save(*, project: Project) -> None:
    """Save a project. When its reminder days changed, the reminders of its occasions still to
    come are brought in step afterwards, in a task (a project may have hundreds of occasions with
    seats taken): the days no longer wanted stop, the new ones are scheduled."""
    changed = (
        project.pk is not None
        and Project.objects.filter(pk=project.pk).exclude(reminder_days=project.reminder_days).exists()
    )
    project.save()
    if changed:
        enqueue_on_commit("projects.tasks.sync_project_reminders", project.pk)


def project_reminders_sync(*, project_id: int, now=None) -> int:
    """Bring the reminders of the project's occasions still to come with confirmed seats in step
    with its reminder days; returns how many occasions were gone through."""
    now = now or timezone.now()
    occasion_ids = (
        Occasion.objects.filter(
            course__project_id=project_id, starts_at__gt=now, enrolments__status=Enrolment.Status.CONFIRMED
        )
        .order_by("starts_at")
        .values_list("pk", flat=True)
        .distinct()
    )
    count = 0
    for occasion_id in list(occasion_ids):
        # One occasion at a time, locked as registrations lock it: no long lock over the project.
        with transaction.atomic():
            occasion_reminders_sync(occasion=_lock_occasion(occasion_id), now=now)
        count += 1
    return count
