from django.utils.translation import gettext_lazy as _

from portal import plugins


class ProjectsConfig(plugins.PortalAppConfig):
    """Its hooks into the portal are in projects/hooks.py."""

    name = "projects"
    verbose_name = _("Projekt och kurser")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        super().ready()
        # Keeps the catalogue's full-text table (SQLite) in step with the courses.
        from .search import connect_signals

        connect_signals()
