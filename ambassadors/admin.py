"""Admin for project leaders: every class of project-owned data is a portal.admin_scoping.ScopedModelAdmin.

Changes of state (publishing, consent, approving edits, planning the featured week) go through the
services, so the admin keeps the same rules as the public site.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import models
from django.db.models import Avg, Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin import VocabularyAdmin
from portal.admin_scoping import ScopedModelAdmin, is_site_admin
from portal.forms import https_urls
from portal.models import Municipality

from . import services
from .exceptions import AmbassadorError
from .forms import GroupedMunicipalityField
from .images import ProfilePhotoField
from .models import (
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
    VisitFeedback,
    VisitRequest,
    VisitRequestEvent,
)
from .selectors import feedback_summary
from .services.profiles import FOREIGN_KEYS, MANY_TO_MANY, SIMPLE_FIELDS

# --- Scoping ------------------------------------------------------------------------------------


def _number(value: str) -> int:
    """An id from a list filter's query parameter; anything else is the admin's "invalid filter"."""
    if not value.isdecimal():
        raise IncorrectLookupParameters(value)
    return int(value)


class LedProjectFilter(admin.SimpleListFilter):
    title = _("projekt")
    parameter_name = "projekt"
    project_path = "project"

    def lookups(self, request, model_admin):
        return [(project.pk, project.name) for project in model_admin.led_projects(request)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.project_path}__pk": _number(self.value())})
        return queryset


def _run(request, queryset, action, success):
    """Apply a service to each selected profile and report what worked and what did not."""
    done = 0
    for obj in queryset:
        try:
            action(obj)
            done += 1
        except AmbassadorError as error:
            messages.error(request, f"{obj}: {error}")
    if done:
        messages.success(request, success % {"count": done})


# --- Profiles -----------------------------------------------------------------------------------


class AmbassadorAdminForm(forms.ModelForm):
    photo = ProfilePhotoField(label=_("Foto"), required=False)
    municipality = GroupedMunicipalityField(label=_("Kommun"))
    account_email = forms.EmailField(
        label=_("Ambassadörens konto"),
        required=False,
        help_text=_(
            "Ambassadörens e-postadress. Hen får en inbjudan och kopplas till profilen först när hen "
            "tackar ja, inloggad med adressen. Med konto redigerar ambassadören sin profil och svarar "
            "själv på förfrågningar; utan konto svarar projektledaren. Töm fältet för att ta bort kopplingen."
        ),
    )
    consent_text = forms.ModelChoiceField(label=_("Samtyckestext"), queryset=ConsentText.objects.all(), required=False)
    consent_given_on = forms.DateField(
        label=_("Skriftligt samtycke givet"),
        required=False,
        help_text=_("Datum då ambassadören skrev under samtycket. Lämna tomt om inget samtycke har lämnats."),
    )
    withdraw_consent = forms.BooleanField(
        label=_("Återkalla samtycket"),
        required=False,
        help_text=_("Profilen döljs direkt och kan inte publiceras igen förrän ett nytt samtycke finns."),
    )

    class Meta:
        model = Ambassador
        formfield_callback = https_urls
        fields = [
            "project",
            "display_name",
            "slug",
            "headline",
            "story",
            "photo",
            "film_url",
            "profession",
            "industry",
            "employer",
            "municipality",
            "education_paths",
            "languages",
            "age_groups",
            "offers_on_site",
            "offers_digital",
            "contact_email",
            "contact_phone",
            "status",
        ]
        widgets = {"story": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and (instance.invited_email or instance.user_id):
            self.fields["account_email"].initial = instance.invited_email or instance.user.email
        self.fields["consent_text"].initial = ConsentText.current()
        self.has_consent = bool(instance.pk and instance.consents.filter(withdrawn_at__isnull=True).exists())
        if self.has_consent:
            del self.fields["consent_text"], self.fields["consent_given_on"]
        else:
            del self.fields["withdraw_consent"]

    def clean_account_email(self):
        # No look-up here: whether an address has an account, or another profile, is not the
        # leader's to learn. The person gets an invitation and accepts it themselves.
        return (self.cleaned_data.get("account_email") or "").strip().lower()

    def clean_consent_given_on(self):
        day = self.cleaned_data.get("consent_given_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Ett samtycke kan inte vara givet i framtiden."))
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_given_on") and not cleaned.get("consent_text"):
            self.add_error("consent_text", _("Välj vilken samtyckestext ambassadören skrev under."))
        will_have_consent = (self.has_consent and not cleaned.get("withdraw_consent")) or bool(
            cleaned.get("consent_given_on")
        )
        if cleaned.get("status") == Ambassador.Status.PUBLISHED and not will_have_consent:
            self.add_error(
                "status",
                _(
                    "Profilen kan inte publiceras utan registrerat samtycke. Fyll i datumet "
                    "för ambassadörens samtycke eller låt profilen vara opublicerad."
                ),
            )
        return cleaned


@admin.register(Ambassador)
class AmbassadorAdmin(ScopedModelAdmin):
    scope = "project"
    form = AmbassadorAdminForm
    list_display = [
        "display_name",
        "profession",
        "employer",
        "municipality",
        "project",
        "status",
        "has_consent",
        "is_public",
        "feedback",
    ]
    list_filter = [LedProjectFilter, "status", "industry", "offers_digital"]
    list_select_related = ["profession", "municipality", "project"]
    search_fields = ["display_name", "employer", "profession__name", "municipality__name"]
    autocomplete_fields = ["profession", "industry"]
    prepopulated_fields = {"slug": ["display_name"]}
    readonly_fields = ["publishing", "consent_history", "pending_changes", "feedback_overview"]
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        models.URLField: {"assume_scheme": "https"},
    }
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["project", "display_name", "slug", "headline", "story", "photo", "film_url"]}),
        (
            _("Jobb och utbildning"),
            {"fields": ["profession", "industry", "employer", "municipality", "education_paths"]},
        ),
        (_("Besök"), {"fields": ["offers_on_site", "offers_digital", "age_groups", "languages"]}),
        (
            _("Kontakt (visas aldrig på webbplatsen)"),
            {"fields": ["account_email", "contact_email", "contact_phone"]},
        ),
        (
            _("Samtycke och publicering"),
            {
                "fields": [
                    "consent_history",
                    "consent_text",
                    "consent_given_on",
                    "withdraw_consent",
                    "status",
                    "publishing",
                    "pending_changes",
                ]
            },
        ),
        (_("Återkoppling från besök"), {"fields": ["feedback_overview"]}),
    ]

    def get_queryset(self, request):
        consented = Consent.objects.filter(ambassador=OuterRef("pk"), withdrawn_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_consent=Exists(consented),
                feedback_average=Avg("visit_requests__feedback__rating"),
                feedback_count=Count("visit_requests__feedback"),
            )
        )

    def get_fieldsets(self, request, obj=None):
        # A new profile has no history to show; recording consent or withdrawing it depends on
        # whether consent is on record now (the form drops the field that does not apply).
        if obj is None:
            hidden = {
                "consent_history",
                "publishing",
                "pending_changes",
                "feedback_overview",
                "withdraw_consent",
            }
        elif obj.consents.filter(withdrawn_at__isnull=True).exists():
            hidden = {"consent_text", "consent_given_on"}
        else:
            hidden = {"withdraw_consent"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(boolean=True, description=_("Samtycke"), ordering="active_consent")
    def has_consent(self, obj):
        return obj.active_consent

    @admin.display(boolean=True, description=_("Syns publikt"))
    def is_public(self, obj):
        return obj.active_consent and obj.status == Ambassador.Status.PUBLISHED

    @admin.display(description=_("Återkoppling"), ordering="feedback_average")
    def feedback(self, obj):
        if not obj.feedback_count:
            return "–"
        url = reverse("admin:ambassadors_visitfeedback_changelist") + f"?ambassador={obj.pk}"
        return format_html('<a href="{}">{} / 5 ({})</a>', url, f"{obj.feedback_average:.1f}", obj.feedback_count)

    @admin.display(description=_("Syns på webbplatsen"))
    def publishing(self, obj):
        if obj.status == Ambassador.Status.PUBLISHED and obj.active_consent:
            return format_html(
                gettext('Publicerad {} av {}. <a href="{}">Visa profilen</a>'),
                timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M"),
                obj.published_by or "–",
                obj.get_absolute_url(),
            )
        if not obj.active_consent:
            return gettext("Syns inte: samtycke saknas.")
        return gettext("Syns inte: profilen är inte publicerad.")

    @admin.display(description=_("Samtycken"))
    def consent_history(self, obj):
        consents = obj.consents.select_related("text", "recorded_by", "withdrawn_by")
        if not consents:
            return gettext("Inget samtycke registrerat.")
        rows = []
        for consent in consents:
            text = gettext("%(given)s, version %(version)s, %(method)s") % {
                "given": timezone.localtime(consent.given_at).strftime("%Y-%m-%d"),
                "version": consent.text.version,
                "method": consent.get_method_display(),
            }
            if consent.withdrawn_at:
                text += " – " + gettext("återkallat %(when)s") % {
                    "when": timezone.localtime(consent.withdrawn_at).strftime("%Y-%m-%d %H:%M")
                }
            rows.append((text,))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", rows))

    @admin.display(description=_("Ändringar som väntar"))
    def pending_changes(self, obj):
        change = obj.profile_changes.filter(status=ProfileChange.Status.PENDING).first()
        if change is None:
            return "–"
        url = reverse("admin:ambassadors_profilechange_change", args=[change.pk])
        return format_html(
            '<a href="{}">{}</a>',
            url,
            gettext("Granska ändringarna från %(when)s")
            % {"when": timezone.localtime(change.submitted_at).strftime("%Y-%m-%d %H:%M")},
        )

    @admin.display(description=_("Återkoppling"))
    def feedback_overview(self, obj):
        feedback = (
            VisitFeedback.objects.filter(visit_request__ambassador=obj)
            .select_related("visit_request__school")
            .order_by("-created_at")[:50]
        )
        if not feedback:
            return gettext("Ingen återkoppling ännu.")
        summary = feedback_summary([obj.pk]).get(obj.pk)
        rows = [(f.visit_request.school, f.get_side_display(), f.rating, f.comment or "–") for f in feedback]
        return format_html(
            "<p>{}</p><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            gettext("Snittbetyg %(average).1f av 5 från %(count)s svar.") % summary,
            gettext("Skola"),
            gettext("Från"),
            gettext("Betyg"),
            gettext("Kommentar"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    def save_model(self, request, obj, form, change):
        # Publishing goes through the services after the rest is saved (they check consent).
        form.wanted_status = form.cleaned_data.get("status")
        obj.status = Ambassador.objects.get(pk=obj.pk).status if change else Ambassador.Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data = form.cleaned_data
        invited_before = form.instance.invited_at
        try:
            ambassador = services.ambassador_consent_and_publishing_update(
                ambassador=form.instance,
                by=request.user,
                status=form.wanted_status,
                account_email=data.get("account_email", ""),
                consent_text=data.get("consent_text"),
                consent_given_on=data.get("consent_given_on"),
                withdraw_consent=bool(data.get("withdraw_consent")),
            )
        except AmbassadorError as error:
            messages.error(request, str(error))
        else:
            if ambassador.invited_at and ambassador.invited_at != invited_before:
                # The same words whether or not the address has an account or another profile.
                messages.info(
                    request,
                    gettext(
                        "En inbjudan har skickats om adressen kan ta emot e-post. Kontot kopplas till "
                        "profilen när ambassadören har tackat ja."
                    ),
                )

    @admin.action(description=_("Publicera valda profiler"), permissions=["change"])
    def publish(self, request, queryset):
        _run(
            request,
            queryset,
            lambda a: services.ambassador_publish(ambassador=a, by=request.user),
            gettext("%(count)s profiler är publicerade."),
        )

    @admin.action(description=_("Avpublicera valda profiler"), permissions=["change"])
    def unpublish(self, request, queryset):
        _run(
            request,
            queryset,
            lambda a: services.ambassador_unpublish(ambassador=a, by=request.user),
            gettext("%(count)s profiler är avpublicerade."),
        )


class ProfileChangeForm(forms.ModelForm):
    class Meta:
        model = ProfileChange
        fields = ["decision_note"]
        widgets = {"decision_note": forms.Textarea(attrs={"rows": 3})}


@admin.register(ProfileChange)
class ProfileChangeAdmin(ScopedModelAdmin):
    scope = "ambassador__project"
    form = ProfileChangeForm
    change_form_template = "admin/ambassadors/profilechange/change_form.html"
    list_display = ["ambassador", "submitted_at", "status", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["ambassador", "decided_by"]
    search_fields = ["ambassador__display_name"]
    readonly_fields = [
        "ambassador",
        "submitted_by",
        "submitted_at",
        "status",
        "differences",
        "decided_by",
        "decided_at",
    ]
    fields = [
        "ambassador",
        "submitted_by",
        "submitted_at",
        "status",
        "differences",
        "decision_note",
        "decided_by",
        "decided_at",
    ]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.status == ProfileChange.Status.PENDING)

    @admin.display(description=_("Ändringar"))
    def differences(self, obj):
        ambassador = obj.ambassador
        rows = []
        labels = {f.name: f.verbose_name for f in Ambassador._meta.get_fields() if hasattr(f, "verbose_name")}
        models_by_name = {**FOREIGN_KEYS, **MANY_TO_MANY, "municipality": Municipality}
        for name, value in obj.data.items():
            if name == "photo":
                rows.append((labels["photo"], gettext("nuvarande foto"), gettext("inget foto")))
                continue
            before = getattr(ambassador, name)
            if name in MANY_TO_MANY:
                before = ", ".join(str(item) for item in before.all()) or "–"
                after = ", ".join(str(item) for item in models_by_name[name].objects.filter(pk__in=value)) or "–"
            elif name in FOREIGN_KEYS or name == "municipality":
                after = models_by_name[name].objects.filter(pk=value).first() or "–"
            elif name in SIMPLE_FIELDS and isinstance(value, bool):
                before, after = (
                    (gettext("ja") if before else gettext("nej")),
                    (gettext("ja") if value else gettext("nej")),
                )
            else:
                after = value or "–"
                before = before or "–"
            rows.append((str(labels.get(name, name)).capitalize(), before, after))
        table = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>', rows)
        photo = ""
        if obj.photo:
            photo = format_html(
                '<p>{}</p><img src="{}" alt="{}" width="160">',
                gettext("Nytt foto:"),
                obj.photo_url(),
                gettext("Nytt foto"),
            )
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr>'
            "</thead><tbody>{}</tbody></table>{}",
            gettext("Fält"),
            gettext("Publicerat nu"),
            gettext("Ändras till"),
            table,
            photo,
        )

    def save_model(self, request, obj, form, change):
        try:
            if "_approve" in request.POST:
                services.profile_change_approve(change=obj, by=request.user)
                messages.success(request, gettext("Ändringarna är godkända och syns nu på profilen."))
            elif "_reject" in request.POST:
                services.profile_change_reject(
                    change=obj, by=request.user, note=form.cleaned_data.get("decision_note", "")
                )
                messages.success(request, gettext("Ändringarna är inte godkända. Ambassadören får besked."))
        except AmbassadorError as error:
            messages.error(request, str(error))

    @admin.action(description=_("Godkänn valda ändringar"), permissions=["change"])
    def approve(self, request, queryset):
        _run(
            request,
            queryset.filter(status=ProfileChange.Status.PENDING),
            lambda c: services.profile_change_approve(change=c, by=request.user),
            gettext("%(count)s ändringar är godkända."),
        )

    @admin.action(description=_("Godkänn inte valda ändringar"), permissions=["change"])
    def reject(self, request, queryset):
        _run(
            request,
            queryset.filter(status=ProfileChange.Status.PENDING),
            lambda c: services.profile_change_reject(change=c, by=request.user),
            gettext("%(count)s ändringar är inte godkända."),
        )


# --- Ambassador of the week ---------------------------------------------------------------------


class FeatureAdminForm(forms.ModelForm):
    class Meta:
        model = Feature
        fields = ["week_start", "ambassador"]
        help_texts = {"week_start": _("Välj vilken dag som helst i veckan; den sparas som veckans måndag.")}

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def validate_unique(self):
        """The week may already have an automatic pick, which planning replaces (see the service)."""

    def clean(self):
        cleaned = super().clean()
        week, ambassador = cleaned.get("week_start"), cleaned.get("ambassador")
        if week and ambassador:
            try:
                cleaned["week_start"] = services.feature_plan_check(
                    week=week, ambassador=ambassador, by=self.request.user
                )
            except AmbassadorError as error:
                raise forms.ValidationError(str(error)) from None
        return cleaned


@admin.register(Feature)
class FeatureAdmin(ScopedModelAdmin):
    scope = "ambassador__project"
    form = FeatureAdminForm
    list_display = ["week", "week_start", "ambassador", "planned"]
    list_select_related = ["ambassador", "planned_by"]
    date_hierarchy = "week_start"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return RequestForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "ambassador":
            kwargs["queryset"] = Ambassador.objects.public()  # scoped by the base
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Vecka"), ordering="week_start")
    def week(self, obj):
        year, week, _day = obj.week_start.isocalendar()
        return gettext("v. %(week)s %(year)s") % {"week": week, "year": year}

    @admin.display(description=_("Vald av"))
    def planned(self, obj):
        return obj.planned_by or gettext("rotationen")

    def has_change_permission(self, request, obj=None):
        return False  # a plan is added or removed, not edited, so the rules are checked once

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or services.feature_may_unplan(obj))

    def save_model(self, request, obj, form, change):
        feature = services.feature_plan(
            week=form.cleaned_data["week_start"], ambassador=form.cleaned_data["ambassador"], by=request.user
        )
        obj.pk, obj.planned_by, obj.created_at = feature.pk, feature.planned_by, feature.created_at

    def delete_model(self, request, obj):
        services.features_unplan(features=Feature.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.features_unplan(features=queryset)


# --- Visit requests and feedback (read-only: the parties act on the site) -----------------------


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VisitRequestEventInline(ReadOnlyInline):
    model = VisitRequestEvent
    fields = ["created_at", "side", "actor", "from_state", "to_state", "when", "message", "notified_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class VisitFeedbackInline(ReadOnlyInline):
    model = VisitFeedback
    fields = ["side", "author", "rating", "comment", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(VisitRequest)
class VisitRequestAdmin(ScopedModelAdmin):
    scope = "ambassador__project"
    list_display = ["ambassador", "school", "group_name", "state", "scheduled_for", "created_at"]
    list_filter = ["state", "format"]
    list_select_related = ["ambassador__profession", "school"]
    search_fields = ["ambassador__display_name", "school__name", "group_name"]
    date_hierarchy = "created_at"
    inlines = [VisitRequestEventInline, VisitFeedbackInline]
    readonly_fields = [
        "ambassador",
        "requested_by",
        "school",
        "group_name",
        "school_year",
        "pupils",
        "first_choice",
        "second_choice",
        "third_choice",
        "format",
        "message",
        "state",
        "proposed_for",
        "scheduled_for",
        "created_at",
        "site_link",
    ]
    fields = readonly_fields

    @admin.display(description=_("På webbplatsen"))
    def site_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), gettext("Öppna förfrågan"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class FeedbackAmbassadorFilter(admin.SimpleListFilter):
    title = _("yrkesambassadör")
    parameter_name = "ambassador"

    def lookups(self, request, model_admin):
        ambassadors = model_admin.scoped(
            request, Ambassador.objects.filter(visit_requests__feedback__isnull=False).distinct()
        )
        return [(a.pk, a.display_name) for a in ambassadors.order_by("display_name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(visit_request__ambassador__pk=_number(self.value()))
        return queryset


@admin.register(VisitFeedback)
class VisitFeedbackAdmin(ScopedModelAdmin):
    scope = "visit_request__ambassador__project"
    list_display = ["ambassador", "school", "side", "rating", "comment", "created_at"]
    list_filter = [FeedbackAmbassadorFilter, "side", "rating"]
    list_select_related = ["visit_request__ambassador", "visit_request__school"]
    readonly_fields = ["visit_request", "side", "author", "rating", "comment", "created_at"]
    fields = readonly_fields

    @admin.display(description=_("Yrkesambassadör"), ordering="visit_request__ambassador__display_name")
    def ambassador(self, obj):
        return obj.visit_request.ambassador.display_name

    @admin.display(description=_("Skola"))
    def school(self, obj):
        return obj.visit_request.school

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Vocabulary ---------------------------------------------------------------------------------


class AmbassadorVocabularyAdmin(VocabularyAdmin):
    used_by = "ambassadors"

    def has_change_permission(self, request, obj=None):
        # Shared by all projects: once added, only site administrators rename or remove.
        return is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_site_admin(request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # a new name must be findable in the search
            services.reindex(obj.ambassadors.all())


admin.site.register(Profession, AmbassadorVocabularyAdmin)
admin.site.register(Industry, AmbassadorVocabularyAdmin)
admin.site.register(Language, AmbassadorVocabularyAdmin)
admin.site.register(AgeGroup, AmbassadorVocabularyAdmin)


@admin.register(EducationPath)
class EducationPathAdmin(AmbassadorVocabularyAdmin):
    list_display = ["name", "slug", "level", "position", "in_use"]
    list_filter = ["level"]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["version", "in_use_from", "consent_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(uses=Count("consents"))

    @admin.display(description=_("Samtycken"), ordering="uses")
    def consent_count(self, obj):
        return obj.uses

    def get_readonly_fields(self, request, obj=None):
        # A text someone has agreed to is evidence of what they agreed to: add a new version instead.
        if obj is not None and obj.consents.exists():
            return ["version", "body", "in_use_from"]
        return []

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.consents.exists())
