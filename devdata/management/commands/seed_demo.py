from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from devdata.demo.portal import DEMO_PASSWORD, DEMO_USERS
from portal.plugins import hooks


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        # Each app names its `seed(stdout)` in its `demo_seed` hook; apps are seeded in
        # INSTALLED_APPS order, so later apps can build on earlier ones.
        with transaction.atomic():
            for seed in hooks("demo_seed"):
                import_string(seed)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo accounts (password: {DEMO_PASSWORD}):"))
        for email, _first, _last, roles in DEMO_USERS:
            kinds = ", ".join(str(kind.label) for kind, _org in roles) or "deltagare"
            self.stdout.write(f"  {email:45} {kinds}")
