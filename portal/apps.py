from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from . import plugins


class PortalConfig(plugins.PortalAppConfig):
    name = "portal"
    verbose_name = _("Portalen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .pagecache import watch_models
        from .roles import sync_project_leader_group
        from .schedules import ensure_periodic_tasks

        # Connected without a sender so they run after every app's migrate; both are idempotent.
        post_migrate.connect(sync_project_leader_group, dispatch_uid="portal.sync_project_leader_group")
        post_migrate.connect(ensure_periodic_tasks, dispatch_uid="portal.ensure_periodic_tasks")
        # Stored pages for signed-out visitors are thrown away when the data they show changes.
        watch_models()
