# Event descriptions become rich text (events.models: sanitised on save like news).

from django.db import migrations


def plain_text_to_paragraphs(apps, schema_editor):
    """Descriptions written as plain text become escaped paragraphs, then pass the news cleaner."""
    from projects.richtext import clean_html, paragraphs_html

    Event = apps.get_model("events", "Event")
    for event in Event.objects.exclude(description="").only("pk", "description").iterator():
        html = clean_html(paragraphs_html(event.description))
        if html != event.description:
            Event.objects.filter(pk=event.pk).update(description=html)


def paragraphs_to_plain_text(apps, schema_editor):
    from django.utils.html import strip_tags

    Event = apps.get_model("events", "Event")
    for event in Event.objects.exclude(description="").only("pk", "description").iterator():
        Event.objects.filter(pk=event.pk).update(description=strip_tags(event.description))


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0005_event_sequence'),
    ]

    operations = [
        migrations.RunPython(plain_text_to_paragraphs, paragraphs_to_plain_text),
    ]
