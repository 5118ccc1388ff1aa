import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import import_string

from devdata.synthetic.portal import EMAIL_DOMAIN, PASSWORD, Synthetic, already_generated
from portal.plugins import hooks


class Command(BaseCommand):
    help = (
        "Fill the database with realistic synthetic data for benchmarks. Scale 1: 5 projects, 70 companies, "
        "5 000 employees, 1 200 courses, 3 000 occasions, 30 000 course registrations, 500 ambassadors, "
        "50 events with 140 registrations each; scale 10 is ten times that. The same seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = the size above (fractions allowed)")
        parser.add_argument("--seed", type=int, default=2026, help="seed of the random choices")

    def handle(self, *args, scale, seed, **options):
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if already_generated():
            raise CommandError(
                f"This database already has synthetic data (accounts @{EMAIL_DOMAIN}). "
                "Generate into an empty (or demo-only) database, e.g. after `manage.py flush`."
            )
        started = time.perf_counter()
        run = Synthetic(scale=scale, seed=seed, stdout=self.stdout)
        # Each app names its `generate(run)` in its `synthetic_generate` hook, called in INSTALLED_APPS
        # order so that later apps build on what earlier ones made (as seed_demo does).
        # One transaction: an interrupted run leaves nothing behind.
        with transaction.atomic():
            for generate in hooks("synthetic_generate"):
                import_string(generate)(run)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner would plan for the empty tables it last saw.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data at scale {scale:g} generated in {time.perf_counter() - started:.1f} s. "
                f"Every account @{EMAIL_DOMAIN} signs in with the password {PASSWORD}."
            )
        )
