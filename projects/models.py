"""Projects: the regional skills projects that own courses, events and ambassadors."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation, Region


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Project.Status.PUBLISHED)


class Project(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publicerat")

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=200, unique=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="owned_projects",
                              verbose_name=_("projektägare"))
    regions = models.ManyToManyField(Region, blank=True, related_name="projects",
                                     verbose_name=_("regioner"))
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})


class ProjectLeaderQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(started_on__lte=on) | Q(started_on__isnull=True),
                           Q(ended_on__gte=on) | Q(ended_on__isnull=True))


class ProjectLeader(models.Model):
    """A person who leads a project for a period. Leaders hand over; the history stays."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="leaders",
                                verbose_name=_("projekt"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_leaderships",
                             verbose_name=_("person"))
    title = models.CharField(_("titel"), max_length=120, blank=True)
    started_on = models.DateField(_("från"), null=True, blank=True)
    ended_on = models.DateField(_("till"), null=True, blank=True)

    objects = ProjectLeaderQuerySet.as_manager()

    class Meta:
        verbose_name = _("projektledare")
        verbose_name_plural = _("projektledare")
        ordering = ["project", "-started_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(started_on__isnull=True)
                                   | Q(ended_on__gte=models.F("started_on")), name="leader_period_in_order"),
        ]

    def __str__(self):
        return f"{self.user} ({self.project})"
