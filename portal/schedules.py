"""Beat schedules kept in the database (django-celery-beat), so they can be edited in the admin.

Each app lists its periodic tasks in its hook `periodic_tasks` (see portal.plugins): tuples of
(name, task path, crontab fields). Missing rows are created after migrate; rows that exist are
left alone, so a schedule changed in the admin stays changed.
"""

from django.conf import settings

from .plugins import hooks


def ensure_periodic_tasks(**kwargs) -> int:
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    created = 0
    for schedules in hooks("periodic_tasks"):
        for name, task, cron in schedules:
            if PeriodicTask.objects.filter(name=name).exists():
                continue
            fields = {"minute": "*", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **cron}
            schedule, _ = CrontabSchedule.objects.get_or_create(timezone=settings.TIME_ZONE, **fields)
            PeriodicTask.objects.create(name=name, task=task, crontab=schedule)
            created += 1
    return created
