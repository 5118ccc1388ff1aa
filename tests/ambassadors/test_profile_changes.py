"""Ambassadors edit their own profile; edits to a published profile wait for the project leader."""

import pytest
from django.urls import reverse

from ambassadors import services
from ambassadors.exceptions import NotAllowed, NothingChanged
from ambassadors.images import photo_normalise
from ambassadors.models import Ambassador, ProfileChange
from tests.ambassadors.factories import (
    AmbassadorFactory,
    LanguageFactory,
    ProfessionFactory,
    form_data,
    image_file,
    lead,
    published_ambassador,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_unpublished_profile_changes_at_once():
    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    result = services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, story="Ny text"))
    ambassador.refresh_from_db()
    assert result is None and ambassador.story == "Ny text"


def test_edits_to_a_published_profile_wait_and_the_public_sees_the_approved_version(client):
    user = UserFactory()
    ambassador = published_ambassador(user=user, story="Godkänd berättelse")
    services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, story="Ändrad berättelse"))
    ambassador.refresh_from_db()
    assert ambassador.story == "Godkänd berättelse"
    page = client.get(ambassador.get_absolute_url()).content.decode()
    assert "Godkänd berättelse" in page and "Ändrad berättelse" not in page
    change = ambassador.profile_changes.get()
    assert change.status == ProfileChange.Status.PENDING and change.data == {"story": "Ändrad berättelse"}


def test_approval_shows_the_changes_including_lists_and_tells_the_ambassador(mailoutbox, committed):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    leader = ambassador.project.leaders.get().user
    swedish, new_profession = LanguageFactory(name="Svenska"), ProfessionFactory(name="Svetsare")
    services.profile_update(
        ambassador=ambassador,
        by=user,
        data=form_data(ambassador, languages=[swedish], profession=new_profession),
    )
    with committed():
        services.profile_change_approve(change=ambassador.profile_changes.get(), by=leader)
    ambassador.refresh_from_db()
    assert list(ambassador.languages.all()) == [swedish] and ambassador.profession == new_profession
    assert ambassador.status == Ambassador.Status.PUBLISHED  # still public, now with the changes
    assert ambassador.profile_changes.get().status == ProfileChange.Status.APPROVED
    assert [m.to for m in mailoutbox] == [[user.email]] and "godkända" in mailoutbox[0].subject


def test_rejection_keeps_the_published_profile_and_says_why(mailoutbox, committed):
    user = UserFactory()
    ambassador = published_ambassador(user=user, headline="Före")
    leader = ambassador.project.leaders.get().user
    services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, headline="Efter"))
    with committed():
        services.profile_change_reject(
            change=ambassador.profile_changes.get(), by=leader, note="Skriv utan företagets interna namn."
        )
    ambassador.refresh_from_db()
    assert ambassador.headline == "Före"
    assert "Skriv utan företagets interna namn." in mailoutbox[0].body


def test_the_leader_is_told_once_about_waiting_changes(mailoutbox, committed):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    leader = ambassador.project.leaders.get().user
    with committed():
        services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, headline="Ett"))
        services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, headline="Två"))
    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert ambassador.profile_changes.get().data == {"headline": "Två"}  # one waiting change, the latest edit


def test_a_new_photo_waits_too_and_replaces_the_old_file_when_approved():
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    ambassador.photo.save("x.jpg", photo_normalise(image_file()), save=True)
    old_name = ambassador.photo.name
    services.profile_update(
        ambassador=ambassador, by=user, data=form_data(ambassador), photo=photo_normalise(image_file("PNG"))
    )
    ambassador.refresh_from_db()
    change = ambassador.profile_changes.get()
    assert ambassador.photo.name == old_name and change.photo
    new_name = change.photo.name
    services.profile_change_approve(change=change, by=ambassador.project.leaders.get().user)
    ambassador.refresh_from_db()
    assert ambassador.photo.name == new_name


def test_editing_back_to_the_published_version_leaves_nothing_to_approve():
    user = UserFactory()
    ambassador = published_ambassador(user=user, headline="Före")
    services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, headline="Efter"))
    assert services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador)) is None
    assert not ambassador.profile_changes.exists()


def test_saving_without_changes_says_so():
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    with pytest.raises(NothingChanged):
        services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador))


def test_nobody_but_the_ambassador_edits_through_the_site():
    ambassador = published_ambassador(user=UserFactory())
    with pytest.raises(NotAllowed):
        services.profile_update(ambassador=ambassador, by=UserFactory(), data=form_data(ambassador, story="x"))


def test_a_leader_of_another_project_cannot_approve():
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, story="Nytt"))
    outsider = lead(AmbassadorFactory().project)
    with pytest.raises(NotAllowed):
        services.profile_change_approve(change=ambassador.profile_changes.get(), by=outsider)


def test_the_ambassador_can_take_back_waiting_changes():
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, story="Nytt"))
    services.profile_change_discard(change=ambassador.profile_changes.get(), by=user)
    assert not ambassador.profile_changes.exists()


# --- Through the page ---------------------------------------------------------------------------


def post_data(ambassador, **changes):
    data = {
        "display_name": ambassador.display_name,
        "headline": ambassador.headline,
        "story": ambassador.story,
        "film_url": ambassador.film_url,
        "profession": ambassador.profession_id,
        "industry": ambassador.industry_id,
        "employer": ambassador.employer,
        "municipality": ambassador.municipality_id,
        "offers_on_site": "on",
        "offers_digital": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_profile_page_sends_edits_of_a_published_profile_for_approval(client):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    client.force_login(user)
    response = client.post(reverse("ambassadors:my-profile"), post_data(ambassador, story="Från sidan"), follow=True)
    assert "när projektledaren har godkänt" in response.content.decode()
    assert ambassador.profile_changes.get().data == {"story": "Från sidan"}


def test_a_bad_film_link_is_explained_and_nothing_is_saved(client):
    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    client.force_login(user)
    response = client.post(
        reverse("ambassadors:my-profile"),
        post_data(ambassador, story="Ny", film_url="https://example.com/film"),
    )
    assert response.status_code == 400
    assert "YouTube eller Vimeo" in response.content.decode()
    ambassador.refresh_from_db()
    assert ambassador.story != "Ny"


def test_a_fake_photo_is_refused_on_the_page_and_nothing_is_saved(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    client.force_login(user)
    fake = SimpleUploadedFile("jag.jpg", b"%PDF-1.4 not a photo" * 100, content_type="image/jpeg")
    response = client.post(reverse("ambassadors:my-profile"), {**post_data(ambassador, story="Ny"), "photo": fake})
    assert response.status_code == 400
    assert "ingen bild" in response.content.decode()
    ambassador.refresh_from_db()
    assert not ambassador.photo and ambassador.story != "Ny"


def test_a_real_photo_is_saved_resized_for_an_unpublished_profile(client):
    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    client.force_login(user)
    client.post(reverse("ambassadors:my-profile"), {**post_data(ambassador), "photo": image_file("PNG")})
    ambassador.refresh_from_db()
    assert ambassador.photo.name.startswith("ambassadors/photos/") and ambassador.photo.name.endswith(".jpg")


def test_choosing_no_visit_format_is_explained(client):
    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    client.force_login(user)
    data = post_data(ambassador)
    del data["offers_on_site"], data["offers_digital"]
    response = client.post(reverse("ambassadors:my-profile"), data)
    assert response.status_code == 400 and "minst en form" in response.content.decode()


def test_a_user_without_a_profile_gets_an_explanation(client):
    client.force_login(UserFactory())
    response = client.get(reverse("ambassadors:my-profile"))
    assert response.status_code == 404 and "ingen ambassadörsprofil" in response.content.decode()


def test_consent_through_the_page_and_withdrawal_with_confirmation(client):
    from ambassadors.models import ConsentText

    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    client.force_login(user)
    page = client.get(reverse("ambassadors:my-profile")).content.decode()
    assert ConsentText.current().body.splitlines()[0][:40] in page
    client.post(reverse("ambassadors:consent-give"), {"text": ConsentText.current().pk, "agree": "on"})
    assert ambassador.consents.filter(withdrawn_at__isnull=True).exists()
    assert client.get(reverse("ambassadors:consent-withdraw")).status_code == 200
    client.post(reverse("ambassadors:consent-withdraw"))
    assert not ambassador.consents.filter(withdrawn_at__isnull=True).exists()


def test_consent_needs_the_box_ticked(client):
    from ambassadors.models import ConsentText

    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    client.force_login(user)
    response = client.post(reverse("ambassadors:consent-give"), {"text": ConsentText.current().pk}, follow=True)
    assert "Kryssa i rutan" in response.content.decode()
    assert not ambassador.consents.exists()


def test_photo_files_do_not_outlive_their_profile_or_discarded_change(committed):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    ambassador.photo.save("x.jpg", photo_normalise(image_file()), save=True)
    storage, profile_photo = ambassador.photo.storage, ambassador.photo.name
    change = services.profile_update(
        ambassador=ambassador, by=user, data=form_data(ambassador), photo=photo_normalise(image_file("PNG"))
    )
    waiting_photo = change.photo.name
    with committed():
        services.profile_change_discard(change=change, by=user)
    assert storage.exists(profile_photo) and not storage.exists(waiting_photo)
    with committed():
        ambassador.delete()
    assert not storage.exists(profile_photo)


def test_a_replaced_photo_file_is_removed_after_approval(committed):
    user = UserFactory()
    ambassador = published_ambassador(user=user)
    ambassador.photo.save("x.jpg", photo_normalise(image_file()), save=True)
    storage, old = ambassador.photo.storage, ambassador.photo.name
    change = services.profile_update(
        ambassador=ambassador, by=user, data=form_data(ambassador), photo=photo_normalise(image_file("PNG"))
    )
    with committed():
        services.profile_change_approve(change=change, by=ambassador.project.leaders.get().user)
    ambassador.refresh_from_db()
    assert not storage.exists(old) and storage.exists(ambassador.photo.name)
