"""The admin's one scoping rule (portal.admin_scoping), beyond the access matrix in tests/security."""

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from events.models import Event, Registration
from portal.admin_scoping import ScopedModelAdmin, is_site_admin
from portal.models import Organisation
from projects.models import Course, ProjectLeader
from tests.events.factories import EventFactory, ProjectFactory
from tests.factories import UserFactory, project_leader_user, site_admin

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_a_switched_off_superuser_is_no_site_administrator():
    assert is_site_admin(site_admin())
    assert not is_site_admin(site_admin(is_active=False))


def test_an_admin_without_a_path_to_the_projects_is_refused_at_start():
    class Unscoped(ScopedModelAdmin):
        pass

    class Elsewhere(ScopedModelAdmin):
        scope = "region"

    with pytest.raises(ImproperlyConfigured):
        Unscoped(Course, admin.site)
    with pytest.raises(ImproperlyConfigured):
        Elsewhere(Organisation, admin.site)


def test_an_event_in_two_of_a_leaders_projects_is_listed_once():
    leader = project_leader_user()
    first, second = ProjectFactory(), ProjectFactory()
    for project in (first, second):
        ProjectLeader.objects.create(project=project, user=leader)
    event = EventFactory()
    event.projects.set([first, second])
    rows = admin.site._registry[Event].get_queryset(_request(leader))
    assert list(rows.values_list("pk", flat=True)) == [event.pk]


def test_a_leader_choosing_a_project_is_offered_only_their_own():
    leader = project_leader_user()
    own, other = ProjectFactory(), ProjectFactory()
    ProjectLeader.objects.create(project=own, user=leader)
    model_admin = admin.site._registry[Event]
    field = model_admin.formfield_for_manytomany(Event._meta.get_field("projects"), _request(leader))
    assert list(field.queryset) == [own]
    everyone = model_admin.formfield_for_manytomany(Event._meta.get_field("projects"), _request(site_admin()))
    assert set(everyone.queryset) >= {own, other}


def test_actions_run_only_on_rows_in_scope_whatever_queryset_they_are_given():
    leader = project_leader_user()
    own, other = ProjectFactory(), ProjectFactory()
    ProjectLeader.objects.create(project=own, user=leader)
    mine, theirs = EventFactory(), EventFactory()
    mine.projects.set([own])
    theirs.projects.set([other])
    seen = []
    model_admin = admin.site._registry[Registration]
    action = model_admin._scoped_action(lambda modeladmin, request, queryset: seen.extend(queryset))
    registrations = [
        Registration.objects.create(event=event, user=UserFactory(), organisation_type="industry")
        for event in (mine, theirs)
    ]
    action(model_admin, _request(leader), Registration.objects.all())
    assert seen == registrations[:1]
