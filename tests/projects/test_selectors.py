import datetime

import pytest

from projects.models import Project, ProjectLeader
from projects.selectors import projects_led_by
from tests.factories import CompanyFactory, UserFactory, project_leader_user, site_admin

pytestmark = pytest.mark.django_db


def make_project(name="Smart kompetens"):
    return Project.objects.create(name=name, slug=name.lower().replace(" ", "-"), owner=CompanyFactory())


def test_a_leader_sees_only_the_projects_they_lead_now():
    leader = project_leader_user()
    mine, other, handed_over = make_project("Mitt"), make_project("Annat"), make_project("Tidigare")
    ProjectLeader.objects.create(project=mine, user=leader, started_on=datetime.date(2020, 1, 1))
    ProjectLeader.objects.create(
        project=handed_over,
        user=leader,
        started_on=datetime.date(2019, 1, 1),
        ended_on=datetime.date(2020, 1, 1),
    )
    assert list(projects_led_by(leader)) == [mine]
    assert other not in projects_led_by(leader)


def test_site_admin_sees_every_project_and_anonymous_none():
    project = make_project()
    assert project in projects_led_by(site_admin())
    assert not projects_led_by(UserFactory()).exists()


def test_a_projects_current_leaders_are_those_leading_now_with_an_active_account_each_once():
    from projects.selectors import current_leaders
    from tests.projects.factories import ProjectFactory

    project, other = ProjectFactory(), ProjectFactory()
    today = datetime.date.today()
    now_a, now_b, former, inactive = (UserFactory(email=f"{n}@example.se") for n in ("b", "a", "c", "d"))
    ProjectLeader.objects.create(project=project, user=now_a)
    ProjectLeader.objects.create(project=other, user=now_a)
    ProjectLeader.objects.create(project=project, user=now_b, started_on=today - datetime.timedelta(days=9))
    ProjectLeader.objects.create(project=project, user=former, ended_on=today - datetime.timedelta(days=1))
    inactive.is_active = False
    inactive.save()
    ProjectLeader.objects.create(project=project, user=inactive)
    assert current_leaders(project) == [now_b, now_a]
    assert current_leaders(project.pk) == [now_b, now_a]
    assert current_leaders(Project.objects.filter(pk__in=[project.pk, other.pk])) == [now_b, now_a]
