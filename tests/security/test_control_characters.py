"""One-line fields refuse line breaks and other control characters, in the admin and in every form
people fill in: a line break sent in an event's title (from a crafted request) made its calendar file,
and every registration for the event, answer 500. The calendar writer copes with any stored text too
(tests/events/test_calendar.py); these keep such text out in the first place."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from ambassadors.forms import ProfileForm, VisitRequestForm
from events.forms import RegistrationDetailsForm
from events.models import Event
from portal.admin_scoping import ScopedModelAdmin
from portal.forms import validate_single_line
from projects.forms import EmployeeForm
from tests.ambassadors.factories import published_ambassador
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["Industridag\nBEGIN:VALARM", "Rad\r\nX-Header: 1", "Tab\there", "Escape \x1b[31m", "Sep\u2028arator"]


def _one_line_fields(form_class, **kwargs):
    form = form_class(**kwargs)
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput)
    ], form


@pytest.mark.parametrize("value", HOSTILE)
def test_an_event_title_with_a_line_break_is_refused_in_the_admin(value):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = admin.site._registry[Event].get_form(request)
    form = form_class(data={"title": value})
    assert not form.is_valid()
    assert "Skriv texten på en rad" in " ".join(form.errors["title"])


def test_every_one_line_field_of_the_scoped_admins_refuses_control_characters():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, ScopedModelAdmin):
            continue
        names, form = _one_line_fields(model_admin.get_form(request))
        for name in names:
            assert validate_single_line in form.fields[name].validators, f"{model.__name__}.{name}"
            checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    ("form_class", "kwargs"),
    [
        (RegistrationDetailsForm, {}),
        (EmployeeForm, {}),
        (VisitRequestForm, "visit"),
        (ProfileForm, {}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_one_line_fields_people_fill_in_refuse_control_characters(form_class, kwargs):
    if kwargs == "visit":
        kwargs = {"user": UserFactory(), "ambassador": published_ambassador()}
    names, form = _one_line_fields(form_class, **kwargs)
    assert names
    for name in names:
        assert validate_single_line in form.fields[name].validators, name
        with pytest.raises(forms.ValidationError, match="Skriv texten på en rad"):
            form.fields[name].run_validators(HOSTILE[0])


def test_text_areas_keep_their_line_breaks():
    names, form = _one_line_fields(RegistrationDetailsForm)
    areas = [n for n, f in form.fields.items() if isinstance(f.widget, forms.Textarea)]
    for name in areas:
        assert validate_single_line not in form.fields[name].validators
