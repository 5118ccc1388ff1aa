from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekt och kurser")
    default_auto_field = "django.db.models.BigAutoField"
