"""Career ambassadors ("yrkesambassadörer"): young industry employees who tell pupils about their work.

A profile belongs to a project, is published by the project's leader and is only public while the
ambassador's consent is recorded and not withdrawn. Teachers ask ambassadors to visit a class;
one published ambassador is featured each week.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality, Organisation, Vocabulary
from projects.models import Project

from .films import film_embed, validate_film_url

# --- Vocabulary shared by all projects ----------------------------------------------------------


class Industry(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("bransch")
        verbose_name_plural = _("branscher")


class Profession(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("yrke")
        verbose_name_plural = _("yrken")


class Language(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("språk")
        verbose_name_plural = _("språk")


class EducationPath(Vocabulary):
    """A route into industry work, e.g. Industritekniska programmet or a vocational college (YH)."""

    class Level(models.TextChoices):
        UPPER_SECONDARY = "upper_secondary", _("Gymnasieskola")
        ADULT = "adult", _("Komvux")
        VOCATIONAL_COLLEGE = "vocational_college", _("Yrkeshögskola")
        UNIVERSITY = "university", _("Högskola eller universitet")
        WORK = "work", _("Lärling eller utbildning på jobbet")

    level = models.CharField(_("nivå"), max_length=32, choices=Level.choices, default=Level.UPPER_SECONDARY)

    class Meta(Vocabulary.Meta):
        verbose_name = _("utbildningsväg")
        verbose_name_plural = _("utbildningsvägar")


class AgeGroup(Vocabulary):
    """The school stages an ambassador likes to meet. The rows come with the migrations."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("åldersgrupp")
        verbose_name_plural = _("åldersgrupper")


class ConsentText(models.Model):
    """A version of the text an ambassador agrees to. Versions are kept, never edited after use,
    so that every recorded consent says exactly what was agreed to."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    body = models.TextField(_("text"))
    in_use_from = models.DateTimeField(_("gäller från"), default=timezone.now)

    class Meta:
        verbose_name = _("samtyckestext")
        verbose_name_plural = _("samtyckestexter")
        ordering = ["-in_use_from"]
        get_latest_by = "in_use_from"

    def __str__(self):
        return _("Samtyckestext %(version)s") % {"version": self.version}

    @classmethod
    def current(cls):
        return cls.objects.filter(in_use_from__lte=timezone.now()).order_by("-in_use_from").first()


# --- Profiles -----------------------------------------------------------------------------------


# Words used in URLs under /ambassadorer/: a profile's slug must not take one of them.
RESERVED_SLUGS = frozenset({"min-profil", "forfragningar", "foto"})


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Kortnamnet används redan av portalen. Välj ett annat."), code="reserved_slug")


def photo_storage():
    """Photos live outside MEDIA_ROOT: they are handed out only by the view that checks consent and
    publication (ambassadors.views.photo), never by the web server or Django's media serving."""
    from django.core.files.storage import storages

    return storages["private"]


def photo_upload_to(instance, filename):
    # Random names: a photo's address says nothing about who is in it, and a new photo gets a new
    # address, so a cached old one is never shown under the new one's name.
    return f"ambassadors/photos/{uuid.uuid4().hex}.jpg"


class AmbassadorQuerySet(models.QuerySet):
    def with_active_consent(self):
        return self.filter(Exists(Consent.objects.filter(ambassador=OuterRef("pk"), withdrawn_at__isnull=True)))

    def public(self):
        """Profiles anyone may see: published by the project leader and with consent on record."""
        return self.filter(status=Ambassador.Status.PUBLISHED).with_active_consent()


class Ambassador(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Ej publicerad")
        PUBLISHED = "published", _("Publicerad")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="ambassadors", verbose_name=_("projekt")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ambassador_profile",
        verbose_name=_("konto"),
        help_text=_("Ambassadörens konto i portalen, om hen har ett."),
    )
    # The address a leader has invited to take the profile: the account is linked only when the
    # person accepts, signed in with this address (ambassadors.services.invitations).
    invited_email = models.EmailField(_("inbjuden adress"), blank=True)
    invited_at = models.DateTimeField(_("inbjudan skickad"), null=True, blank=True)
    display_name = models.CharField(
        _("namn som visas"),
        max_length=80,
        help_text=_("Till exempel förnamnet, eller förnamn och efternamnets initial."),
    )
    slug = models.SlugField(_("kortnamn"), max_length=120, unique=True, validators=[validate_not_reserved])
    headline = models.CharField(
        _("kort presentation"),
        max_length=160,
        blank=True,
        help_text=_("En mening som visas på kortet i sökresultaten."),
    )
    story = models.TextField(_("berättelse"), blank=True, max_length=4000)
    photo = models.ImageField(_("foto"), upload_to=photo_upload_to, storage=photo_storage, blank=True)
    film_url = models.URLField(
        _("länk till film"),
        blank=True,
        validators=[validate_film_url],
        help_text=_("En film på YouTube eller Vimeo."),
    )
    profession = models.ForeignKey(
        Profession, on_delete=models.PROTECT, related_name="ambassadors", verbose_name=_("yrke")
    )
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, related_name="ambassadors", verbose_name=_("bransch")
    )
    employer = models.CharField(_("arbetsgivare"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="ambassadors", verbose_name=_("kommun")
    )
    education_paths = models.ManyToManyField(
        EducationPath, blank=True, related_name="ambassadors", verbose_name=_("utbildningsväg")
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="ambassadors", verbose_name=_("språk"))
    age_groups = models.ManyToManyField(AgeGroup, blank=True, related_name="ambassadors", verbose_name=_("möter gärna"))
    offers_on_site = models.BooleanField(_("besök på plats"), default=True)
    offers_digital = models.BooleanField(_("digitala besök"), default=False)
    # Never shown on the public site: for the project leader to reach an ambassador without an account.
    contact_email = models.EmailField(_("e-postadress (visas aldrig)"), blank=True)
    contact_phone = models.CharField(_("telefon (visas aldrig)"), max_length=40, blank=True)

    status = models.CharField(
        _("publicering"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicerad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    # Kept up to date by ambassadors.search on PostgreSQL; unused elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = AmbassadorQuerySet.as_manager()

    class Meta:
        verbose_name = _("yrkesambassadör")
        verbose_name_plural = _("yrkesambassadörer")
        ordering = ["display_name", "pk"]
        indexes = [GinIndex(fields=["search_vector"], name="ambassador_search_gin")]
        constraints = [
            models.CheckConstraint(
                condition=Q(offers_on_site=True) | Q(offers_digital=True),
                name="ambassador_offers_some_visit_format",
                violation_error_message=_("Välj minst en form för besök: på plats eller digitalt."),
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.profession})" if self.profession_id else self.display_name

    def get_absolute_url(self):
        return reverse("ambassadors:detail", kwargs={"slug": self.slug})

    @property
    def region(self):
        return self.municipality.region

    @property
    def film(self):
        """(provider name, embed address, address to watch on the provider's site) or None."""
        return film_embed(self.film_url) if self.film_url else None

    def is_public(self) -> bool:
        """Seen by anyone now: published and with consent on record (one query)."""
        return type(self).objects.public().filter(pk=self.pk).exists()

    def current_consent(self):
        """The consent on record now (not withdrawn), or None."""
        return self.consents.filter(withdrawn_at__isnull=True).select_related("text").first()

    def photo_url(self):
        if not self.photo:
            return ""
        return reverse("ambassadors:photo", kwargs={"pk": self.pk, "filename": self.photo.name.rsplit("/", 1)[-1]})

    def visit_formats(self):
        formats = []
        if self.offers_on_site:
            formats.append(VisitRequest.Format.ON_SITE)
        if self.offers_digital:
            formats.append(VisitRequest.Format.DIGITAL)
        return formats

    @property
    def initials(self):
        return "".join(part[0] for part in self.display_name.split()[:2]).upper()


class Consent(models.Model):
    """The ambassador's consent to publish the profile: when, to which text, and how it was given."""

    class Method(models.TextChoices):
        ONLINE = "online", _("I portalen, av ambassadören")
        WRITTEN = "written", _("Skriftligt, registrerat av projektledaren")

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="consents", verbose_name=_("yrkesambassadör")
    )
    text = models.ForeignKey(
        ConsentText, on_delete=models.PROTECT, related_name="consents", verbose_name=_("samtyckestext")
    )
    given_at = models.DateTimeField(_("samtycke givet"))
    method = models.CharField(_("hur"), max_length=16, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerat av"),
    )
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("återkallat"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("återkallat av"),
    )

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambassador"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_ambassador",
            ),
        ]

    def __str__(self):
        return _("Samtycke %(date)s (version %(version)s)") % {
            "date": timezone.localtime(self.given_at).date().isoformat(),
            "version": self.text.version,
        }

    @property
    def is_active(self):
        return self.withdrawn_at is None


class ProfileChange(models.Model):
    """Changes an ambassador made to a published profile, shown once the project leader approves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på godkännande")
        APPROVED = "approved", _("Godkänd")
        REJECTED = "rejected", _("Inte godkänd")

    ambassador = models.ForeignKey(
        Ambassador,
        on_delete=models.CASCADE,
        related_name="profile_changes",
        verbose_name=_("yrkesambassadör"),
    )
    data = models.JSONField(_("ändringar"), default=dict)
    photo = models.ImageField(_("nytt foto"), upload_to=photo_upload_to, storage=photo_storage, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("inskickad av"),
    )
    submitted_at = models.DateTimeField(_("inskickad"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutad av"),
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decision_note = models.TextField(_("kommentar till ambassadören"), blank=True)

    class Meta:
        verbose_name = _("profiländring")
        verbose_name_plural = _("profiländringar")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambassador"],
                condition=Q(status="pending"),
                name="profile_change_one_pending_per_ambassador",
            ),
        ]

    def __str__(self):
        return _("Ändring av %(name)s") % {"name": self.ambassador.display_name}

    def photo_url(self):
        if not self.photo:
            return ""
        return reverse(
            "ambassadors:photo",
            kwargs={"pk": self.ambassador_id, "filename": self.photo.name.rsplit("/", 1)[-1]},
        )


# --- Ambassador of the week ---------------------------------------------------------------------


class Feature(models.Model):
    """'Veckans yrkesambassadör': one a week, planned by a project leader or picked by the rotation."""

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="features", verbose_name=_("yrkesambassadör")
    )
    week_start = models.DateField(_("vecka (måndag)"), unique=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planerad av"),
        help_text=_("Tomt när veckans ambassadör valdes automatiskt."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("veckans yrkesambassadör")
        verbose_name_plural = _("veckans yrkesambassadörer")
        ordering = ["-week_start"]

    def __str__(self):
        year, week, _day = self.week_start.isocalendar()
        return _("Vecka %(week)s %(year)s: %(name)s") % {
            "week": week,
            "year": year,
            "name": self.ambassador.display_name,
        }

    @property
    def iso_week(self):
        return self.week_start.isocalendar()[1]


# --- Visit requests -----------------------------------------------------------------------------


class VisitRequest(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", _("Väntar på svar")
        PROPOSED = "proposed", _("Nytt datum föreslaget")
        ACCEPTED = "accepted", _("Bokat")
        DECLINED = "declined", _("Nej tack")
        WITHDRAWN = "withdrawn", _("Återtagen")
        CANCELLED = "cancelled", _("Inställt")

    OPEN_STATES = (State.REQUESTED, State.PROPOSED)

    class Format(models.TextChoices):
        ON_SITE = "on_site", _("På plats i skolan")
        DIGITAL = "digital", _("Digitalt")

    class SchoolYear(models.TextChoices):
        Y1_3 = "f3", _("Förskoleklass–åk 3")
        Y4 = "4", _("Åk 4")
        Y5 = "5", _("Åk 5")
        Y6 = "6", _("Åk 6")
        Y7 = "7", _("Åk 7")
        Y8 = "8", _("Åk 8")
        Y9 = "9", _("Åk 9")
        G1 = "g1", _("Gymnasiet år 1")
        G2 = "g2", _("Gymnasiet år 2")
        G3 = "g3", _("Gymnasiet år 3")
        ADULT = "adult", _("Vuxenutbildning eller sfi")

    ambassador = models.ForeignKey(
        Ambassador, on_delete=models.CASCADE, related_name="visit_requests", verbose_name=_("yrkesambassadör")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="visit_requests",
        verbose_name=_("frågat av"),
    )
    school = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="visit_requests",
        verbose_name=_("skola"),
        limit_choices_to={"kind": Organisation.Kind.SCHOOL},
    )
    group_name = models.CharField(_("klass eller grupp"), max_length=60)
    school_year = models.CharField(_("årskurs"), max_length=8, choices=SchoolYear.choices)
    pupils = models.PositiveSmallIntegerField(
        _("antal elever"), validators=[MinValueValidator(1), MaxValueValidator(300)]
    )
    first_choice = models.DateField(_("önskat datum"))
    second_choice = models.DateField(_("andrahandsdatum"), null=True, blank=True)
    third_choice = models.DateField(_("tredjehandsdatum"), null=True, blank=True)
    format = models.CharField(_("form"), max_length=16, choices=Format.choices)
    message = models.TextField(_("meddelande"), blank=True, max_length=2000)

    state = models.CharField(_("status"), max_length=16, choices=State.choices, default=State.REQUESTED, db_index=True)
    proposed_for = models.DateTimeField(_("föreslagen tid"), null=True, blank=True)
    # The booked time; reminders before and feedback questions after are scheduled from it.
    scheduled_for = models.DateTimeField(_("bokad tid"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    # The calendar file's SEQUENCE: bumped by the services whenever the booking is made, moved or
    # called off, so both sides' calendars replace their copy (ambassadors.calendar).
    sequence = models.PositiveIntegerField(_("kalenderversion"), default=0, editable=False)

    class Meta:
        verbose_name = _("besöksförfrågan")
        verbose_name_plural = _("besöksförfrågningar")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(scheduled_for__isnull=False),
                name="visit_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="proposed") | Q(proposed_for__isnull=False), name="visit_proposed_has_time"
            ),
        ]

    def __str__(self):
        return _("%(school)s, %(group)s → %(ambassador)s") % {
            "school": self.school,
            "group": self.group_name,
            "ambassador": self.ambassador.display_name,
        }

    def get_absolute_url(self):
        return reverse("ambassadors:request-detail", kwargs={"pk": self.pk})

    @property
    def preferred_dates(self):
        return [d for d in (self.first_choice, self.second_choice, self.third_choice) if d]

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES

    def awaits_answer_from(self, sides: set[str]) -> bool:
        """Whether it is the turn of someone speaking for `sides` (see selectors.visit_request_sides):
        the ambassador's side answers a request, the school answers a proposed date."""
        Side = VisitRequestEvent.Side
        return (self.state == self.State.REQUESTED and Side.AMBASSADOR in sides) or (
            self.state == self.State.PROPOSED and Side.SCHOOL in sides
        )

    @property
    def has_taken_place(self):
        return (
            self.state == self.State.ACCEPTED
            and self.scheduled_for is not None
            and self.scheduled_for <= timezone.now()
        )


class VisitRequestEvent(models.Model):
    """One step in a request's life, shown as the conversation on the request's page; each step
    e-mails the other side once (notified_at records that it was sent)."""

    class Side(models.TextChoices):
        SCHOOL = "school", _("Skolan")
        AMBASSADOR = "ambassador", _("Ambassadören")

    visit_request = models.ForeignKey(
        VisitRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("besöksförfrågan")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("av")
    )
    side = models.CharField(_("part"), max_length=16, choices=Side.choices)
    from_state = models.CharField(_("från"), max_length=16, choices=VisitRequest.State.choices, blank=True)
    to_state = models.CharField(_("till"), max_length=16, choices=VisitRequest.State.choices)
    when = models.DateTimeField(_("tid"), null=True, blank=True)
    message = models.TextField(_("meddelande"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    notified_at = models.DateTimeField(_("e-post skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display() or '–'} → {self.get_to_state_display()}"


class VisitFeedback(models.Model):
    """Short feedback after a visit, one from each side; project leaders read it per ambassador."""

    Side = VisitRequestEvent.Side

    visit_request = models.ForeignKey(
        VisitRequest, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("besök")
    )
    side = models.CharField(_("från"), max_length=16, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    rating = models.PositiveSmallIntegerField(_("betyg"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("kommentar"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("lämnad"), auto_now_add=True)

    class Meta:
        verbose_name = _("återkoppling")
        verbose_name_plural = _("återkopplingar")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["visit_request", "side"], name="feedback_once_per_side"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.get_side_display()}: {self.rating}/5"
