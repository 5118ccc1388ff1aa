from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development data (see the package's docstring): its management commands, nothing else."""

    name = "devdata"
    verbose_name = "Development data"
