"""'Veckans yrkesambassadör': a fair weekly rotation, unless a project leader planned the week."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse

from ambassadors import services
from ambassadors.exceptions import NotAllowed, NotPublic, WeekNotAvailable
from ambassadors.models import Feature
from ambassadors.selectors import featured_current, week_start
from ambassadors.tasks import pick_featured_ambassador
from tests.ambassadors.factories import AmbassadorFactory, lead, published_ambassador
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2027, 1, 4)


def weeks(n, start=MONDAY):
    return [start + datetime.timedelta(weeks=i) for i in range(n)]


def test_the_week_is_stored_as_its_monday():
    feature = services.featured_pick(week=datetime.date(2027, 1, 7))  # a Thursday
    assert feature is None  # nobody published yet
    published_ambassador()
    assert services.featured_pick(week=datetime.date(2027, 1, 7)).week_start == MONDAY


def test_over_many_weeks_everyone_is_featured_equally_often_and_in_turn():
    ambassadors = [published_ambassador() for _ in range(7)]
    picks = [services.featured_pick(week=week).ambassador_id for week in weeks(70)]
    assert Counter(picks) == {a.pk: 10 for a in ambassadors}
    # Round by round: nobody comes back before everyone else has had a turn.
    for start in range(0, 70, 7):
        assert len(set(picks[start : start + 7])) == 7


def test_a_newly_published_ambassador_is_featured_next():
    for _ in range(3):
        published_ambassador()
    for week in weeks(5):
        services.featured_pick(week=week)
    newcomer = published_ambassador()
    assert services.featured_pick(week=MONDAY + datetime.timedelta(weeks=5)).ambassador == newcomer


def test_ties_are_broken_by_a_fair_draw_not_by_database_order():
    ambassadors = [published_ambassador() for _ in range(4)]
    firsts = Counter()
    for week in weeks(400, start=datetime.date(2030, 1, 7)):
        firsts[services.featured_pick(week=week).ambassador_id] += 1
        Feature.objects.filter(week_start=week).delete()  # everyone tied again for the next draw
    assert set(firsts) == {a.pk for a in ambassadors}
    assert all(60 <= count <= 140 for count in firsts.values()), firsts  # about 100 each


def test_the_draw_is_the_same_when_the_task_runs_twice_in_a_week():
    for _ in range(5):
        published_ambassador()
    first = services.featured_pick(week=MONDAY)
    again = services.featured_pick(week=MONDAY + datetime.timedelta(days=3))
    assert first.pk == again.pk and Feature.objects.count() == 1


def test_a_planned_week_is_kept():
    chosen = published_ambassador()
    published_ambassador()
    leader = chosen.project.leaders.get().user
    services.feature_plan(week=week_start() + datetime.timedelta(weeks=1), ambassador=chosen, by=leader)
    feature = services.featured_pick(week=week_start() + datetime.timedelta(weeks=1))
    assert feature.ambassador == chosen and feature.planned_by == leader


def test_someone_planned_for_a_later_week_is_not_also_picked_now():
    planned = published_ambassador()  # never featured, so first in line were the plan not counted
    other = published_ambassador()
    Feature.objects.create(ambassador=other, week_start=week_start() - datetime.timedelta(weeks=10))
    leader = planned.project.leaders.get().user
    services.feature_plan(week=week_start() + datetime.timedelta(weeks=3), ambassador=planned, by=leader)
    assert services.featured_pick(week=week_start()).ambassador == other


def test_a_planned_ambassador_who_is_no_longer_public_is_replaced():
    user = UserFactory()
    planned = published_ambassador(user=user)
    other = published_ambassador()
    services.feature_plan(
        week=week_start() + datetime.timedelta(weeks=1),
        ambassador=planned,
        by=planned.project.leaders.get().user,
    )
    services.consent_withdraw(ambassador=planned, by=user)
    feature = services.featured_pick(week=week_start() + datetime.timedelta(weeks=1))
    assert feature.ambassador == other and feature.planned_by is None


def test_planning_rules():
    mine = published_ambassador()
    leader = mine.project.leaders.get().user
    theirs = published_ambassador()
    with pytest.raises(WeekNotAvailable):
        services.feature_plan(week=week_start() - datetime.timedelta(weeks=1), ambassador=mine, by=leader)
    with pytest.raises(NotAllowed):
        services.feature_plan(week=week_start() + datetime.timedelta(weeks=1), ambassador=theirs, by=leader)
    unpublished = AmbassadorFactory(project=mine.project)
    with pytest.raises(NotPublic):
        services.feature_plan(week=week_start() + datetime.timedelta(weeks=1), ambassador=unpublished, by=leader)


def test_a_week_planned_by_another_leader_cannot_be_taken_over():
    first, second = published_ambassador(), published_ambassador()
    week = week_start() + datetime.timedelta(weeks=2)
    services.feature_plan(week=week, ambassador=first, by=first.project.leaders.get().user)
    with pytest.raises(WeekNotAvailable):
        services.feature_plan(week=week, ambassador=second, by=second.project.leaders.get().user)


def test_planning_the_current_week_replaces_the_automatic_pick():
    picked, wanted = published_ambassador(), published_ambassador()
    Feature.objects.create(week_start=week_start(), ambassador=picked)
    services.feature_plan(week=week_start(), ambassador=wanted, by=lead(wanted.project))
    assert featured_current().ambassador == wanted


def test_the_beat_task_picks_this_week_and_is_declared_for_beat():
    from django.apps import apps

    ambassador = published_ambassador()
    assert pick_featured_ambassador.delay().get() == ambassador.pk
    assert featured_current().ambassador == ambassador
    declared = {task for _name, task, _cron in apps.get_app_config("ambassadors").periodic_tasks}
    assert "ambassadors.tasks.pick_featured_ambassador" in declared


def test_the_beat_schedule_row_exists_after_migrate():
    from django_celery_beat.models import PeriodicTask

    assert PeriodicTask.objects.filter(task="ambassadors.tasks.pick_featured_ambassador").exists()


def test_home_page_and_ambassadors_page_show_the_current_one(client):
    ambassador = published_ambassador(display_name="Veckans Vera")
    services.featured_pick()
    for url in (reverse("portal:home"), reverse("ambassadors:list")):
        page = client.get(url).content.decode()
        assert "Veckans yrkesambassadör" in page and "Veckans Vera" in page, url
    assert ambassador.get_absolute_url() in client.get(reverse("portal:home")).content.decode()


def test_nothing_is_shown_when_the_weeks_ambassador_has_been_hidden(client):
    ambassador = published_ambassador()
    Feature.objects.create(week_start=week_start(), ambassador=ambassador)
    services.ambassador_unpublish(ambassador=ambassador, by=ambassador.project.leaders.get().user)
    assert featured_current() is None
    assert "Veckans yrkesambassadör" not in client.get(reverse("portal:home")).content.decode()


def test_coming_weeks_can_be_unplanned_but_a_week_that_has_begun_stays():
    ambassador = published_ambassador()
    leader = ambassador.project.leaders.get().user
    this_week = services.feature_plan(week=week_start(), ambassador=ambassador, by=leader)
    coming = services.feature_plan(week=week_start() + datetime.timedelta(weeks=1), ambassador=ambassador, by=leader)
    assert not services.feature_may_unplan(this_week) and services.feature_may_unplan(coming)
    assert services.features_unplan(features=Feature.objects.all()) == 1
    assert list(Feature.objects.values_list("pk", flat=True)) == [this_week.pk]
