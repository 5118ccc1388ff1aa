from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portalen")
    default_auto_field = "django.db.models.BigAutoField"
    visitor_kind = "portal.selectors.visitor_kind"
    project_leader_permissions = ("portal.view_organisation", "portal.view_region", "portal.view_municipality")
    periodic_tasks = (
        ("Skicka påminnelser", "portal.tasks.send_due_reminders", {"minute": "*"}),
        ("Rensa utgångna sessioner", "portal.tasks.purge_expired_sessions", {"minute": "15", "hour": "3"}),
        (
            "Anonymisera deltagaruppgifter efter projektens slut",
            "portal.tasks.expire_participant_data",
            {"minute": "45", "hour": "3"},
        ),
    )

    def ready(self):
        from .pagecache import watch_models
        from .roles import sync_project_leader_group
        from .schedules import ensure_periodic_tasks

        # Connected without a sender so they run after every app's migrate; both are idempotent.
        post_migrate.connect(sync_project_leader_group, dispatch_uid="portal.sync_project_leader_group")
        post_migrate.connect(ensure_periodic_tasks, dispatch_uid="portal.ensure_periodic_tasks")
        # Stored pages for signed-out visitors are thrown away when the data they show changes.
        watch_models()
