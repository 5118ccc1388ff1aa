"""Reads about projects that pages, admin and reports share."""

from django.db.models import QuerySet

from .models import Project, ProjectLeader


def projects_led_by(user) -> QuerySet[Project]:
    """The projects a user may edit in the admin: all for site administrators, else those they lead now."""
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    led = ProjectLeader.objects.current().filter(user=user).values("project_id")
    return Project.objects.filter(pk__in=led)
