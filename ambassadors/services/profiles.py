"""Profiles: creating, publishing, consent, the ambassador's own edits and the leader's approval."""

import datetime

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality, User
from portal.tasks_util import enqueue_on_commit

from ..exceptions import (
    ConsentMissing,
    ConsentTextOutdated,
    InvalidState,
    NotAllowed,
    NothingChanged,
)
from ..models import (
    AgeGroup,
    Ambassador,
    Consent,
    ConsentText,
    EducationPath,
    Feature,
    Industry,
    Language,
    Profession,
    ProfileChange,
)
from ..search import search_vectors_refresh
from ..selectors import can_manage, week_start
from .invitations import ambassador_invite_account

# What an ambassador may change in their own profile, and how each field is stored in a pending change.
SIMPLE_FIELDS = (
    "display_name",
    "headline",
    "story",
    "film_url",
    "employer",
    "offers_on_site",
    "offers_digital",
)
FOREIGN_KEYS = {"profession": Profession, "industry": Industry, "municipality": Municipality}
MANY_TO_MANY = {"education_paths": EducationPath, "languages": Language, "age_groups": AgeGroup}
PROFILE_FIELDS = SIMPLE_FIELDS + tuple(FOREIGN_KEYS) + tuple(MANY_TO_MANY)


def _delete_file_on_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def delete_photo_file(sender, instance, **kwargs) -> None:
    """post_delete receiver: remove the photo file once the deletion is committed."""
    if instance.photo:
        _delete_file_on_commit(instance.photo.storage, instance.photo.name)


def ambassador_saved(*, ambassador: Ambassador) -> None:
    """After any edit of a profile (admin, own edit, approval): keep derived data in step."""
    transaction.on_commit(lambda: search_vectors_refresh([ambassador.pk]))


def _locked(ambassador: Ambassador) -> Ambassador:
    return Ambassador.objects.select_for_update().get(pk=ambassador.pk)


def _active_consent(ambassador: Ambassador) -> Consent | None:
    return ambassador.consents.filter(withdrawn_at__isnull=True).select_related("text").first()


# --- Publishing ---------------------------------------------------------------------------------


@transaction.atomic
def ambassador_publish(*, ambassador: Ambassador, by: User) -> Ambassador:
    if not can_manage(by, ambassador):
        raise NotAllowed()
    ambassador = _locked(ambassador)
    if _active_consent(ambassador) is None:
        raise ConsentMissing()
    if ambassador.status != Ambassador.Status.PUBLISHED:
        ambassador.status = Ambassador.Status.PUBLISHED
        ambassador.published_at = timezone.now()
        ambassador.published_by = by
        ambassador.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return ambassador


@transaction.atomic
def ambassador_unpublish(*, ambassador: Ambassador, by: User) -> Ambassador:
    if not can_manage(by, ambassador):
        raise NotAllowed()
    ambassador = _locked(ambassador)
    _hide(ambassador)
    return ambassador


def _hide(ambassador: Ambassador) -> None:
    if ambassador.status != Ambassador.Status.DRAFT:
        ambassador.status = Ambassador.Status.DRAFT
        ambassador.save(update_fields=["status", "updated_at"])
    # A hidden profile cannot stay "ambassador of the week": pick someone else for this week.
    deleted, _ = Feature.objects.filter(ambassador=ambassador, week_start=week_start()).delete()
    if deleted:
        enqueue_on_commit("ambassadors.tasks.pick_featured_ambassador")


# --- Consent ------------------------------------------------------------------------------------


@transaction.atomic
def consent_give(*, ambassador: Ambassador, by: User, text: ConsentText) -> Consent:
    """The ambassador agrees, in the portal, to the text they were shown."""
    if ambassador.user_id != by.id:
        raise NotAllowed()
    ambassador = _locked(ambassador)
    current = ConsentText.current()
    if current is None or text.pk != current.pk:
        raise ConsentTextOutdated()
    existing = _active_consent(ambassador)
    if existing:
        return existing
    return Consent.objects.create(
        ambassador=ambassador,
        text=text,
        given_at=timezone.now(),
        method=Consent.Method.ONLINE,
        recorded_by=by,
    )


@transaction.atomic
def consent_record(*, ambassador: Ambassador, by: User, text: ConsentText, given_at=None) -> Consent:
    """A project leader records consent the ambassador gave in writing (e.g. a signed form)."""
    if not can_manage(by, ambassador):
        raise NotAllowed()
    ambassador = _locked(ambassador)
    given_at = given_at or timezone.now()
    if given_at > timezone.now():
        raise ConsentMissing(_("Ett samtycke kan inte vara givet i framtiden."))
    existing = _active_consent(ambassador)
    if existing:
        return existing
    return Consent.objects.create(
        ambassador=ambassador, text=text, given_at=given_at, method=Consent.Method.WRITTEN, recorded_by=by
    )


@transaction.atomic
def consent_withdraw(*, ambassador: Ambassador, by: User) -> Consent | None:
    """Withdrawing consent hides the profile at once; the leader must publish again after new consent."""
    by_ambassador = ambassador.user_id == by.id
    if not (by_ambassador or can_manage(by, ambassador)):
        raise NotAllowed()
    ambassador = _locked(ambassador)
    consent = _active_consent(ambassador)
    if consent is not None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = by
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _hide(ambassador)
    if consent is not None and by_ambassador:
        enqueue_on_commit("ambassadors.tasks.send_consent_withdrawn_mail", consent.pk)
    return consent


# --- What a project leader sets in the admin -----------------------------------------------------


@transaction.atomic
def ambassador_consent_and_publishing_update(
    *,
    ambassador: Ambassador,
    by: User,
    status: str,
    account_email: str | None = None,
    consent_text: ConsentText | None = None,
    consent_given_on: datetime.date | None = None,
    withdraw_consent: bool = False,
) -> Ambassador:
    """After a leader's edit of a profile: the account it belongs to, the written consent (recorded
    or withdrawn) and whether it is published, in that order and all or nothing, so a profile is
    never left with an account linked or consent recorded but the publishing refused.

    `account_email` None leaves the account as it is; "" unlinks it; another address is invited
    (the account is linked when the person accepts). `status` is what the leader
    chose; publishing needs consent on record (ConsentMissing)."""
    ambassador_saved(ambassador=ambassador)
    current_email = ambassador.user.email if ambassador.user_id else ""
    # The same address again (linked, or already invited) sends no second invitation.
    unchanged = account_email in (current_email, ambassador.invited_email or None)
    if account_email is not None and not unchanged:
        ambassador = ambassador_invite_account(ambassador=ambassador, email=account_email, by=by)
    if consent_given_on:
        if consent_text is None:
            raise ConsentMissing(_("Välj vilken samtyckestext ambassadören skrev under."))
        given_at = timezone.make_aware(datetime.datetime.combine(consent_given_on, datetime.time()))
        consent_record(ambassador=ambassador, by=by, text=consent_text, given_at=min(given_at, timezone.now()))
    if withdraw_consent:
        consent_withdraw(ambassador=ambassador, by=by)
    if status == Ambassador.Status.PUBLISHED and not withdraw_consent:
        ambassador = ambassador_publish(ambassador=ambassador, by=by)
    elif status == Ambassador.Status.DRAFT:
        ambassador = ambassador_unpublish(ambassador=ambassador, by=by)
    return ambassador


# --- Accounts -----------------------------------------------------------------------------------


# Linking an account: ambassadors.services.invitations (the person accepts an invitation).


# --- The ambassador's own edits ------------------------------------------------------------------


def _serialise(name: str, value):
    if name in MANY_TO_MANY:
        return sorted(item.pk for item in value)
    if isinstance(value, Model):
        return value.pk
    return value


def _current_values(ambassador: Ambassador) -> dict:
    values = {name: getattr(ambassador, name) for name in SIMPLE_FIELDS}
    values.update({name: getattr(ambassador, f"{name}_id") for name in FOREIGN_KEYS})
    for name in MANY_TO_MANY:
        values[name] = sorted(getattr(ambassador, name).values_list("pk", flat=True))
    return values


def _apply(ambassador: Ambassador, data: dict) -> None:
    for name, value in data.items():
        if name in SIMPLE_FIELDS:
            setattr(ambassador, name, value)
        elif name in FOREIGN_KEYS and FOREIGN_KEYS[name].objects.filter(pk=value).exists():
            setattr(ambassador, f"{name}_id", value)
    ambassador.save()
    for name, model in MANY_TO_MANY.items():
        if name in data:
            getattr(ambassador, name).set(model.objects.filter(pk__in=data[name]))


def _set_photo(ambassador: Ambassador, *, file=None, name: str = "") -> None:
    """Give the profile a new photo (an upload, or a file already stored) or none; the old file goes."""
    old = ambassador.photo.name
    if file is not None:
        ambassador.photo.save(file.name, file, save=False)
    else:
        ambassador.photo.name = name
    ambassador.save(update_fields=["photo", "updated_at"])
    if old and old != ambassador.photo.name:
        _delete_file_on_commit(ambassador.photo.storage, old)


@transaction.atomic
def profile_update(
    *, ambassador: Ambassador, by: User, data: dict, photo=None, clear_photo: bool = False
) -> ProfileChange | None:
    """The ambassador edits their own profile.

    An unpublished profile changes at once. A published one keeps showing what the project leader
    approved; the edits wait in a ProfileChange (one per profile, updated by further edits) until
    the leader approves them. Returns that pending change, or None when nothing waits for approval.
    """
    if ambassador.user_id != by.id:
        raise NotAllowed()
    ambassador = _locked(ambassador)
    pending = ambassador.profile_changes.filter(status=ProfileChange.Status.PENDING).first()
    current = _current_values(ambassador)
    wanted = {name: _serialise(name, data[name]) for name in PROFILE_FIELDS if name in data}
    changed = {name: value for name, value in wanted.items() if current.get(name) != value}
    # The form cannot send back a photo that is waiting for approval: unless the ambassador uploads
    # a new one or removes it, the waiting photo (or the wish to remove the photo) stays.
    keep_pending_photo = photo is None and not clear_photo and pending is not None
    pending_photo = pending.photo.name if keep_pending_photo and pending.photo else ""
    remove_photo = (clear_photo and photo is None and bool(ambassador.photo)) or (
        keep_pending_photo and "photo" in pending.data
    )

    if ambassador.status != Ambassador.Status.PUBLISHED:
        if not (changed or photo is not None or pending_photo or remove_photo or pending):
            raise NothingChanged()
        _apply(ambassador, changed)
        if photo is not None:
            _set_photo(ambassador, file=photo)
        elif pending_photo:
            _set_photo(ambassador, name=pending_photo)
        elif remove_photo:
            _set_photo(ambassador, name="")
        if pending is not None:  # an edit of a profile that has since been unpublished: nothing to approve
            if pending.photo.name == ambassador.photo.name:
                pending.photo = ""  # the profile uses the file now; deleting the change must not remove it
            pending.delete()
        ambassador_saved(ambassador=ambassador)
        return None

    if remove_photo:
        changed["photo"] = None
    if not (changed or photo is not None or pending_photo):
        if pending is None:
            raise NothingChanged()
        pending.delete()  # edited back to what is published: nothing is left to approve
        return None

    is_new = pending is None
    if is_new:
        pending = ProfileChange(ambassador=ambassador, submitted_by=by)
    elif pending.photo and not pending_photo:
        _delete_file_on_commit(pending.photo.storage, pending.photo.name)
        pending.photo = ""
    if photo is not None:
        pending.photo.save(photo.name, photo, save=False)
    pending.data = changed
    pending.submitted_by = by
    pending.submitted_at = timezone.now()
    pending.save()
    if is_new:
        enqueue_on_commit("ambassadors.tasks.send_profile_change_submitted_mail", pending.pk)
    return pending


def _locked_pending(change: ProfileChange) -> ProfileChange | None:
    return ProfileChange.objects.select_for_update().filter(pk=change.pk, status=ProfileChange.Status.PENDING).first()


@transaction.atomic
def profile_change_approve(*, change: ProfileChange, by: User) -> Ambassador:
    if not can_manage(by, change.ambassador):
        raise NotAllowed()
    change = _locked_pending(change)
    if change is None:
        raise InvalidState()
    ambassador = _locked(change.ambassador)
    data = dict(change.data)
    remove_photo = "photo" in data and data.pop("photo") is None
    _apply(ambassador, data)
    if change.photo:
        _set_photo(ambassador, name=change.photo.name)
        change.photo = ""  # the file now belongs to the profile
    elif remove_photo and ambassador.photo:
        _set_photo(ambassador, name="")
    _decide(change, by=by, status=ProfileChange.Status.APPROVED)
    ambassador_saved(ambassador=ambassador)
    return ambassador


@transaction.atomic
def profile_change_reject(*, change: ProfileChange, by: User, note: str = "") -> ProfileChange:
    if not can_manage(by, change.ambassador):
        raise NotAllowed()
    change = _locked_pending(change)
    if change is None:
        raise InvalidState()
    if change.photo:
        _delete_file_on_commit(change.photo.storage, change.photo.name)
        change.photo = ""
    change.decision_note = note
    _decide(change, by=by, status=ProfileChange.Status.REJECTED)
    return change


def _decide(change: ProfileChange, *, by: User, status: str) -> None:
    change.status = status
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save()
    enqueue_on_commit("ambassadors.tasks.send_profile_change_decided_mail", change.pk)


@transaction.atomic
def profile_change_discard(*, change: ProfileChange, by: User) -> None:
    """The ambassador takes back edits that are still waiting for approval."""
    if change.ambassador.user_id != by.id:
        raise NotAllowed()
    change = _locked_pending(change)
    if change is None:
        return
    change.delete()  # its photo file goes with it (delete_photo_file)


def profile_form_initial(ambassador: Ambassador, pending: ProfileChange | None) -> dict:
    """What the ambassador's form starts from: the published values with their pending edits on top."""
    values = _current_values(ambassador)
    if pending is not None:
        values.update({k: v for k, v in pending.data.items() if k != "photo"})
    return values


def reindex(queryset: QuerySet[Ambassador]) -> None:
    transaction.on_commit(lambda: search_vectors_refresh(list(queryset.values_list("pk", flat=True))))
