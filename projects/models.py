"""Projects and the course portal.

Projects own their pages, news, leaders, reference group and participating companies; the course
catalogue (courses and their occasions) belongs to a project; companies keep a staff list and
enrol staff on occasions. Rules that change state live in `services`, shared reads in `selectors`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.images import ResizedImageField
from portal.models import Organisation, Region, Vocabulary

from .richtext import RichTextField

# URL words under /projekt/ that a project's slug may not take.
RESERVED_PROJECT_SLUGS = {"nyheter"}

# Days before a course occasion that reminders go out, as a project leader writes them: "3" or "7, 1".
REMINDER_DAYS_VALIDATOR = RegexValidator(
    r"^\s*\d{1,2}\s*(,\s*\d{1,2}\s*){0,4}$",
    _("Skriv antal dagar före start som heltal, flera åtskilda med komma (till exempel 7, 1)."),
)


class TargetGroup(Vocabulary):
    """Who a project wants to reach besides the employees it trains (young people, newly arrived…)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Project.Status.PUBLISHED)

    def led_by(self, user):
        """The projects a user may edit in the admin: all for site administrators, else those they
        lead now. The rule of portal.admin_scoping (which finds it here) and of selectors.projects_led_by."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=ProjectLeader.objects.current().filter(user=user).values("project_id"))


class Project(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publicerat")

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=200, unique=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    body = RichTextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="owned_projects", verbose_name=_("projektägare")
    )
    regions = models.ManyToManyField(Region, blank=True, related_name="projects", verbose_name=_("regioner"))
    funders = models.ManyToManyField(
        Organisation, blank=True, related_name="funded_projects", verbose_name=_("finansiärer")
    )
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)

    target_companies = models.PositiveIntegerField(_("mål: antal företag"), null=True, blank=True)
    target_employees = models.PositiveIntegerField(_("mål: antal anställda"), null=True, blank=True)
    target_hours = models.PositiveIntegerField(_("mål: deltagartimmar"), null=True, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="projects", verbose_name=_("målgrupper")
    )

    # The three horizontal principles of the ESF, each with what this project does about it.
    gender_equality = models.TextField(_("jämställdhet"), blank=True)
    accessibility = models.TextField(_("tillgänglighet"), blank=True)
    non_discrimination = models.TextField(_("likabehandling"), blank=True)

    contact_name = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=30, blank=True)

    # Follow-up settings the project leader keeps.
    reminder_days = models.CharField(
        _("påminnelser om kurstillfällen (dagar före)"),
        max_length=40,
        default="3",
        blank=True,
        validators=[REMINDER_DAYS_VALIDATOR],
        help_text=_(
            "Hur många dagar före start deltagare och företagens kontaktpersoner påminns. "
            "Flera åtskilda med komma, till exempel 7, 1. Tomt: inga påminnelser."
        ),
    )
    gender_gap_threshold = models.PositiveSmallIntegerField(
        _("gräns för könsskillnad (procentenheter)"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "I rapporten flaggas företag där andelen kvinnor, män eller icke-binära bland deltagarna "
            "skiljer sig från andelen bland de anställda med mer än så här många procentenheter."
        ),
    )

    image = ResizedImageField(_("bild"), upload_to="projects/", blank=True)
    image_alt = models.CharField(
        _("bildtext för skärmläsare"),
        max_length=200,
        blank=True,
        help_text=_("Beskriv vad bilden visar. Krävs när det finns en bild."),
    )
    eu_funded = models.BooleanField(
        _("medfinansieras av EU"),
        default=False,
        help_text=_(
            "Projektets sidor visar EU:s emblem med texten ”Medfinansieras av Europeiska unionen”, "
            "som EU:s regler kräver av projekt med stöd från till exempel Europeiska socialfonden."
        ),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="project_period_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in RESERVED_PROJECT_SLUGS:
            errors["slug"] = _("Kortnamnet är upptaget av portalen. Välj ett annat.")
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Skriv en bildtext så att bilden går att förstå utan att se den.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Slutdatum kan inte ligga före startdatum.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def reminder_offsets(self) -> list[datetime.timedelta]:
        """The reminder days as offsets before an occasion's start, largest first, each once."""
        days = {int(part) for part in self.reminder_days.split(",") if part.strip().isdigit()}
        return [datetime.timedelta(days=d) for d in sorted(days, reverse=True) if d > 0]


class ProjectLeaderQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(started_on__lte=on) | Q(started_on__isnull=True), Q(ended_on__gte=on) | Q(ended_on__isnull=True)
        )


class ProjectLeader(models.Model):
    """A person who leads a project for a period. Leaders hand over; the history stays."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="leaders", verbose_name=_("projekt"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="project_leaderships",
        verbose_name=_("person"),
    )
    title = models.CharField(_("titel"), max_length=120, blank=True)
    started_on = models.DateField(_("från"), null=True, blank=True)
    ended_on = models.DateField(_("till"), null=True, blank=True)

    objects = ProjectLeaderQuerySet.as_manager()

    class Meta:
        verbose_name = _("projektledare")
        verbose_name_plural = _("projektledare")
        ordering = ["project", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="leader_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.project})"

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return (self.started_on is None or self.started_on <= on) and (self.ended_on is None or self.ended_on >= on)


class ReferenceGroupMember(models.Model):
    """A member of the project's reference group: people who advise the project from outside it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reference_group", verbose_name=_("projekt")
    )
    name = models.CharField(_("namn"), max_length=120)
    title = models.CharField(_("roll eller titel"), max_length=160, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reference_group_seats",
        verbose_name=_("organisation"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("medlem i referensgruppen")
        verbose_name_plural = _("referensgrupp")
        ordering = ["project", "order", "name"]

    def __str__(self):
        return self.name


class ParticipatingCompanyQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=ParticipatingCompany.Status.ACCEPTED)


class ParticipatingCompany(models.Model):
    """A company taking part in a project, with its workforce by gender as ESF+ counts it.

    The workforce figures are what the participants' gender balance is compared with in the
    equality follow-up.

    A project leader's adding a company is a request the company's contact accepts or declines
    ("Mitt företag"); only an accepted participation shows publicly and lets the project's leaders
    read the company's competence needs. A site administrator's adding it is accepted at once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("väntar på företagets svar")
        ACCEPTED = "accepted", _("deltar")
        DECLINED = "declined", _("avböjt")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participants", verbose_name=_("projekt")
    )
    company = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="project_participations",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
        verbose_name=_("företag"),
    )
    joined_on = models.DateField(_("med sedan"), null=True, blank=True)
    women = models.PositiveIntegerField(_("anställda kvinnor"), default=0)
    men = models.PositiveIntegerField(_("anställda män"), default=0)
    non_binary = models.PositiveIntegerField(_("anställda icke-binära"), default=0)
    # Nobody's decision yet is no participation: only the services set it accepted.
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(_("förfrågan skickad"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besvarad"), null=True, blank=True)

    objects = ParticipatingCompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("deltagande företag")
        verbose_name_plural = _("deltagande företag")
        ordering = ["project", "company__name"]
        constraints = [models.UniqueConstraint(fields=["project", "company"], name="participant_once_per_project")]

    def __str__(self):
        return f"{self.company} ({self.project})"

    @property
    def workforce(self) -> int:
        return self.women + self.men + self.non_binary


class ProfessionalNetwork(models.Model):
    """A network inside a project where people with the same job role meet and learn from each other."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="networks", verbose_name=_("projekt"))
    role = models.CharField(_("yrkesroll"), max_length=120, help_text=_("Till exempel produktionsledare."))
    description = models.TextField(_("beskrivning"), blank=True)
    meets = models.CharField(
        _("träffas"), max_length=200, blank=True, help_text=_("Till exempel: varannan månad, digitalt.")
    )
    contact_email = models.EmailField(_("kontakt"), blank=True)

    class Meta:
        verbose_name = _("professionellt nätverk")
        verbose_name_plural = _("professionella nätverk")
        ordering = ["project", "role"]
        constraints = [models.UniqueConstraint(fields=["project", "role"], name="network_once_per_role")]

    def __str__(self):
        return self.role


class NewsPostQuerySet(models.QuerySet):
    def published(self, now=None):
        now = now or timezone.now()
        return self.filter(published_at__lte=now, project__status=Project.Status.PUBLISHED)


class NewsPost(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="news", verbose_name=_("projekt"))
    title = models.CharField(_("rubrik"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=200)
    lead = models.TextField(_("ingress"), blank=True)
    body = RichTextField(_("text"), blank=True)
    published_at = models.DateTimeField(
        _("publiceras"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Nyheten visas från den här tidpunkten. Lämna tomt för ett utkast."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_posts",
        verbose_name=_("skribent"),
    )
    created = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated = models.DateTimeField(_("ändrad"), auto_now=True)
    image = ResizedImageField(_("bild"), upload_to="news/", blank=True)
    image_alt = models.CharField(
        _("bildtext för skärmläsare"),
        max_length=200,
        blank=True,
        help_text=_("Beskriv vad bilden visar. Krävs när det finns en bild."),
    )

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "slug"], name="news_slug_unique_in_project")]
        indexes = [models.Index(fields=["project", "-published_at"], name="news_project_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:news-detail", kwargs={"project_slug": self.project.slug, "slug": self.slug})

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Skriv en bildtext så att bilden går att förstå utan att se den.")})

    def is_published(self, now=None) -> bool:
        return self.published_at is not None and self.published_at <= (now or timezone.now())


# --- The course catalogue -----------------------------------------------------------------------


class CourseCategory(Vocabulary):
    """A kind of course (measurement technology, robotics, forklift…); the list is kept in the admin."""

    description = models.TextField(_("beskrivning"), blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("kurskategori")
        verbose_name_plural = _("kurskategorier")


class Course(models.Model):
    class Level(models.TextChoices):
        INDIVIDUAL = "individual", _("Individnivå")
        GROUP = "group", _("Gruppnivå")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="courses", verbose_name=_("projekt"))
    title = models.CharField(_("kursnamn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    category = models.ForeignKey(
        CourseCategory, on_delete=models.PROTECT, related_name="courses", verbose_name=_("kategori")
    )
    level = models.CharField(_("nivå"), max_length=16, choices=Level.choices, default=Level.INDIVIDUAL)
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses_provided",
        verbose_name=_("utbildningsanordnare"),
    )
    hours = models.DecimalField(_("längd i timmar"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("kurs")
        verbose_name_plural = _("kurser")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["project", "category"], name="course_project_category"),
            models.Index(fields=["category", "level"], name="course_category_level"),
        ]
        # The full-text index (PostgreSQL, Swedish configuration) is created in migration 0003,
        # because SQLite has no GIN indexes; see selectors.search_courses.

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:course-detail", kwargs={"pk": self.pk})


class OccasionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(course__project__status=Project.Status.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now())

    def with_seat_counts(self):
        """Confirmed and waitlisted counts and free seats, computed in the same query."""

        def count_of(status):
            counted = (
                Enrolment.objects.filter(occasion=OuterRef("pk"), status=status)
                .order_by()
                .values("occasion")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

        return self.annotate(
            confirmed_count=count_of(Enrolment.Status.CONFIRMED),
            waitlisted_count=count_of(Enrolment.Status.WAITLISTED),
        ).annotate(free_seats=Greatest(F("seats") - F("confirmed_count"), Value(0)))


class Occasion(models.Model):
    """One run of a course: when, where, how many seats, and until when one may register and cancel."""

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("På plats")
        ONLINE = "online", _("Digitalt")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Planerat")
        CANCELLED = "cancelled", _("Inställt")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="occasions", verbose_name=_("kurs"))
    starts_at = models.DateTimeField(_("startar"))
    ends_at = models.DateTimeField(_("slutar"))
    mode = models.CharField(_("form"), max_length=16, choices=Mode.choices, default=Mode.ON_SITE)
    place = models.CharField(
        _("plats"),
        max_length=200,
        blank=True,
        help_text=_("Adress eller lokal. För digitala tillfällen: hur man ansluter."),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="occasions",
        verbose_name=_("region"),
    )
    seats = models.PositiveIntegerField(_("platser"), validators=[MinValueValidator(1)])
    company_quota = models.PositiveIntegerField(
        _("platser per företag"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Högsta antal bekräftade platser för ett och samma företag. Tomt: ingen gräns."),
    )
    registration_deadline = models.DateTimeField(_("sista anmälningsdag"))
    cancellation_deadline = models.DateTimeField(_("sista avbokningsdag"))
    # Set only by occasion_cancel (an admin action), which tells the people: never edited by hand.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED, editable=False
    )
    cancelled_at = models.DateTimeField(_("inställt"), null=True, blank=True, editable=False)
    # The calendar files' SEQUENCE: bumped by the services when the occasion moves or is called off.
    sequence = models.PositiveIntegerField(_("kalenderversion"), default=0, editable=False)

    objects = OccasionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kurstillfälle")
        verbose_name_plural = _("kurstillfällen")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["starts_at"], name="occasion_starts"),
            models.Index(fields=["course", "starts_at"], name="occasion_course_starts"),
            models.Index(fields=["region", "starts_at"], name="occasion_region_starts"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="occasion_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("starts_at")),
                name="occasion_registration_before_start",
            ),
            models.CheckConstraint(
                condition=Q(cancellation_deadline__lte=F("starts_at")),
                name="occasion_cancellation_before_start",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="occasion_has_seats"),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.course.title}, {local:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("projects:occasion-detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Tillfället kan inte sluta innan det börjar.")
        if self.starts_at and self.registration_deadline and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("Sista anmälningsdag måste ligga före start.")
        if self.starts_at and self.cancellation_deadline and self.cancellation_deadline > self.starts_at:
            errors["cancellation_deadline"] = _("Sista avbokningsdag måste ligga före start.")
        if self.company_quota and self.seats and self.company_quota > self.seats:
            errors["company_quota"] = _("Platser per företag kan inte vara fler än platserna totalt.")
        if self.mode == self.Mode.ON_SITE and not self.place.strip():
            errors["place"] = _("Ange var tillfället hålls.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_open_for_registration(self, now=None) -> bool:
        return not self.is_cancelled and (now or timezone.now()) <= self.registration_deadline

    def is_open_for_cancellation(self, now=None) -> bool:
        return (now or timezone.now()) <= self.cancellation_deadline


# --- Companies: staff, enrolments, competence needs ---------------------------------------------


class Employee(models.Model):
    """A person on a company's staff list, kept by the company's contact.

    Gender is asked for because ESF+ follow-up counts participants as women, men and non-binary.
    An employee with enrolment history is not deleted but stripped of name and e-mail, so that
    hours and gender counts in reports stay right while the personal data is gone.
    """

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Kvinna")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Icke-binär")

    company = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="employees",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
        verbose_name=_("företag"),
    )
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    email = models.EmailField(_("e-postadress"), blank=True)
    gender = models.CharField(_("kön"), max_length=16, choices=Gender.choices)
    job_title = models.CharField(_("befattning"), max_length=120, blank=True)
    created = models.DateTimeField(_("tillagd"), auto_now_add=True)
    updated = models.DateTimeField(_("ändrad"), auto_now=True)
    removed_at = models.DateTimeField(_("borttagen"), null=True, blank=True)

    class Meta:
        verbose_name = _("anställd")
        verbose_name_plural = _("anställda")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "email"],
                name="employee_email_unique_in_company",
                condition=Q(removed_at__isnull=True) & ~Q(email=""),
            ),
        ]
        indexes = [models.Index(fields=["company", "last_name", "first_name"], name="employee_company_name")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=(Enrolment.Status.CONFIRMED, Enrolment.Status.WAITLISTED))


class Enrolment(models.Model):
    """An employee's place on an occasion: confirmed, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Bekräftad")
        WAITLISTED = "waitlisted", _("Väntelista")
        CANCELLED = "cancelled", _("Avbokad")

    # Protected: an occasion with registrations is history that reports count; cancel it instead.
    occasion = models.ForeignKey(
        Occasion, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("kurstillfälle")
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("anställd")
    )
    # Copied from the employee so that quotas, scoping and reports need no extra join.
    company = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("företag")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anmäld av"),
    )
    created = models.DateTimeField(_("anmäld"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avbokad"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avbokad av"),
    )
    attended = models.BooleanField(_("närvarade"), null=True, blank=True)
    hours = models.DecimalField(
        _("timmar"), max_digits=6, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    # The ESF follow-up counts registrations with accessibility needs. The flag stays for that count;
    # the description is what the course provider needs to know and is erased with the person.
    has_accessibility_needs = models.BooleanField(_("behov av anpassning"), default=False)
    accessibility_needs = models.TextField(_("beskrivning av behov"), blank=True, max_length=500)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["occasion", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occasion", "employee"],
                name="enrolment_once_per_occasion",
                condition=Q(status__in=["confirmed", "waitlisted"]),
            ),
            models.CheckConstraint(condition=Q(hours__isnull=True) | Q(hours__gte=0), name="enrolment_hours_positive"),
        ]
        indexes = [
            models.Index(fields=["occasion", "status", "created"], name="enrolment_occasion_status"),
            models.Index(fields=["company", "status"], name="enrolment_company_status"),
        ]

    def __str__(self):
        return f"{self.employee} – {self.occasion}"


class CompetenceNeed(models.Model):
    """How many of a company's staff need training in a category (from the company's needs analysis)."""

    company = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="competence_needs",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
        verbose_name=_("företag"),
    )
    category = models.ForeignKey(
        CourseCategory, on_delete=models.PROTECT, related_name="needs", verbose_name=_("kategori")
    )
    staff_count = models.PositiveIntegerField(_("antal anställda"))
    updated = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändrad av"),
    )

    class Meta:
        verbose_name = _("kompetensbehov")
        verbose_name_plural = _("kompetensbehov")
        ordering = ["company", "category"]
        constraints = [models.UniqueConstraint(fields=["company", "category"], name="need_once_per_category")]

    def __str__(self):
        return f"{self.company}: {self.category} ({self.staff_count})"


# --- Reports ----------------------------------------------------------------------------------------


def private_storage():
    """Report files are handed out only by views that check who asks; they live outside MEDIA_ROOT."""
    from django.core.files.storage import storages

    return storages["private"]


class ReportRun(models.Model):
    """One build of a project's follow-up report as a file, by a Celery task that records its progress.

    On-demand runs are asked for by a project leader in the admin, whose page polls the progress
    until the file is there. Monthly runs are made by beat, one per project and month, and mailed
    to the project's current leaders; the row makes a retried task send that month's mail once.
    Files hold registrations (without names) and are deleted after `ReportRun.KEEP_DAYS`.
    """

    KEEP_DAYS = 7

    class Kind(models.TextChoices):
        ON_DEMAND = "on_demand", _("På begäran")
        MONTHLY = "monthly", _("Månadsrapport")

    class Status(models.TextChoices):
        PENDING = "pending", _("I kö")
        RUNNING = "running", _("Skapas")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="report_runs", verbose_name=_("projekt")
    )
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices, default=Kind.ON_DEMAND)
    month = models.DateField(_("månad"), null=True, blank=True, help_text=_("Första dagen i månaden som mejlades."))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beställd av"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("klart (procent)"), default=0)
    rows_total = models.PositiveIntegerField(_("rader"), default=0)
    # The headline figures as they were when the file was made, for the e-mail that carries it.
    summary = models.JSONField(_("sammanfattning"), default=dict, blank=True)
    file = models.FileField(_("fil"), upload_to="reports/%Y/%m/", storage=private_storage, blank=True)
    error = models.TextField(_("fel"), blank=True)
    created = models.DateTimeField(_("beställd"), default=timezone.now)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mejlad"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapportkörning")
        verbose_name_plural = _("rapportkörningar")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month"], name="report_monthly_once", condition=Q(kind="monthly")
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_percent"),
        ]

    def __str__(self):
        return f"{self.project} ({timezone.localtime(self.created):%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
