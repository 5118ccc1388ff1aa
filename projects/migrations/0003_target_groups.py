from django.db import migrations

# The groups the design names; further groups can be added in the admin.
TARGET_GROUPS = [
    ("unga", "Unga", 1),
    ("nyanlanda", "Nyanlända", 2),
    ("arbetslosa", "Arbetslösa", 3),
    ("karriarvaxlare", "Karriärväxlare", 4),
]


def create_target_groups(apps, schema_editor):
    TargetGroup = apps.get_model("projects", "TargetGroup")
    for slug, name, order in TARGET_GROUPS:
        TargetGroup.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_project_pages_courses_enrolments")]

    operations = [migrations.RunPython(create_target_groups, migrations.RunPython.noop)]
