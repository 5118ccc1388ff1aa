"""The word lists (target groups, course categories, professions…): one base model, one admin base,
and each app's own rule for who may change them."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_headers
from django.urls import reverse

from ambassadors.models import AgeGroup, EducationPath, Industry, Language, Profession
from portal.admin import VocabularyAdmin
from portal.models import Vocabulary
from projects.models import CourseCategory, TargetGroup
from tests.ambassadors.factories import AmbassadorFactory, LanguageFactory, ProfessionFactory
from tests.factories import project_leader_user, site_admin
from tests.projects.factories import CourseCategoryFactory, CourseFactory

WORD_LISTS = [TargetGroup, CourseCategory, Industry, Profession, Language, EducationPath, AgeGroup]


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change(entry):
    return reverse(f"admin:{entry._meta.app_label}_{entry._meta.model_name}_change", args=[entry.pk])


def position_edit(entry, position) -> dict:
    """The changelist form of a list with one entry, its position changed."""
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(entry.pk),
        "form-0-position": str(position),
        "_save": "Spara",
    }


def test_every_word_list_is_built_on_the_base_and_kept_in_its_admin():
    assert {model for model in apps.get_models() if issubclass(model, Vocabulary)} == set(WORD_LISTS)
    for model in WORD_LISTS:
        assert isinstance(admin.site._registry[model], VocabularyAdmin)


@pytest.mark.django_db
def test_entries_come_by_position_and_alphabetically_within_a_position():
    for name, position in [("Tigrinja", 0), ("Arabiska", 2), ("Svenska", 0), ("Engelska", 1)]:
        LanguageFactory(name=name, position=position)
    assert [str(language) for language in Language.objects.all()] == ["Svenska", "Tigrinja", "Engelska", "Arabiska"]


@pytest.mark.django_db
def test_the_admin_list_counts_what_uses_each_entry_under_a_heading_that_says_what(client):
    robots = CourseCategoryFactory(name="Robot")
    CourseCategoryFactory(name="Truck")
    project = CourseFactory(category=robots).project
    CourseFactory(category=robots, project=project)
    client.force_login(site_admin())
    cl = client.get(changelist(CourseCategory)).context["cl"]
    assert str(list(result_headers(cl))[-1]["text"]) == "Kurser"
    assert {entry.name: entry.in_use_count for entry in cl.result_list} == {"Robot": 2, "Truck": 0}

    AmbassadorFactory(project=project, profession=ProfessionFactory(name="Svetsare"))
    cl = client.get(changelist(Profession)).context["cl"]
    assert str(list(result_headers(cl))[-1]["text"]) == "Yrkesambassadörer"
    assert {entry.name: entry.in_use_count for entry in cl.result_list}["Svetsare"] == 1


@pytest.mark.django_db
def test_site_administrators_reorder_a_list_from_the_changelist(client):
    category = CourseCategoryFactory(name="Robot", position=0)
    client.force_login(site_admin())
    response = client.post(changelist(CourseCategory), position_edit(category, 4))
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.position == 4


@pytest.mark.django_db
@pytest.mark.parametrize("model", [CourseCategory, TargetGroup, Profession, AgeGroup])
def test_project_leaders_read_the_lists_but_neither_reorder_nor_rename(client, model):
    entry = model.objects.create(name="Posten", slug="posten", position=1)
    client.force_login(project_leader_user())
    response = client.get(changelist(model))
    assert response.status_code == 200
    assert response.context["cl"].formset is None  # no position fields to edit
    assert client.post(changelist(model), position_edit(entry, 9)).status_code == 403
    client.post(change(entry), {"name": "Ändrad", "slug": "andrad", "position": "9"})
    entry.refresh_from_db()
    assert (entry.name, entry.position) == ("Posten", 1)


@pytest.mark.django_db
def test_project_leaders_add_to_the_ambassadors_lists_only(client):
    client.force_login(project_leader_user())
    assert client.get(reverse("admin:ambassadors_language_add")).status_code == 200
    assert client.get(reverse("admin:ambassadors_agegroup_add")).status_code == 403
    assert client.get(reverse("admin:projects_coursecategory_add")).status_code == 403
    assert client.get(reverse("admin:projects_targetgroup_add")).status_code == 403
