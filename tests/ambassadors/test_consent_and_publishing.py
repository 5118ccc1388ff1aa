"""A profile is public only when the project leader has published it and consent is on record."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ambassadors import services
from ambassadors.exceptions import ConsentMissing, ConsentTextOutdated, NotAllowed
from ambassadors.models import Ambassador, Consent, ConsentText, Feature
from ambassadors.selectors import week_start
from tests.ambassadors.factories import AmbassadorFactory, consent_text, lead, published_ambassador
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def is_public(ambassador):
    return Ambassador.objects.public().filter(pk=ambassador.pk).exists()


def test_a_leader_cannot_publish_without_consent():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    with pytest.raises(ConsentMissing):
        services.ambassador_publish(ambassador=ambassador, by=leader)
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.DRAFT
    assert not is_public(ambassador)


def test_consent_alone_does_not_publish():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    services.consent_record(ambassador=ambassador, by=leader, text=consent_text())
    assert not is_public(ambassador)


def test_published_with_consent_is_public_and_records_who_and_when():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    services.consent_record(ambassador=ambassador, by=leader, text=consent_text())
    services.ambassador_publish(ambassador=ambassador, by=leader)
    ambassador.refresh_from_db()
    assert is_public(ambassador)
    assert ambassador.published_by == leader and ambassador.published_at is not None


def test_consent_records_when_and_which_text_version():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    signed = timezone.now() - datetime.timedelta(days=3)
    text = ConsentText.objects.create(version="2026-2", body="Ny text", in_use_from=timezone.now())
    consent = services.consent_record(ambassador=ambassador, by=leader, text=text, given_at=signed)
    assert (consent.text.version, consent.given_at, consent.method, consent.recorded_by) == (
        "2026-2",
        signed,
        Consent.Method.WRITTEN,
        leader,
    )


def test_the_ambassador_gives_consent_to_the_text_they_were_shown():
    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    consent = services.consent_give(ambassador=ambassador, by=user, text=ConsentText.current())
    assert consent.method == Consent.Method.ONLINE and consent.text == ConsentText.current()


def test_consent_to_a_text_that_has_since_been_replaced_is_refused():
    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    shown = ConsentText.current()
    ConsentText.objects.create(version="2", body="Ändrad text", in_use_from=timezone.now())
    with pytest.raises(ConsentTextOutdated):
        services.consent_give(ambassador=ambassador, by=user, text=shown)
    assert not ambassador.consents.exists()


def test_nobody_else_can_give_consent_for_an_ambassador():
    ambassador = AmbassadorFactory(user=UserFactory())
    with pytest.raises(NotAllowed):
        services.consent_give(ambassador=ambassador, by=UserFactory(), text=ConsentText.current())


def test_consent_cannot_be_dated_in_the_future():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    with pytest.raises(ConsentMissing):
        services.consent_record(
            ambassador=ambassador,
            by=leader,
            text=consent_text(),
            given_at=timezone.now() + datetime.timedelta(days=1),
        )


def test_withdrawing_consent_hides_the_profile_at_once(client):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    assert client.get(ambassador.get_absolute_url()).status_code == 200

    services.consent_withdraw(ambassador=ambassador, by=user)

    assert not is_public(ambassador)
    assert client.get(ambassador.get_absolute_url()).status_code == 404
    assert ambassador.display_name not in client.get(reverse("ambassadors:list")).content.decode()
    consent = ambassador.consents.get()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == user


def test_new_consent_after_withdrawal_needs_the_leader_to_publish_again():
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    services.consent_withdraw(ambassador=ambassador, by=user)
    services.consent_give(ambassador=ambassador, by=user, text=ConsentText.current())
    assert not is_public(ambassador)
    assert ambassador.consents.count() == 2  # the history stays


def test_withdrawal_by_the_ambassador_tells_the_project_leader(mailoutbox, committed):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    leader = ambassador.project.leaders.get().user
    with committed():
        services.consent_withdraw(ambassador=ambassador, by=user)
    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert "återkallat" in mailoutbox[0].subject


def test_withdrawal_takes_the_profile_off_this_weeks_feature_and_someone_else_is_picked(committed):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    other = published_ambassador()
    Feature.objects.create(ambassador=ambassador, week_start=week_start())
    with committed():
        services.consent_withdraw(ambassador=ambassador, by=user)
    assert Feature.objects.get(week_start=week_start()).ambassador == other


def test_a_leader_of_another_project_can_neither_publish_nor_record_consent():
    ambassador = AmbassadorFactory()
    lead(ambassador.project)
    outsider = lead(AmbassadorFactory().project)
    with pytest.raises(NotAllowed):
        services.consent_record(ambassador=ambassador, by=outsider, text=consent_text())
    with pytest.raises(NotAllowed):
        services.ambassador_publish(ambassador=ambassador, by=outsider)


def test_a_leader_whose_period_has_ended_can_no_longer_publish():
    ambassador = AmbassadorFactory()
    former = lead(ambassador.project)
    ambassador.project.leaders.update(ended_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(NotAllowed):
        services.ambassador_publish(ambassador=ambassador, by=former)


def test_unpublishing_hides_the_profile_but_keeps_consent():
    ambassador = published_ambassador()
    leader = ambassador.project.leaders.get().user
    services.ambassador_unpublish(ambassador=ambassador, by=leader)
    assert not is_public(ambassador)
    assert ambassador.consents.filter(withdrawn_at__isnull=True).exists()


def test_only_one_active_consent_per_profile():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    first = services.consent_record(ambassador=ambassador, by=leader, text=consent_text())
    again = services.consent_record(ambassador=ambassador, by=leader, text=consent_text())
    assert first == again and ambassador.consents.count() == 1


# --- What a leader sets in the admin, all or nothing -------------------------------------------------


def test_a_leader_invites_the_account_records_consent_and_publishes_in_one_step():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    account = UserFactory(email="ambassador-konto@example.se")
    services.ambassador_consent_and_publishing_update(
        ambassador=ambassador,
        by=leader,
        status=Ambassador.Status.PUBLISHED,
        account_email=account.email,
        consent_text=consent_text(),
        consent_given_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    ambassador.refresh_from_db()
    assert is_public(ambassador) and ambassador.invited_email == account.email
    # The account is the ambassador's only once they accept the invitation.
    assert ambassador.user is None and not account.roles.filter(kind="ambassador").exists()


def test_a_refused_step_leaves_the_account_consent_and_publishing_as_they_were():
    ambassador = AmbassadorFactory()
    leader = lead(ambassador.project)
    account = UserFactory(email="ambassador-konto@example.se")
    with pytest.raises(ConsentMissing):
        services.ambassador_consent_and_publishing_update(
            ambassador=ambassador,
            by=leader,
            status=Ambassador.Status.PUBLISHED,
            account_email=account.email,
            consent_text=None,  # a date, but which text was signed is missing
            consent_given_on=timezone.localdate() - datetime.timedelta(days=2),
        )
    ambassador.refresh_from_db()
    assert ambassador.user is None and not account.roles.filter(kind="ambassador").exists()
    assert ambassador.invited_email == ""
    assert not ambassador.consents.exists() and not is_public(ambassador)


def test_withdrawing_consent_in_the_admin_hides_the_profile_even_if_published_was_chosen():
    ambassador = published_ambassador()
    leader = ambassador.project.leaders.current().first().user
    services.ambassador_consent_and_publishing_update(
        ambassador=ambassador, by=leader, status=Ambassador.Status.PUBLISHED, withdraw_consent=True
    )
    assert not is_public(ambassador)
