"""Events: Industridag, conferences, mingles and follow-up meetings.

An event belongs to one or more projects (which decides who may edit it), has a programme of
sessions (plenary, panel, parallel tracks, breaks, round tables, speed-dates) with reusable
speakers, and takes registrations up to its capacity and the capacity of each track; the rest
wait in order. Round tables ("kommunbord") hand in action lists that are followed up later,
and a speed-date session keeps the plan of who meets whom at which table in which round.

Rules that span rows (capacity, waiting list, promotion) live in services.py, not here.
"""

import contextlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.images import ResizedImageField
from portal.models import Municipality, Region
from projects.richtext import RichTextField

# Path words under /evenemang/ that are not event slugs.
RESERVED_SLUGS = {"mina-anmalningar", "kalender", "kommunbord", "speed-date"}


def validate_event_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Kortnamnet %(slug)s är reserverat, välj ett annat."), params={"slug": value})


MAX_REMINDER_DAYS = 60
MAX_REMINDERS = 4


def parse_reminder_days(value: str) -> list[int]:
    """'1, 7' -> [7, 1]: the days before an event on which its participants are reminded.
    Raises ValidationError with a message for the project leader who typed it."""
    parts = [part.strip() for part in (value or "").split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise ValidationError(_("Skriv antal dagar som heltal åtskilda med kommatecken, t.ex. 7,1."), code="invalid")
    days = [int(part) for part in parts]
    if any(not 1 <= day <= MAX_REMINDER_DAYS for day in days):
        raise ValidationError(
            _("Påminnelser kan skickas 1–%(max)d dagar före evenemanget."),
            params={"max": MAX_REMINDER_DAYS},
            code="out_of_range",
        )
    if len(set(days)) != len(days):
        raise ValidationError(_("Skriv varje dag bara en gång."), code="duplicate")
    if len(days) > MAX_REMINDERS:
        raise ValidationError(
            _("Högst %(max)d påminnelser per evenemang."), params={"max": MAX_REMINDERS}, code="too_many"
        )
    return sorted(days, reverse=True)


def validate_reminder_days(value: str) -> None:
    parse_reminder_days(value)


class EventQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: published events and cancelled ones (shown as cancelled)."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(models.Model):
    class Kind(models.TextChoices):
        INDUSTRY_DAY = "industry_day", _("Industridag")
        CONFERENCE = "conference", _("Konferens")
        MINGLE = "mingle", _("Mingel")
        FOLLOW_UP = "follow_up", _("Uppföljningsmöte")
        WEBINAR = "webinar", _("Webbinarium")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publicerat")
        CANCELLED = "cancelled", _("Inställt")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("kortnamn"),
        max_length=200,
        unique=True,
        validators=[validate_event_slug],
        help_text=_("Används i adressen, t.ex. /evenemang/industridag-2015/."),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    projects = models.ManyToManyField(
        "projects.Project",
        related_name="events",
        verbose_name=_("projekt"),
        help_text=_("Projektledarna för dessa projekt kan redigera evenemanget."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("region"),
        help_text=_("Lämna tomt för nationella evenemang."),
    )
    summary = models.CharField(
        _("ingress"),
        max_length=300,
        blank=True,
        help_text=_("En eller två meningar som visas i listan över evenemang."),
    )
    # Rich text, sanitised on save with the same cleaner as project pages and news.
    description = RichTextField(_("beskrivning"), blank=True, plain_text_as_paragraphs=True)
    venue = models.CharField(
        _("plats"), max_length=200, blank=True, help_text=_("Lokalens namn, t.ex. Linköpings slott.")
    )
    address = models.CharField(_("adress"), max_length=300, blank=True)
    online_url = models.URLField(
        _("länk till digitalt möte"), blank=True, help_text=_("För webbinarier och digitalt deltagande.")
    )
    starts_at = models.DateTimeField(_("börjar"), db_index=True)
    ends_at = models.DateTimeField(_("slutar"), db_index=True)
    capacity = models.PositiveIntegerField(
        _("antal platser"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Lämna tomt om antalet platser inte är begränsat."),
    )
    registration_opens_at = models.DateTimeField(
        _("anmälan öppnar"),
        null=True,
        blank=True,
        help_text=_("Tomt: anmälan är öppen så snart evenemanget är publicerat."),
    )
    registration_closes_at = models.DateTimeField(
        _("sista anmälningsdag"), null=True, blank=True, help_text=_("Tomt: anmälan stänger när evenemanget börjar.")
    )
    reminder_days = models.CharField(
        _("påminnelser, dagar före"),
        max_length=40,
        blank=True,
        default="7,1",
        validators=[validate_reminder_days],
        help_text=_(
            "De bekräftade deltagarna får en påminnelse med kalenderfil så här många dagar före "
            "evenemanget, t.ex. 7,1. Lämna tomt för inga påminnelser."
        ),
    )
    follows_up = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("följer upp"),
        help_text=_("För uppföljningsmöten: evenemanget vars kommunbord följs upp."),
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)
    # The calendar files' SEQUENCE: bumped by the services when the event moves or is called off,
    # so calendars replace the copy they hold (portal.calendar).
    sequence = models.PositiveIntegerField(_("kalenderversion"), default=0, editable=False)
    image = ResizedImageField(_("bild"), upload_to="events/", blank=True)
    image_alt = models.CharField(
        _("bildtext för skärmläsare"),
        max_length=200,
        blank=True,
        help_text=_("Beskriv vad bilden visar. Krävs när det finns en bild."),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("evenemang")
        verbose_name_plural = _("evenemang")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Evenemanget måste sluta efter att det börjar.")
        if not self.venue and not self.online_url:
            errors["venue"] = _("Ange en plats eller en länk till det digitala mötet.")
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Skriv en bildtext så att bilden går att förstå utan att se den.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Anmälan måste stänga efter att den öppnar.")
        if self.registration_closes_at and self.starts_at and self.registration_closes_at > self.starts_at:
            errors["registration_closes_at"] = _("Anmälan kan inte stänga efter att evenemanget har börjat.")
        if self.follows_up_id and self.follows_up_id == self.pk:
            errors["follows_up"] = _("Ett evenemang kan inte följa upp sig självt.")
        if errors:
            raise ValidationError(errors)
        # "1, 7" is kept as "7,1"; an invalid value is reported by the field's validator.
        with contextlib.suppress(ValidationError):
            self.reminder_days = ",".join(str(day) for day in parse_reminder_days(self.reminder_days))

    @property
    def reminder_offsets(self) -> list[timedelta]:
        """How long before the start each reminder goes out."""
        return [timedelta(days=day) for day in parse_reminder_days(self.reminder_days)]

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_past(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    def is_fully_booked(self, now=None) -> bool:
        """Shown as full in the lists: every place taken, and not over yet. Reads the
        `confirmed_count` that selectors.events_listed annotates."""
        return bool(self.capacity) and self.confirmed_count >= self.capacity and not self.is_past(now)

    def registration_closes(self):
        """When registration closes: the given date, or when the event starts."""
        return self.registration_closes_at or self.starts_at

    def registration_state(self, now=None) -> str:
        """'open', 'not_yet', 'closed' or 'unavailable' (draft or cancelled)."""
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED:
            return "unavailable"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if now >= self.registration_closes():
            return "closed"
        return "open"

    def is_open_for_registration(self, now=None) -> bool:
        return self.registration_state(now) == "open"


class Track(models.Model):
    """A parallel track ("spår"): each participant picks one where an event has tracks."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("evenemang"))
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    capacity = models.PositiveIntegerField(
        _("antal platser"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Tomt: begränsas bara av evenemangets platser."),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("spår")
        verbose_name_plural = _("spår")
        ordering = ["event", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="track_unique_name_in_event")]

    def __str__(self):
        return self.name


class Speaker(models.Model):
    """A person on the programme. Kept once and reused across events."""

    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("roll"), max_length=200, blank=True, help_text=_("T.ex. projektledare."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("talare")
        verbose_name_plural = _("talare")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "organisation"], name="speaker_unique_name_organisation"),
        ]

    def __str__(self):
        return f"{self.name}, {self.organisation}" if self.organisation else self.name

    @property
    def byline(self) -> str:
        return ", ".join(part for part in (self.title, self.organisation) if part)


class Session(models.Model):
    """One item of the programme."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Gemensamt pass")
        PANEL = "panel", _("Panelsamtal")
        TRACK = "track", _("Spårpass")
        ROUND_TABLE = "round_table", _("Rundabordssamtal")
        SPEED_DATE = "speed_date", _("Speed-date")
        BREAK = "break", _("Paus")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("evenemang"))
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    room = models.CharField(_("lokal"), max_length=120, blank=True)
    track = models.ForeignKey(
        Track,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("spår"),
        help_text=_("Bara för spårpass."),
    )
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="sessions", verbose_name=_("talare"))
    moderator = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_sessions",
        verbose_name=_("moderator"),
    )

    class Meta:
        verbose_name = _("programpunkt")
        verbose_name_plural = _("programpunkter")
        ordering = ["event", "starts_at", "track__position", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{start:%H:%M} {self.title}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Programpunkten måste sluta efter att den börjar.")
        if self.kind == self.Kind.TRACK and not self.track_id:
            errors["track"] = _("Välj vilket spår passet hör till.")
        if self.track_id and self.kind != self.Kind.TRACK:
            errors["track"] = _("Bara spårpass hör till ett spår.")
        if self.track_id and self.event_id and self.track.event_id != self.event_id:
            errors["track"] = _("Spåret hör till ett annat evenemang.")
        if errors:
            raise ValidationError(errors)


class Registration(models.Model):
    """A person's registration for an event: confirmed, waiting in line, or cancelled.

    One row per person and event; registering again after cancelling reuses the row and joins
    the end of the line. The line is ordered by `waitlisted_at`, then id.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Bekräftad")
        WAITLISTED = "waitlisted", _("På väntelistan")
        CANCELLED = "cancelled", _("Avbokad")

    class OrganisationType(models.TextChoices):
        INDUSTRY = "industry", _("Industri- eller teknikföretag")
        SCHOOL = "school", _("Skola")
        EMPLOYMENT_SERVICE = "employment_service", _("Arbetsförmedlingen")
        PUBLIC_BODY = "public_body", _("Kommun, region eller myndighet")
        OTHER = "other", _("Annan")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("evenemang")
    )
    # Empty once the person has erased their account: the row stays, anonymised, for the statistics.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("deltagare"),
    )
    # RESTRICT: a track with registrations cannot be deleted on its own, but goes with its event.
    track = models.ForeignKey(
        Track, on_delete=models.RESTRICT, null=True, blank=True, related_name="registrations", verbose_name=_("spår")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    organisation_type = models.CharField(_("organisationstyp"), max_length=24, choices=OrganisationType.choices)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    dietary_needs = models.TextField(_("kost och allergier"), blank=True, max_length=500)
    accessibility_needs = models.TextField(_("behov av tillgänglighet"), blank=True, max_length=500)
    consent_to_list = models.BooleanField(_("visas på deltagarlistan"), default=False)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("på väntelistan sedan"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avbokad"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("närvaro registrerad"), null=True, blank=True)

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_one_per_person_and_event"),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(waitlisted_at__isnull=False),
                name="registration_waitlisted_has_time",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "track"], name="registration_capacity_idx")]

    def __str__(self):
        return f"{self.participant_name} – {self.event}"

    @property
    def participant_name(self) -> str:
        if self.user_id is None:
            return str(_("Borttagen deltagare"))
        return self.user.get_full_name() or self.user.email

    @property
    def public_name(self) -> str:
        """What other participants see: the name, never the e-mail address."""
        name = self.user.get_full_name() if self.user_id else ""
        return name or str(_("Namn saknas"))

    @property
    def sort_name(self) -> str:
        """Last name first, as on a check-in list."""
        if self.user_id is None or not self.user.last_name:
            return self.participant_name
        return f"{self.user.last_name}, {self.user.first_name}"

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def speed_date_group(self) -> str:
        return SpeedDate.group_of(self.organisation_type)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed. Whoever has the address can read it, so
    it is long and random, and can be replaced (which stops the old address working)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed", verbose_name=_("användare")
    )
    token = models.CharField(_("nyckel"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("kalenderprenumeration")
        verbose_name_plural = _("kalenderprenumerationer")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("events:feed", kwargs={"token": self.token})


class RoundTable(models.Model):
    """A municipality's table ("kommunbord") at an event, which hands in an action list."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="round_tables", verbose_name=_("evenemang"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="round_tables", verbose_name=_("kommun")
    )
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        verbose_name = _("kommunbord")
        verbose_name_plural = _("kommunbord")
        ordering = ["event", "municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "municipality"], name="round_table_one_per_municipality"),
        ]

    def __str__(self):
        return _("Kommunbord %(municipality)s") % {"municipality": self.municipality}


class RoundTableMember(models.Model):
    table = models.ForeignKey(
        RoundTable, on_delete=models.CASCADE, related_name="members", verbose_name=_("kommunbord")
    )
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("roll"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deltagare vid bordet")
        verbose_name_plural = _("deltagare vid bordet")
        ordering = ["table", "name"]

    def __str__(self):
        return self.name


class ActionItem(models.Model):
    """One promise on a table's action list: what, who, by when, and how it went."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Inte påbörjad")
        IN_PROGRESS = "in_progress", _("Pågår")
        DONE = "done", _("Genomförd")
        DROPPED = "dropped", _("Utgår")

    table = models.ForeignKey(
        RoundTable, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("kommunbord")
    )
    what = models.TextField(_("åtgärd"))
    responsible = models.CharField(_("ansvarig"), max_length=200)
    owner_email = models.EmailField(
        _("ansvarigs e-post"),
        blank=True,
        help_text=_(
            "Den ansvariga får en påminnelse på morgonen den dag åtgärden ska vara klar, liksom projektledarna."
        ),
    )
    due_on = models.DateField(_("klart senast"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED, db_index=True)
    outcome = models.TextField(_("vad som gjorts"), blank=True, max_length=2000)
    status_changed_at = models.DateTimeField(_("status ändrad"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status ändrad av"),
    )

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["table", "due_on", "pk"]

    def __str__(self):
        return self.what[:80]


class SpeedDate(models.Model):
    """The speed-date of a session: two groups meet pair by pair, one round at a time.

    Group A is industry; group B everyone else (schools, the employment service, public bodies),
    as at the summer mingle where half came from industry and half from schools and Arbetsförmedlingen.
    """

    GROUP_A = "a"
    GROUP_B = "b"
    GROUP_LABELS = {GROUP_A: _("Industri och teknik"), GROUP_B: _("Skola, Arbetsförmedlingen m.fl.")}

    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        related_name="speed_date",
        verbose_name=_("programpunkt"),
        limit_choices_to={"kind": Session.Kind.SPEED_DATE},
    )
    tables = models.PositiveSmallIntegerField(
        _("antal bord"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Tomt: ett bord per person i den mindre gruppen."),
    )
    minutes_per_round = models.PositiveSmallIntegerField(
        _("minuter per runda"), default=4, validators=[MinValueValidator(1)]
    )
    changeover_minutes = models.PositiveSmallIntegerField(_("minuter för byte"), default=1)
    planned_at = models.DateTimeField(_("planerad"), null=True, blank=True)

    class Meta:
        verbose_name = _("speed-date")
        verbose_name_plural = _("speed-dates")
        ordering = ["session__starts_at"]

    def __str__(self):
        return str(self.session)

    @classmethod
    def group_of(cls, organisation_type: str) -> str:
        return cls.GROUP_A if organisation_type == Registration.OrganisationType.INDUSTRY else cls.GROUP_B

    def round_starts_at(self, round_number: int):
        step = self.minutes_per_round + self.changeover_minutes
        return self.session.starts_at + timedelta(minutes=step * (round_number - 1))


class SpeedDateMeeting(models.Model):
    """One pair at one table in one round of a stored plan. The constraints make it impossible
    to store a plan in which someone is in two places in one round."""

    speed_date = models.ForeignKey(
        SpeedDate, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("speed-date")
    )
    round = models.PositiveSmallIntegerField(_("runda"))
    table = models.PositiveSmallIntegerField(_("bord"))
    participant_a = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="+", verbose_name=_("deltagare från industrin")
    )
    participant_b = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="+", verbose_name=_("deltagare från skola m.fl.")
    )

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["speed_date", "round", "table"]
        constraints = [
            models.UniqueConstraint(fields=["speed_date", "round", "table"], name="speed_date_one_pair_per_table"),
            models.UniqueConstraint(fields=["speed_date", "round", "participant_a"], name="speed_date_a_once_a_round"),
            models.UniqueConstraint(fields=["speed_date", "round", "participant_b"], name="speed_date_b_once_a_round"),
            models.UniqueConstraint(
                fields=["speed_date", "participant_a", "participant_b"], name="speed_date_pair_meets_once"
            ),
        ]

    def __str__(self):
        return f"{self.round}/{self.table}"
