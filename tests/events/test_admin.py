"""The admin for project leaders: scoped to the events of the projects they lead, both ways."""

import csv
import datetime
import io

import pytest
from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from events.models import ActionItem, Event, Registration
from tests.factories import UserFactory, site_admin

from .factories import (
    ActionItemFactory,
    EventFactory,
    ProjectFactory,
    RegistrationFactory,
    RoundTableFactory,
    SpeedDateFactory,
    TrackFactory,
    leader_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine():
    """A leader, their project and its event, plus another project's event they must not touch."""
    project = ProjectFactory(name="Smart kompetens")
    leader = leader_of(project)
    event = EventFactory(title="Mitt evenemang", projects=[project], capacity=3)
    other = EventFactory(title="Någon annans evenemang", projects=[ProjectFactory()])
    return leader, project, event, other


@pytest.fixture
def leader_client(client, mine):
    client.force_login(mine[0])
    return client


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def post_data_of(response) -> dict:
    """The data the admin change form would post back unchanged, inlines included."""
    data = {}

    def add(form):
        for bound in form:
            widget = bound.field.widget
            widget = getattr(widget, "widget", widget)  # unwrap the admin's related-field wrapper
            value = bound.value()
            if isinstance(widget, forms.MultiWidget):
                parts = value if isinstance(value, list) else widget.decompress(value)
                for suffix, sub, part in zip(widget.widgets_names, widget.widgets, parts, strict=True):
                    data[bound.html_name + suffix] = sub.format_value(part) or ""
            elif isinstance(widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = "" if value is None else widget.format_value(value) or ""

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def select_action(action, *objects, **extra):
    return {"action": action, ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects], **extra}


# --- Events -------------------------------------------------------------------------------------


def test_a_leader_sees_only_the_events_of_their_projects(leader_client, mine):
    response = leader_client.get(reverse("admin:events_event_changelist"))
    assertContains(response, "Mitt evenemang")
    assertNotContains(response, "Någon annans evenemang")


def test_another_projects_event_cannot_be_opened_or_changed(leader_client, mine):
    _leader, _project, _event, other = mine
    assert leader_client.get(change_url(other)).status_code == 302  # the admin's "does not exist"
    leader_client.post(change_url(other), {"title": "Kapad"})
    other.refresh_from_db()
    assert other.title == "Någon annans evenemang"
    url = reverse("admin:events_event_checkin", args=[other.pk])
    assert leader_client.get(url).status_code == 404


def test_a_site_administrator_sees_every_event(client, mine):
    client.force_login(site_admin())
    response = client.get(reverse("admin:events_event_changelist"))
    assertContains(response, "Mitt evenemang")
    assertContains(response, "Någon annans evenemang")


def test_a_leader_can_only_pick_their_own_projects(leader_client, mine):
    _leader, project, _event, _other = mine
    response = leader_client.get(reverse("admin:events_event_add"))
    assert list(response.context["adminform"].form.fields["projects"].queryset) == [project]


def test_a_leader_cannot_save_an_event_without_one_of_their_projects(leader_client, mine):
    _leader, _project, event, other = mine
    data = post_data_of(leader_client.get(change_url(event)))
    data["projects"] = [str(other.projects.get().pk)]
    response = leader_client.post(change_url(event), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["projects"]
    assert list(event.projects.all()) != list(other.projects.all())


def test_raising_the_capacity_in_the_admin_lets_those_waiting_in(leader_client, mine):
    _leader, _project, event, _other = mine
    RegistrationFactory.create_batch(3, event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    data = post_data_of(leader_client.get(change_url(event)))
    data["capacity"] = "4"
    response = leader_client.post(change_url(event), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_the_capacity_cannot_go_below_the_confirmed_participants(leader_client, mine):
    _leader, _project, event, _other = mine
    RegistrationFactory.create_batch(3, event=event)
    data = post_data_of(leader_client.get(change_url(event)))
    data["capacity"] = "2"
    response = leader_client.post(change_url(event), data)
    assertContains(response, "Det finns redan 3 bekräftade deltagare")
    event.refresh_from_db()
    assert event.capacity == 3


def test_cancelling_an_event_in_the_admin_tells_the_participants(
    leader_client, mine, mailoutbox, django_capture_on_commit_callbacks
):
    _leader, _project, event, other = mine
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        leader_client.post(reverse("admin:events_event_changelist"), select_action("cancel_events", event, other))
    event.refresh_from_db(), other.refresh_from_db()
    assert (event.status, other.status) == (Event.Status.CANCELLED, Event.Status.PUBLISHED)
    assert len(mailoutbox) == 1


# --- Participant list, exports, attendance, tracks ----------------------------------------------


@pytest.fixture
def participants(mine):
    _leader, _project, event, other = mine
    a, b = TrackFactory(event=event, name="Spår A", capacity=2), TrackFactory(event=event, name="Spår B", capacity=2)
    anna = RegistrationFactory(
        event=event, track=a, user=UserFactory(first_name="Anna", last_name="Ek"), dietary_needs="Vegetariskt"
    )
    bo = RegistrationFactory(event=event, track=a, user=UserFactory(first_name="Bo", last_name="=HYPERLINK()"))
    waiting = RegistrationFactory(
        event=event, track=a, status="waitlisted", user=UserFactory(first_name="Cilla", last_name="Kö")
    )
    stranger = RegistrationFactory(event=other, user=UserFactory(first_name="Främling"))
    return {"a": a, "b": b, "anna": anna, "bo": bo, "waiting": waiting, "stranger": stranger}


def test_the_participant_list_holds_only_the_leaders_events(leader_client, participants):
    response = leader_client.get(reverse("admin:events_registration_changelist"))
    assertContains(response, "Anna")
    assertNotContains(response, "Främling")
    assert leader_client.get(change_url(participants["stranger"])).status_code == 302


def test_the_event_filter_offers_only_the_leaders_events(leader_client, participants):
    response = leader_client.get(reverse("admin:events_registration_changelist"))
    assertContains(response, "Mitt evenemang")
    assertNotContains(response, "Någon annans evenemang")


def test_the_participant_list_filters_by_status_and_needs(leader_client, participants):
    url = reverse("admin:events_registration_changelist")
    response = leader_client.get(url, {"status__exact": "waitlisted"})
    assert [r.pk for r in response.context["cl"].result_list] == [participants["waiting"].pk]
    response = leader_client.get(url, {"needs": "diet"})
    assert [r.pk for r in response.context["cl"].result_list] == [participants["anna"].pk]


def test_csv_export_opens_in_swedish_excel_and_defuses_formulas(leader_client, participants):
    response = leader_client.post(
        reverse("admin:events_registration_changelist"),
        select_action("export_csv", participants["anna"], participants["bo"], participants["stranger"]),
    )
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Förnamn", "Efternamn", "E-post"]
    assert sorted(row[0] for row in rows[1:]) == ["Anna", "Bo"]  # another project's participant is not exported
    assert "'=HYPERLINK()" in [row[1] for row in rows]
    assert response["Content-Disposition"].endswith('.csv"')


def test_xlsx_export_has_a_header_and_one_row_per_participant(leader_client, participants):
    response = leader_client.post(
        reverse("admin:events_registration_changelist"),
        select_action("export_xlsx", participants["anna"], participants["waiting"]),
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Förnamn" and len(rows) == 3
    waiting_row = next(row for row in rows if row[0] == "Cilla")
    assert waiting_row[5] == "På väntelistan" and waiting_row[6] == 1
    assert isinstance(rows[1][-1], datetime.datetime)


def test_the_check_in_list_shows_confirmed_participants_and_marks_them_present(leader_client, mine, participants):
    _leader, _project, event, _other = mine
    url = reverse("admin:events_event_checkin", args=[event.pk])
    response = leader_client.get(url)
    assertContains(response, "Ek, Anna")
    assertContains(response, "Vegetariskt")
    assertNotContains(response, "Cilla")
    leader_client.post(url, {"registration": participants["anna"].pk, "attended": "1"})
    participants["anna"].refresh_from_db()
    assert participants["anna"].attended
    assertContains(leader_client.get(url), "1 av 2 bekräftade deltagare är incheckade")


def test_a_registration_of_another_event_cannot_be_checked_in_from_this_list(leader_client, mine, participants):
    _leader, _project, event, _other = mine
    url = reverse("admin:events_event_checkin", args=[event.pk])
    assert leader_client.post(url, {"registration": participants["stranger"].pk, "attended": "1"}).status_code == 404


def test_marking_attendance_as_an_action(leader_client, participants):
    leader_client.post(
        reverse("admin:events_registration_changelist"),
        select_action("mark_attended", participants["anna"], participants["bo"]),
    )
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2


def test_moving_people_between_tracks_asks_for_the_track_then_moves(leader_client, participants):
    url = reverse("admin:events_registration_changelist")
    response = leader_client.post(url, select_action("move_to_track", participants["anna"]))
    assertContains(response, "Spår B")
    leader_client.post(url, select_action("move_to_track", participants["anna"], apply="1", track=participants["b"].pk))
    participants["anna"].refresh_from_db(), participants["waiting"].refresh_from_db()
    assert participants["anna"].track == participants["b"]
    # The place freed in Spår A went to the first in line for it.
    assert participants["waiting"].status == "confirmed"


def test_moving_into_a_full_track_is_refused_with_a_message(leader_client, participants):
    url = reverse("admin:events_registration_changelist")
    RegistrationFactory.create_batch(2, event=participants["b"].event, track=participants["b"])
    response = leader_client.post(
        url, select_action("move_to_track", participants["anna"], apply="1", track=participants["b"].pk), follow=True
    )
    assertContains(response, "Spår B är fullt.")
    participants["anna"].refresh_from_db()
    assert participants["anna"].track == participants["a"]


def test_people_from_different_events_cannot_be_moved_together(client, participants):
    client.force_login(site_admin())
    response = client.post(
        reverse("admin:events_registration_changelist"),
        select_action("move_to_track", participants["anna"], participants["stranger"]),
        follow=True,
    )
    assertContains(response, "ett och samma evenemang")


def test_cancelling_in_the_admin_promotes_the_waiting_list(leader_client, participants):
    leader_client.post(
        reverse("admin:events_registration_changelist"), select_action("cancel_registrations", participants["anna"])
    )
    participants["waiting"].refresh_from_db()
    assert participants["waiting"].status == "confirmed"


def test_registrations_are_not_added_or_deleted_in_the_admin(leader_client, participants):
    assert leader_client.get(reverse("admin:events_registration_add")).status_code == 403
    url = reverse("admin:events_registration_delete", args=[participants["anna"].pk])
    assert leader_client.post(url, {"post": "yes"}).status_code == 403
    assert Registration.objects.filter(pk=participants["anna"].pk).exists()


def test_someone_who_no_longer_leads_the_project_loses_access(client, mine):
    leader, project, event, _other = mine
    project.leaders.filter(user=leader).update(ended_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(leader)
    assert client.get(change_url(event)).status_code == 302


# --- Round tables and speed-dates ------------------------------------------------------------------


def test_round_tables_of_other_projects_are_out_of_reach(leader_client, mine):
    _leader, _project, event, other = mine
    RoundTableFactory(event=event, municipality__name="Motala")
    foreign = RoundTableFactory(event=other, municipality__name="Kinda")
    response = leader_client.get(reverse("admin:events_roundtable_changelist"))
    assertContains(response, "Motala")
    assertNotContains(response, "Kinda")
    assert leader_client.get(change_url(foreign)).status_code == 302


def test_changing_an_action_items_status_in_the_admin_records_who(leader_client, mine):
    leader, _project, event, _other = mine
    item = ActionItemFactory(table=RoundTableFactory(event=event))
    data = post_data_of(leader_client.get(change_url(item)))
    data["status"] = ActionItem.Status.IN_PROGRESS
    assert leader_client.post(change_url(item), data).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.status_changed_by) == ("in_progress", leader)


def test_planning_a_speed_date_and_printing_the_schedules(leader_client, mine):
    _leader, _project, event, other = mine
    speed_date = SpeedDateFactory(session__event=event)
    people = (("industry", "Ingrid"), ("industry", "Ivar"), ("school", "Sara"), ("employment_service", "Amir"))
    for kind, name in people:
        RegistrationFactory(event=event, organisation_type=kind, user=UserFactory(first_name=name))
    response = leader_client.post(
        reverse("admin:events_speeddate_changelist"), select_action("plan_confirmed", speed_date), follow=True
    )
    assertContains(response, "4 deltagare, 2 rundor vid 2 bord")
    tables = leader_client.get(reverse("admin:events_speeddate_tables", args=[speed_date.pk]))
    assertContains(tables, "Bord 2")
    people = leader_client.get(reverse("admin:events_speeddate_participants", args=[speed_date.pk]))
    assertContains(people, "Amir")
    foreign = SpeedDateFactory(session__event=other)
    assert leader_client.get(reverse("admin:events_speeddate_tables", args=[foreign.pk])).status_code == 404


def test_an_uneven_speed_date_prints_pauses(leader_client, mine):
    _leader, _project, event, _other = mine
    speed_date = SpeedDateFactory(session__event=event)
    RegistrationFactory(event=event, organisation_type="industry")
    RegistrationFactory.create_batch(2, event=event, organisation_type="school")
    leader_client.post(reverse("admin:events_speeddate_changelist"), select_action("plan_confirmed", speed_date))
    assertContains(leader_client.get(reverse("admin:events_speeddate_participants", args=[speed_date.pk])), "Paus")


def test_setting_the_status_to_cancelled_in_the_form_tells_the_participants(
    leader_client, mine, mailoutbox, django_capture_on_commit_callbacks
):
    _leader, _project, event, _other = mine
    RegistrationFactory(event=event)
    data = post_data_of(leader_client.get(change_url(event)))
    data["status"] = Event.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        assert leader_client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert len(mailoutbox) == 1 and "Inställt" in mailoutbox[0].subject


def test_a_track_with_registrations_cannot_be_deleted(leader_client, mine, participants):
    _leader, _project, event, _other = mine
    response = leader_client.get(change_url(event))
    data = post_data_of(response)
    track_prefix = next(
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model.__name__ == "Track"
    )
    index = next(
        i
        for i, form in enumerate(response.context["inline_admin_formsets"][0].formset.forms)
        if form.instance == participants["a"]
    )
    data[f"{track_prefix}-{index}-DELETE"] = "on"
    response = leader_client.post(change_url(event), data)
    # The registrations protect the track (on_delete=RESTRICT); the admin says so instead of failing.
    assertContains(response, "skyddade relaterade objekt")
    assert event.tracks.filter(pk=participants["a"].pk).exists()
