"""Mail settings: optional mails can be turned off (on the page or with one click from the mail),
required ones cannot; optional mails carry RFC 8058's one-click unsubscribe, required ones do not."""

import datetime

import pytest
from django.core import mail as django_mail
from django.test import Client
from django.urls import reverse

from events import services as event_services
from portal.mail_settings import FEEDBACK, REMINDERS, read_unsubscribe_token, unsubscribe_token
from portal.models import MailOptOut, Reminder
from portal.reminders import reminders_send_due
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def registered(django_capture_on_commit_callbacks, mailoutbox):
    """A participant confirmed on an event a month ahead, reminded 7 and 1 days before."""
    user = UserFactory()
    event = EventFactory(reminder_days="7,1")
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(event=event, user=user, organisation_type="industry")
    return user, event


def test_a_reminder_carries_the_one_click_unsubscribe_and_the_settings_link(registered, mailoutbox):
    user, event = registered
    [confirmation] = mailoutbox
    mailoutbox.clear()
    reminders_send_due(now=event.starts_at - 7 * DAY)
    [reminder] = mailoutbox
    headers = reminder.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].split(">")[0].lstrip("<")
    assert url.startswith("http") and "/e-post/avbestall/" in url
    assert read_unsubscribe_token(url.rstrip("/").rsplit("/", 1)[1]) == (user, REMINDERS)
    assert url in reminder.body and reverse("portal:mail-settings") in reminder.body
    html = reminder.alternatives[0][0]
    assert reverse("portal:mail-settings") in html
    assert "List-Unsubscribe" not in confirmation.extra_headers, "a confirmation cannot be unsubscribed from"


def test_the_mailto_is_offered_when_a_mailbox_reads_it(registered, mailoutbox, settings):
    settings.UNSUBSCRIBE_MAILTO = "avbestall@kompetensportalen.se"
    _user, event = registered
    mailoutbox.clear()
    reminders_send_due(now=event.starts_at - 7 * DAY)
    links = mailoutbox[0].extra_headers["List-Unsubscribe"]
    assert links.startswith("<https://") or links.startswith("<http://")
    assert ", <mailto:avbestall@kompetensportalen.se?subject=unsubscribe%20reminders>" in links


def test_one_click_post_without_a_session_or_csrf_turns_reminders_off(registered, mailoutbox):
    user, event = registered
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("portal:unsubscribe", args=[unsubscribe_token(user, REMINDERS)]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert MailOptOut.objects.filter(user=user, kind=REMINDERS).exists()
    mailoutbox.clear()
    assert reminders_send_due(now=event.starts_at - 7 * DAY) == 0
    assert mailoutbox == []
    assert Reminder.objects.filter(user=user, status=Reminder.Status.CANCELLED).exists()


def test_required_mails_still_arrive_after_unsubscribing(registered, mailoutbox, django_capture_on_commit_callbacks):
    user, event = registered
    MailOptOut.objects.create(user=user, kind=REMINDERS)
    MailOptOut.objects.create(user=user, kind=FEEDBACK)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=event)
    [cancelled] = mailoutbox
    assert cancelled.to == [user.email]


def test_an_altered_token_is_refused(registered):
    user, _event = registered
    token = unsubscribe_token(user, REMINDERS)
    client = Client(enforce_csrf_checks=True)
    for bad in (token[:-2] + "xx", unsubscribe_token(user, "confirmations"), "gissat"):
        response = client.post(reverse("portal:unsubscribe", args=[bad]), {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 400
    assert not MailOptOut.objects.exists()


def test_opening_the_link_only_asks_and_a_form_post_needs_csrf(registered):
    user, _event = registered
    url = reverse("portal:unsubscribe", args=[unsubscribe_token(user, REMINDERS)])
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and "Ja, avbeställ" in page.content.decode()
    assert not MailOptOut.objects.exists(), "a mail scanner opening the link unsubscribes nobody"
    assert client.post(url, {}).status_code == 403
    assert not MailOptOut.objects.exists()
    csrf = page.cookies["csrftoken"].value
    done = client.post(url, {"csrfmiddlewaretoken": csrf})
    assert done.status_code == 200 and "Klart" in done.content.decode()
    assert MailOptOut.objects.filter(user=user, kind=REMINDERS).exists()


def test_the_settings_page_turns_kinds_off_and_on_again(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("portal:mail-settings")
    page = client.get(url).content.decode()
    assert "Bekräftelser" in page and 'value="reminders"' in page
    client.post(url, {"wanted": [FEEDBACK]})
    assert set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True)) == {REMINDERS}
    client.post(url, {"wanted": [FEEDBACK, REMINDERS]})
    assert not MailOptOut.objects.filter(user=user).exists()


def test_the_settings_page_cannot_turn_off_a_required_kind(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("portal:mail-settings"), {"wanted": ["confirmations"]})
    assert response.status_code == 200  # the form says the choice is not valid
    assert not MailOptOut.objects.exists()


def test_the_account_page_links_to_the_mail_settings(client):
    client.force_login(UserFactory())
    assert reverse("portal:mail-settings") in client.get(reverse("portal:account")).content.decode()


def test_mail_sent_outside_the_outbox_to_someone_who_opted_out_is_not_sent():
    from portal.mail import send_templated_mail

    user = UserFactory()
    MailOptOut.objects.create(user=user, kind=REMINDERS)
    sent = send_templated_mail(
        to=[user.email],
        template="events/email/event_reminder",
        context={"event": EventFactory(), "user": user, "days": 1},
        optional=REMINDERS,
        user=user,
    )
    assert sent == 0 and django_mail.outbox == []


def test_the_data_download_lists_the_mail_turned_off():
    from portal.privacy import user_data_export

    user = UserFactory()
    MailOptOut.objects.create(user=user, kind=REMINDERS)
    assert user_data_export(user=user)["account"]["mail_turned_off"] == [REMINDERS]
