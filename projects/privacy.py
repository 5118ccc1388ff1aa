"""Personal data in the projects app, for the portal's account export and erasure.

The portal calls `export(user)` and `erase(user)` for every app whose AppConfig names this module
(`privacy`). Staff lists belong to the companies that keep them: an employee row with the user's
address is exported (with its course history) but is neither changed nor removed when the account
is erased; the company contact removes people from the staff list.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.privacy import export_moment

from .models import CompetenceNeed, Employee, Enrolment, NewsPost, ProjectLeader


def export(user) -> dict:
    employee_rows = Employee.objects.filter(email__iexact=user.email, removed_at__isnull=True).select_related("company")
    return {
        "project_leaderships": [
            {
                "project": leader.project.name,
                "title": leader.title,
                "from": export_moment(leader.started_on),
                "to": export_moment(leader.ended_on),
            }
            for leader in ProjectLeader.objects.filter(user=user).select_related("project")
        ],
        "news_written": [
            {"project": post.project.name, "title": post.title, "published_at": export_moment(post.published_at)}
            for post in NewsPost.objects.filter(author=user).select_related("project")
        ],
        "registrations_made": Enrolment.objects.filter(registered_by=user).count(),
        "competence_needs_updated": CompetenceNeed.objects.filter(updated_by=user).count(),
        "on_staff_lists": [
            {
                "company": employee.company.name,
                "first_name": employee.first_name,
                "last_name": employee.last_name,
                "gender": employee.gender,
                "job_title": employee.job_title,
                "courses": [
                    {
                        "course": e.occasion.course.title,
                        "starts_at": export_moment(e.occasion.starts_at),
                        "status": e.status,
                        "attended": e.attended,
                        "hours": str(e.hours) if e.hours is not None else None,
                        "accessibility_needs": e.accessibility_needs,
                    }
                    for e in employee.enrolments.select_related("occasion__course")
                ],
            }
            for employee in employee_rows
        ],
    }


def erase(user) -> None:
    """Unlink the user from what stays (news, registrations they made) and drop their leaderships.

    The foreign keys to the user are SET_NULL except the leadership periods, which name the person
    and so go with the account.
    """
    ProjectLeader.objects.filter(user=user).delete()
    NewsPost.objects.filter(author=user).update(author=None)
    Enrolment.objects.filter(registered_by=user).update(registered_by=None)
    Enrolment.objects.filter(cancelled_by=user).update(cancelled_by=None)
    CompetenceNeed.objects.filter(updated_by=user).update(updated_by=None)


@transaction.atomic
def expire(*, ended_before: datetime.date) -> int:
    """Cut the link between people and their courses in projects that ended before the date.

    The staff list is the company's and stays as it is. What goes is who took which course: each
    person's enrolments in such a project move to a nameless stand-in (same company and gender, off
    the staff list), one per person and project, so the project's figures (companies reached,
    people trained, hours, gender balance) count exactly as before. Returns the enrolments moved.
    """
    now = timezone.now()
    expired = Enrolment.objects.filter(
        occasion__course__project__ends_on__lt=ended_before,
        employee__removed_at__isnull=True,  # people taken off a staff list are nameless already
    )
    pairs = list(expired.values_list("employee_id", "occasion__course__project_id").distinct().order_by())
    people = Employee.objects.in_bulk({employee_id for employee_id, _project in pairs})
    moved = 0
    for employee_id, project_id in pairs:
        person = people[employee_id]
        stand_in = Employee.objects.create(
            company_id=person.company_id, first_name="", last_name="", gender=person.gender, removed_at=now
        )
        moved += expired.filter(employee_id=employee_id, occasion__course__project_id=project_id).update(
            employee=stand_in, registered_by=None, cancelled_by=None
        )
    return moved
