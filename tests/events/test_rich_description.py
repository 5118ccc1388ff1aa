"""Event descriptions are rich text, sanitised on save with the same cleaner as news."""

import importlib

import pytest
from django.apps import apps as django_apps

from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def test_scripts_styles_and_handlers_never_reach_the_page(client):
    event = EventFactory(
        description='<h2>Program</h2><p onclick="x()" style="color:red">Hej <strong>alla</strong>'
        '<script>alert(1)</script></p><a href="javascript:alert(1)">länk</a>'
    )
    event.refresh_from_db()
    assert event.description.startswith("<h2>Program</h2><p>Hej <strong>alla</strong>")
    for bad in ("script", "onclick", "style=", "javascript:"):
        assert bad not in event.description
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<h2>Program</h2>" in page and "alert(1)" not in page


def test_plain_text_keeps_its_paragraphs_and_is_escaped():
    plain = EventFactory(description="Första stycket & mer.\n\nAndra stycket\nrad två")
    plain.refresh_from_db()
    assert plain.description == "<p>Första stycket &amp; mer.</p>\n\n<p>Andra stycket<br>rad två</p>"


def test_the_migration_turns_stored_plain_text_into_paragraphs():
    event = EventFactory()
    migration = importlib.import_module("events.migrations.0006_rich_description")
    Event.objects.filter(pk=event.pk).update(description="Ett stycke.\n\nTvå")
    migration.plain_text_to_paragraphs(django_apps, None)
    event.refresh_from_db()
    assert event.description == "<p>Ett stycke.</p>\n\n<p>Två</p>"


def test_the_migration_cleans_stored_markup_like_the_news_cleaner():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(description="<p>Hej<script>x()</script> <b>fet</b></p>")
    importlib.import_module("events.migrations.0006_rich_description").plain_text_to_paragraphs(django_apps, None)
    event.refresh_from_db()
    assert event.description == "<p>Hej fet</p>"
