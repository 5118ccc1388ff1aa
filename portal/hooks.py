from django.apps import apps


def app_hooks(attribute: str):
    """The dotted-path hooks that apps declare on their AppConfig under `attribute`, in app order."""
    for config in apps.get_app_configs():
        hook = getattr(config, attribute, None)
        if hook:
            yield hook
