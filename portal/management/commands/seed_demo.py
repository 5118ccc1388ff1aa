from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        # Each app keeps its own demo data in `<app>/demo.py` with a `seed(stdout)` function;
        # apps are seeded in INSTALLED_APPS order, so later apps can build on earlier ones.
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name.startswith("django") or find_spec(module_name) is None:
                    continue
                import_module(module_name).seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo accounts (password: {DEMO_PASSWORD}):"))
        for email, _first, _last, roles in DEMO_USERS:
            kinds = ", ".join(str(kind.label) for kind, _org in roles) or "deltagare"
            self.stdout.write(f"  {email:45} {kinds}")
