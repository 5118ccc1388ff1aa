"""Migrations that reshape data already in use must keep it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0005_reminders_reports")]
AFTER = [("projects", "0006_vocabulary")]


@pytest.mark.django_db(transaction=True)
def test_target_groups_and_course_categories_keep_their_place_when_order_becomes_position():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        old.get_model("projects", "TargetGroup").objects.create(name="Långtidsarbetslösa", slug="lang", order=42)
        old.get_model("projects", "CourseCategory").objects.create(name="Svets", slug="svets", order=7)

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        assert new.get_model("projects", "TargetGroup").objects.get(slug="lang").position == 42
        assert new.get_model("projects", "CourseCategory").objects.get(slug="svets").position == 7
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
