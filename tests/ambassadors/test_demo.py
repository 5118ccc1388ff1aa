import io

import pytest
from django.core.management import call_command

from ambassadors.models import Ambassador, Feature, VisitRequest

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_about_twenty_published_ambassadors_with_photos_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Ambassador.objects.count(), VisitRequest.objects.count(), Feature.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Ambassador.objects.count(), VisitRequest.objects.count(), Feature.objects.count()) == counts

    public = Ambassador.objects.public()
    assert 18 <= public.count() <= 24
    assert all(a.photo and a.photo.storage.exists(a.photo.name) for a in public)
    assert public.values("municipality__region").distinct().count() == 6
    professions = set(public.values_list("profession__name", flat=True))
    assert {"CNC-operatör", "Automationstekniker", "Svetsare", "Produktionstekniker"} <= professions
    demo = Ambassador.objects.get(user__email="ambassador@demo.kompetensportalen.se")
    assert demo.consents.filter(withdrawn_at__isnull=True).exists()
    assert Feature.objects.exists()


def test_the_age_groups_and_first_consent_text_code_reads_are_those_the_migration_put_in():
    from importlib import import_module

    from ambassadors import vocabularies

    migration = import_module("ambassadors.migrations.0002_age_groups_and_first_consent_text")
    assert (migration.AGE_GROUPS, migration.CONSENT_TEXT) == (vocabularies.AGE_GROUPS, vocabularies.CONSENT_TEXT)
