"""Site-wide pieces: users, regions, municipalities, organisations and the roles people hold."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra_fields)
        # Being a superuser and holding the site administrator role are one and the same.
        Role.objects.get_or_create(user=user, kind=Role.Kind.SITE_ADMIN, organisation=None)
        return user


class User(AbstractUser):
    """A person with an account. The e-mail address is the login; there are no usernames."""

    username = None
    email = models.EmailField(_("e-postadress"), unique=True)
    language = models.CharField(
        _("språk"),
        max_length=5,
        choices=[("sv", "Svenska"), ("en", "English")],
        default="sv",
        help_text=_("Språk för e-post från portalen."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def has_role(self, kind: str) -> bool:
        return any(role.kind == kind for role in self.roles.all())


class Vocabulary(models.Model):
    """An entry of a word list kept in the admin: target groups, course categories, professions…

    Each list is its own model (so that a foreign key says which list it takes from) built on this
    base: a name, a slug for addresses and filters, and a position for lists that are not read
    alphabetically (school stages). Entries with the same position are listed by name."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnamn"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        _("ordning"), default=0, help_text=_("Lägre tal visas först; lika tal visas i bokstavsordning.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Region(models.Model):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnamn"), unique=True)
    code = models.CharField(_("länskod"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(_("kortnamn"), unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    code = models.CharField(_("kommunkod"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="municipality_unique_in_region")]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Företag")
        SCHOOL = "school", _("Skola")
        MUNICIPALITY = "municipality", _("Kommun")
        REGION = "region", _("Region")
        EDUCATION_PROVIDER = "education_provider", _("Utbildningsanordnare")
        AGENCY = "agency", _("Myndighet")
        NETWORK = "network", _("Nätverk eller förening")

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=32, choices=Kind.choices, db_index=True)
    org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations", verbose_name=_("region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("kommun"),
    )
    website = models.URLField(_("webbplats"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), "kind", name="organisation_unique_name_kind")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.municipality_id and self.region_id and self.municipality.region_id != self.region_id:
            raise ValidationError({"municipality": _("Kommunen ligger inte i den valda regionen.")})


class Role(models.Model):
    """One role a user holds. A user may hold several.

    Which projects a project leader leads is recorded per project with a period (projects app);
    this row says that the person acts as a project leader at all and so may use the admin.
    """

    class Kind(models.TextChoices):
        SITE_ADMIN = "site_admin", _("Webbplatsadministratör")
        PROJECT_LEADER = "project_leader", _("Projektledare")
        COMPANY_CONTACT = "company_contact", _("Kontaktperson på företag")
        TEACHER = "teacher", _("Lärare eller studie- och yrkesvägledare")
        AMBASSADOR = "ambassador", _("Yrkesambassadör")

    # Which kind of organisation each role belongs to; None means the role needs none.
    ORGANISATION_KIND = {
        Kind.SITE_ADMIN: None,
        Kind.PROJECT_LEADER: None,
        Kind.COMPANY_CONTACT: Organisation.Kind.COMPANY,
        Kind.TEACHER: Organisation.Kind.SCHOOL,
        Kind.AMBASSADOR: None,
    }

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("användare"))
    kind = models.CharField(_("roll"), max_length=32, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("organisation"),
    )
    created = models.DateTimeField(_("tilldelad"), auto_now_add=True)

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "organisation"],
                name="role_unique_with_organisation",
                condition=models.Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="role_unique_without_organisation",
                condition=models.Q(organisation__isnull=True),
            ),
        ]

    def __str__(self):
        if self.organisation_id:
            return f"{self.get_kind_display()} ({self.organisation})"
        return str(self.get_kind_display())

    def clean(self):
        wanted = self.ORGANISATION_KIND.get(self.kind)
        if wanted is None:
            if self.organisation_id and self.kind in (self.Kind.SITE_ADMIN,):
                raise ValidationError({"organisation": _("Den här rollen hör inte till någon organisation.")})
            return
        if not self.organisation_id:
            raise ValidationError({"organisation": _("Välj organisation för rollen.")})
        if self.organisation.kind != wanted:
            raise ValidationError(
                {
                    "organisation": _("Rollen kräver en organisation av typen %(kind)s.")
                    % {"kind": Organisation.Kind(wanted).label}
                }
            )


class Reminder(models.Model):
    """One e-mail to one person about one thing at one time: due `offset` before the `anchor` (an
    event's start, a visit's date). Once per person, thing, offset and anchor: a thing that moves
    gets new rows for its new time, and nobody is reminded twice about the same time.

    Rows are found and claimed by a frequent beat task (see portal.reminders), never scheduled as
    long Celery countdowns: a claimed row is marked sent in the same transaction that holds its lock,
    so a retry, a second worker or a killed worker cannot send it twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Misslyckad")
        CANCELLED = "cancelled", _("Avbruten")

    kind = models.CharField(_("typ"), max_length=64)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # The person, when they have an account: the e-mail goes to the account's address and language
    # at sending time (portal.reminders says why). Without an account, the address below is all there is.
    user = models.ForeignKey(
        "portal.User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("användare"),
    )
    # The address it was scheduled to; for an account, the address it was last sent to.
    recipient = models.EmailField(_("mottagare"))
    language = models.CharField(_("språk"), max_length=5, default="sv")
    # Due = anchor - offset; a negative offset means after the anchor (e.g. feedback after a visit).
    offset = models.DurationField(_("tid före"))
    anchor = models.DateTimeField(_("gäller tiden"))
    due_at = models.DateTimeField(_("ska skickas"))
    next_attempt_at = models.DateTimeField(_("nästa försök"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    # While `sending`: until when the worker that claimed it has it (portal.sending).
    lease_until = models.DateTimeField(_("skickas till och med"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["due_at"]
        indexes = [
            # In the claim's full order (ties by id): the sender reads the first free row off the index
            # instead of sorting every due row for each reminder it sends.
            models.Index(fields=["status", "next_attempt_at", "id"], name="reminder_due_order_idx"),
            models.Index(fields=["content_type", "object_id"], name="reminder_target_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "user", "offset", "anchor"],
                condition=models.Q(user__isnull=False),
                name="reminder_once_per_user_and_time",
            ),
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "recipient", "offset", "anchor"],
                condition=models.Q(user__isnull=True),
                name="reminder_once_per_address_and_time",
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient} ({self.due_at:%Y-%m-%d %H:%M})"


class OutboxMessage(models.Model):
    """An e-mail the portal owes someone, written in the same transaction as the change that causes
    it (a registration, a promotion, a visit request...), so it is neither lost when the broker is
    down nor sent for a change that was rolled back.

    `task` names the notification (a Celery task of the app, "events.tasks.send_registration_mail")
    and `args` the ids it reads; the sender (portal.outbox) runs it when the row is claimed, so the
    mail says what is true then. One row can be several mails (the employee and each company
    contact): each has a Message-ID of its own derived from the row, and each address the relay
    accepted is recorded in `delivered` at once, so a retry sends only what was not yet accepted.
    """

    Status = Reminder.Status

    task = models.CharField(_("meddelande"), max_length=200)
    args = models.JSONField(_("gäller"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    next_attempt_at = models.DateTimeField(_("nästa försök"), default=timezone.now)
    lease_until = models.DateTimeField(_("skickas till och med"), null=True, blank=True)
    # [{"message_id", "to", "template"}] for every mail of the row the relay has accepted.
    delivered = models.JSONField(_("skickade"), default=list, blank=True)
    last_error = models.TextField(_("senaste fel"), blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    created = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at", "id"], name="outbox_due_order_idx")]

    def __str__(self):
        return f"{self.task} {self.args} ({self.get_status_display()})"


class MailOptOut(models.Model):
    """A kind of optional mail (portal.mail_settings.OPTIONAL) a person has chosen not to get.

    Rows for what is turned off, so everyone gets everything until they choose otherwise, and a
    new kind reaches people without a migration of their settings."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mail_opt_outs", verbose_name=_("användare"))
    kind = models.CharField(_("typ av e-post"), max_length=32)
    created = models.DateTimeField(_("avbeställd"), default=timezone.now)

    class Meta:
        verbose_name = _("avbeställd e-post")
        verbose_name_plural = _("avbeställd e-post")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="mail_opt_out_once_per_kind")]

    def __str__(self):
        return f"{self.user} – {self.kind}"
