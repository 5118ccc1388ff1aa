from django.utils.translation import gettext_lazy as _

from portal import plugins


class ProjectsConfig(plugins.PortalAppConfig):
    """Its hooks into the portal are in projects/hooks.py."""

    name = "projects"
    verbose_name = _("Projekt och kurser")
    default_auto_field = "django.db.models.BigAutoField"
