import datetime
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from portal.models import Reminder, Role, User
from portal.privacy import user_delete
from portal.reminders import Recipient, reminders_schedule
from tests.factories import PASSWORD, CompanyFactory, UserFactory, company_contact, project_leader_user, site_admin

DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def test_a_user_downloads_their_own_data_as_json(client):
    user = company_contact(CompanyFactory(name="Verkstaden AB"), email="kalle@example.se")
    client.force_login(user)
    response = client.get(reverse("portal:data-export"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "kalle@example.se"
    assert data["account"]["roles"] == [{"role": "company_contact", "organisation": "Verkstaden AB"}]


def test_the_data_export_is_never_kept_by_a_browser_or_proxy(client):
    client.force_login(company_contact(CompanyFactory()))
    response = client.get(reverse("portal:data-export"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_data_export_needs_sign_in(client):
    assert client.get(reverse("portal:data-export")).status_code == 302


def test_deleting_the_account_needs_the_password_and_the_confirmation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("portal:account-delete"), {"password": "fel", "confirm": "on"})
    assert response.status_code == 200
    assert "Lösenordet stämmer inte." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    response = client.post(reverse("portal:account-delete"), {"password": PASSWORD})
    assert User.objects.filter(pk=user.pk).exists()


def test_a_deleted_account_is_gone_and_signed_out(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("portal:account-delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert client.get(reverse("portal:account")).status_code == 302


def test_the_change_log_is_readable_by_site_admins_only(client):
    admin_user = site_admin()
    LogEntry.objects.log_actions(user_id=admin_user.pk, queryset=[admin_user], action_flag=2, change_message="x")
    client.force_login(project_leader_user())
    assert client.get("/admin/admin/logentry/").status_code == 403
    client.force_login(admin_user)
    assert client.get("/admin/admin/logentry/").status_code == 200


def test_changes_to_people_in_the_admin_are_logged_with_who_and_what(client):
    admin_user = site_admin()
    person = UserFactory(first_name="Anna")
    client.force_login(admin_user)
    url = f"/admin/portal/user/{person.pk}/change/"
    client.post(
        url,
        {
            "email": person.email,
            "first_name": "Annika",
            "last_name": person.last_name,
            "language": "sv",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-kind": Role.Kind.AMBASSADOR,
            "roles-0-organisation": "",
        },
    )
    entry = LogEntry.objects.get(object_id=str(person.pk))
    assert entry.user == admin_user
    assert "First name" in entry.get_change_message() or "förnamn" in entry.get_change_message().lower()


@pytest.mark.parametrize("worked_in_the_admin", [False, True])
def test_a_deleted_account_leaves_no_reminders_behind(worked_in_the_admin):
    user = UserFactory(email="borta@example.se")
    target = CompanyFactory()
    reminders_schedule(
        target=target,
        kind="tests.privacy",
        anchor=timezone.now() + 10 * DAY,
        offsets=[DAY],
        recipients=[Recipient.account(user)],
    )
    if worked_in_the_admin:
        LogEntry.objects.log_actions(user_id=user.pk, queryset=[target], action_flag=2, change_message="x")
    user_delete(user=user)
    assert not Reminder.objects.exists()
