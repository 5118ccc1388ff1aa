"""The admin for projects, courses and registrations, scoped to the projects a leader leads.

Every class that holds project-owned data is a portal.admin_scoping.ScopedModelAdmin with its
`scope` (the lookup path to its project): its list, change form, search, actions and object
permissions see only the leader's projects, and foreign key choices offer only their projects,
courses and occasions. Site administrators see all.
"""

from csp.constants import NONCE
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from js_asset import Media as AssetMedia

from portal.admin import VocabularyAdmin
from portal.admin_scoping import ScopedModelAdmin, is_site_admin
from portal.models import Organisation

from . import selectors
from .admin_reports import ProjectReportAdminMixin
from .exports import registrations_csv_response, registrations_xlsx_response
from .models import (
    CompetenceNeed,
    Course,
    CourseCategory,
    Employee,
    Enrolment,
    NewsPost,
    Occasion,
    ParticipatingCompany,
    ProfessionalNetwork,
    Project,
    ProjectLeader,
    ReferenceGroupMember,
    TargetGroup,
)
from .services.enrolment import attendance_record, attendance_record_many, confirmed_counts, enrolments_cancel_by_leader
from .services.errors import ProjectsError
from .services.occasions import occasion_delete, occasion_save, occasions_cancel
from .services.participation import participation_save
from .services.project_settings import project_save

# The editor (Tiptap inside django-prose-editor) injects a small <style> element with its core
# rules; this is that element's hash, so it is allowed and nothing else inline is. Should a new
# editor version change those rules, the browser blocks them and reports it, and the editor
# still works, only less polished: update the hash from the browser console's message.
EDITOR_CORE_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class ProseEditorNonceMixin:
    """Lets the rich text editor run under the site's strict CSP.

    The editor loads as ES modules through an inline import map; browsers have no external import
    maps, so only this admin page allows that one script, by a nonce made for the response.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        media = context.get("media")
        if isinstance(media, AssetMedia):
            context["media"] = media.with_nonce(str(request.csp_nonce))
        response = super().render_change_form(request, context, *args, **kwargs)
        response._csp_update = {"script-src": [NONCE], "style-src": [EDITOR_CORE_STYLE_HASH]}
        return response


# --- Projects -------------------------------------------------------------------------------------


class RowAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels its chosen value from objects fetched once for all inline rows.

    Django's widget asks the database for each row's chosen object; on a project with many
    participating companies that would be one query per row.
    """

    known: dict | None = None

    def optgroups(self, name, value, attr=None):
        if self.known is None:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        for pk in selected:
            if pk in self.known:
                label = self.choices.field.label_from_instance(self.known[pk])
                options.append(self.create_option(name, pk, label, True, len(options)))
        return [(None, options, 0)]


class PrefetchedChoicesFormSet(BaseInlineFormSet):
    """Fetches the chosen objects of the autocomplete fields of all rows in one query per field,
    and the options of the other select fields once for all rows (Django lists them again for
    every row: one query per row and field)."""

    @cached_property
    def forms(self):
        rows = super().forms
        for name, field in self.form.base_fields.items():
            if not isinstance(field, forms.ModelChoiceField) or not rows:
                continue
            if isinstance(getattr(field.widget, "widget", None), RowAutocompleteSelect):
                chosen = {row[name].value() for row in rows} - {None, ""}
                known = {str(obj.pk): obj for obj in field.queryset.filter(pk__in=chosen)} if chosen else {}
                for row in rows:
                    row.fields[name].widget.widget.known = known
            elif not isinstance(getattr(field.widget, "widget", None), AutocompleteSelect):
                choices = list(rows[0].fields[name].choices)
                for row in rows:
                    row.fields[name].choices = choices
        return rows


class PrefetchedAutocompleteInline(admin.TabularInline):
    formset = PrefetchedChoicesFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProjectLeaderInline(PrefetchedAutocompleteInline):
    """Leaders with their periods. Handing over is done by a site administrator; leaders see the history."""

    model = ProjectLeader
    extra = 0
    fields = ["user", "title", "started_on", "ended_on"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "project")

    def has_add_permission(self, request, obj=None):
        return is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_site_admin(request.user)


class ReferenceGroupMemberInline(PrefetchedAutocompleteInline):
    model = ReferenceGroupMember
    extra = 0
    fields = ["name", "title", "organisation", "order"]
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "project")


class ParticipatingCompanyInline(PrefetchedAutocompleteInline):
    """A leader's new row is a request to the company (projects.services.participation)."""

    model = ParticipatingCompany
    extra = 0
    fields = ["company", "status", "joined_on", "women", "men", "non_binary"]
    readonly_fields = ["status"]
    autocomplete_fields = ["company"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "project")


class ProfessionalNetworkInline(admin.StackedInline):
    model = ProfessionalNetwork
    extra = 0
    fields = ["role", "description", "meets", "contact_email"]


@admin.register(Project)
class ProjectAdmin(ProjectReportAdminMixin, ProseEditorNonceMixin, ScopedModelAdmin):
    scope = "pk"
    change_form_template = "admin/projects/project/change_form.html"
    list_display = ["name", "status", "owner", "starts_on", "ends_on", "leader_names", "report_link"]
    list_filter = ["status"]
    list_select_related = ["owner"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["owner", "funders"]
    filter_horizontal = ["regions"]
    inlines = [
        ProjectLeaderInline,
        ReferenceGroupMemberInline,
        ParticipatingCompanyInline,
        ProfessionalNetworkInline,
    ]
    fieldsets = (
        (None, {"fields": ("name", "slug", "status", "summary", "body", ("image", "image_alt"), "eu_funded")}),
        (_("Organisation och period"), {"fields": ("owner", "funders", "regions", ("starts_on", "ends_on"))}),
        (_("Mål"), {"fields": (("target_companies", "target_employees", "target_hours"), "target_groups")}),
        (_("Horisontella principer"), {"fields": ("gender_equality", "accessibility", "non_discrimination")}),
        (_("Påminnelser och uppföljning"), {"fields": ("reminder_days", "gender_gap_threshold")}),
        (_("Kontaktperson"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
    )

    def save_model(self, request, obj, form, change):
        # Through the service: changed reminder days reach the reminders already scheduled.
        project_save(project=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ParticipatingCompany:
            return super().save_formset(request, form, formset, change)
        # Through the service: a leader's adding a company asks the company, it does not enrol it.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        changed_company = {id(row.instance) for row in formset.forms if "company" in row.changed_data}
        asked = False
        for participation in instances:
            is_request = participation.pk is None or id(participation) in changed_company
            participation_save(participation=participation, by=request.user, company_changed=is_request)
            asked |= is_request and participation.status == ParticipatingCompany.Status.PENDING
        formset.save_m2m()
        if asked:
            messages.info(
                request,
                _(
                    "Företaget har fått en förfrågan om att delta. Det visas, och dess kompetensbehov syns, "
                    "när företaget har tackat ja."
                ),
            )

    def get_queryset(self, request):
        current = ProjectLeader.objects.current().select_related("user")
        return (
            super()
            .get_queryset(request)
            .select_related("owner")
            .prefetch_related(models.Prefetch("leaders", queryset=current, to_attr="current_leaders"))
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "target_groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_add_permission(self, request):
        # New projects are set up by a site administrator, who also names their leaders.
        return is_site_admin(request.user)

    @admin.display(description=_("Projektledare nu"))
    def leader_names(self, obj):
        return ", ".join(str(leader.user) for leader in obj.current_leaders) or "–"

    @admin.display(description=_("Uppföljning"))
    def report_link(self, obj):
        url = reverse("admin:projects_project_report", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Rapport"))


@admin.register(NewsPost)
class NewsPostAdmin(ProseEditorNonceMixin, ScopedModelAdmin):
    scope = "project"
    list_display = ["title", "project", "published_at", "is_live"]
    list_filter = [("project", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["project"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    fields = ["project", "title", "slug", "lead", "body", ("image", "image_alt"), "published_at", "author"]
    readonly_fields = ["author"]

    @admin.display(description=_("Publicerad"), boolean=True)
    def is_live(self, obj):
        return obj.is_published()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)


# --- Course catalogue -----------------------------------------------------------------------------


# Shared by all projects: project leaders read these lists (see apps.py), site administrators keep them.
@admin.register(CourseCategory)
class CourseCategoryAdmin(VocabularyAdmin):
    used_by = "courses"


@admin.register(TargetGroup)
class TargetGroupAdmin(VocabularyAdmin):
    used_by = "projects"


class OccasionForm(forms.ModelForm):
    class Meta:
        model = Occasion
        fields = [
            "course",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "region",
            "seats",
            "company_quota",
            "registration_deadline",
            "cancellation_deadline",
        ]

    def clean_seats(self):
        seats = self.cleaned_data["seats"]
        if self.instance.pk:
            taken = confirmed_counts(self.instance).total()
            if seats < taken:
                raise forms.ValidationError(
                    _("%(taken)s platser är redan bekräftade. Avboka deltagare innan du minskar antalet platser.")
                    % {"taken": taken}
                )
        return seats


def _save_occasion(request, occasion) -> None:
    """Through the service: a moved start moves the reminders, more seats are filled from the waiting list."""
    promoted = occasion_save(occasion=occasion)
    if promoted:
        messages.info(
            request,
            ngettext(
                "%(count)s person flyttades upp från väntelistan.",
                "%(count)s personer flyttades upp från väntelistan.",
                len(promoted),
            )
            % {"count": len(promoted)},
        )


def _delete_occasion(request, occasion) -> None:
    # The admin refuses to delete occasions with registrations beforehand; one that got a
    # registration meanwhile is kept, with the reason.
    try:
        occasion_delete(occasion=occasion)
    except ProjectsError as error:
        messages.error(request, f"{occasion}: {error}")


class OccasionInline(admin.TabularInline):
    model = Occasion
    form = OccasionForm
    formset = PrefetchedChoicesFormSet
    extra = 0
    show_change_link = True
    fields = [
        "starts_at",
        "ends_at",
        "mode",
        "place",
        "region",
        "seats",
        "company_quota",
        "registration_deadline",
        "cancellation_deadline",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("course")


@admin.register(Course)
class CourseAdmin(ScopedModelAdmin):
    scope = "project"
    list_display = ["title", "project", "category", "level", "provider", "hours", "occasion_count"]
    list_filter = ["category", "level", ("project", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["project", "category", "provider"]
    search_fields = ["title", "description"]
    inlines = [OccasionInline]

    def get_queryset(self, request):
        # Ordered here too: the autocomplete (a project leader choosing a course) pages through it.
        return super().get_queryset(request).annotate(occasion_total=Count("occasions")).order_by("title", "pk")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "provider":
            kwargs["queryset"] = Organisation.objects.filter(kind=Organisation.Kind.EDUCATION_PROVIDER)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Occasion:
            return super().save_formset(request, form, formset, change)
        occasions = formset.save(commit=False)
        for occasion in formset.deleted_objects:
            _delete_occasion(request, occasion)
        for occasion in occasions:
            _save_occasion(request, occasion)
        formset.save_m2m()
        return None

    @admin.display(description=_("Tillfällen"), ordering="occasion_total")
    def occasion_count(self, obj):
        url = reverse("admin:projects_occasion_changelist") + f"?course__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.occasion_total)


class EnrolmentInlineForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["attended", "hours"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attended") is not None and self.instance.status != Enrolment.Status.CONFIRMED:
            raise forms.ValidationError(_("Närvaro kan bara registreras för bekräftade deltagare."))
        return cleaned


class EnrolmentInline(admin.TabularInline):
    """Attendance and hours per participant, recorded after the occasion."""

    model = Enrolment
    form = EnrolmentInlineForm
    extra = 0
    can_delete = False
    fields = ["participant", "company", "status", "created", "needs", "attended", "hours"]
    readonly_fields = ["participant", "company", "status", "created", "needs"]
    verbose_name = _("deltagare")
    verbose_name_plural = _("deltagare och närvaro")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("employee", "company", "occasion__course")
            .order_by("status", "created", "pk")
        )

    def has_add_permission(self, request, obj=None):
        return False  # registrations are made by company contacts through the portal

    @admin.display(description=_("Deltagare"))
    def participant(self, obj):
        return obj.employee.full_name or _("Borttagen person")

    @admin.display(description=_("Behov av anpassning"))
    def needs(self, obj):
        return needs_text(obj)


def needs_text(enrolment) -> str:
    if not enrolment.has_accessibility_needs:
        return "–"
    return enrolment.accessibility_needs or _("Ja (beskrivningen är raderad)")


class ExportActionsMixin:
    """Registrations as CSV or XLSX, for the selected rows."""

    def enrolments_for_export(self, request, queryset):
        raise NotImplementedError

    @admin.action(description=_("Exportera anmälningar som CSV"))
    def export_csv(self, request, queryset):
        return registrations_csv_response(self.enrolments_for_export(request, queryset))

    @admin.action(description=_("Exportera anmälningar som Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return registrations_xlsx_response(self.enrolments_for_export(request, queryset))


@admin.register(Occasion)
class OccasionAdmin(ExportActionsMixin, ScopedModelAdmin):
    scope = "course__project"
    form = OccasionForm
    list_display = ["course", "starts_at", "mode", "region", "seats", "confirmed", "waitlisted", "free", "status"]
    list_filter = [
        "status",
        "mode",
        "region",
        ("course__project", admin.RelatedOnlyFieldListFilter),
        "course__category",
    ]
    list_select_related = ["course", "region"]
    search_fields = ["course__title", "place"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["course"]
    inlines = [EnrolmentInline]
    actions = ["export_csv", "export_xlsx", "cancel_occasions"]
    readonly_fields = ["status", "cancelled_at"]
    fieldsets = (
        (None, {"fields": ("course", ("starts_at", "ends_at"), "mode", "place", "region", "status")}),
        (
            _("Platser och anmälan"),
            {"fields": ("seats", "company_quota", "registration_deadline", "cancellation_deadline")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_seat_counts()

    @admin.display(description=_("Bekräftade"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("Väntelista"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("Lediga"), ordering="free_seats")
    def free(self, obj):
        return obj.free_seats

    @admin.action(description=_("Ställ in valda tillfällen och meddela de anmälda"), permissions=["change"])
    def cancel_occasions(self, request, queryset):
        count = occasions_cancel(occasions=queryset, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s tillfälle ställdes in; de anmälda och de på väntelistan får besked via e-post.",
                "%(count)s tillfällen ställdes in; de anmälda och de på väntelistan får besked via e-post.",
                count,
            )
            % {"count": count},
        )

    def enrolments_for_export(self, request, queryset):
        return self.scoped(request, Enrolment.objects.filter(occasion__in=queryset.values("pk"))).exclude(
            status=Enrolment.Status.CANCELLED
        )

    def save_model(self, request, obj, form, change):
        _save_occasion(request, obj)

    def delete_model(self, request, obj):
        _delete_occasion(request, obj)

    def delete_queryset(self, request, queryset):
        for occasion in queryset:
            _delete_occasion(request, occasion)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Enrolment:
            return super().save_formset(request, form, formset, change)
        # Attendance goes through the service, which fills in hours the same way everywhere.
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for inline_form in formset.forms:
            if inline_form.has_changed():
                enrolment = attendance_record(
                    enrolment=inline_form.instance,
                    attended=inline_form.cleaned_data.get("attended"),
                    hours=inline_form.cleaned_data.get("hours"),
                )
                formset.changed_objects.append((enrolment, inline_form.changed_data))
        return None


@admin.register(Enrolment)
class EnrolmentAdmin(ExportActionsMixin, ScopedModelAdmin):
    scope = "occasion__course__project"
    list_display = ["participant", "company", "occasion", "status", "attended", "hours", "created"]
    list_filter = [
        "status",
        "attended",
        "has_accessibility_needs",
        ("occasion__course__project", admin.RelatedOnlyFieldListFilter),
        ("company", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["employee", "company", "occasion__course"]
    search_fields = [
        "employee__first_name",
        "employee__last_name",
        "employee__email",
        "company__name",
        "occasion__course__title",
    ]
    date_hierarchy = "created"
    fields = [
        "occasion",
        "participant",
        "company",
        "status",
        "created",
        "confirmed_at",
        "cancelled_at",
        "needs",
        "attended",
        "hours",
    ]
    readonly_fields = [
        "occasion",
        "participant",
        "company",
        "status",
        "created",
        "confirmed_at",
        "cancelled_at",
        "needs",
    ]
    actions = ["mark_attended", "mark_absent", "cancel", "export_csv", "export_xlsx"]

    def has_add_permission(self, request):
        return False  # registrations are made by company contacts through the portal

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the history is what reports count

    @admin.display(description=_("Deltagare"), ordering="employee__last_name")
    def participant(self, obj):
        return obj.employee.full_name or _("Borttagen person")

    @admin.display(description=_("Behov av anpassning"))
    def needs(self, obj):
        return needs_text(obj)

    def enrolments_for_export(self, request, queryset):
        return queryset

    def save_model(self, request, obj, form, change):
        try:
            attendance_record(
                enrolment=obj,
                attended=form.cleaned_data.get("attended"),
                hours=form.cleaned_data.get("hours"),
            )
        except ProjectsError as error:
            messages.error(request, str(error))

    def _record(self, request, queryset, attended):
        done, skipped = attendance_record_many(enrolments=queryset, attended=attended)
        messages.success(
            request,
            ngettext(
                "Närvaro registrerad för %(count)s deltagare.",
                "Närvaro registrerad för %(count)s deltagare.",
                done,
            )
            % {"count": done},
        )
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)s anmälan var inte bekräftad och hoppades över.",
                    "%(count)s anmälningar var inte bekräftade och hoppades över.",
                    skipped,
                )
                % {"count": skipped},
            )

    @admin.action(description=_("Markera som närvarande (kursens hela längd)"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._record(request, queryset, True)

    @admin.action(description=_("Markera som frånvarande"), permissions=["change"])
    def mark_absent(self, request, queryset):
        self._record(request, queryset, False)

    @admin.action(description=_("Avboka valda (platsen går till väntelistan)"), permissions=["change"])
    def cancel(self, request, queryset):
        cancelled = enrolments_cancel_by_leader(enrolments=queryset, by=request.user)
        messages.success(
            request,
            ngettext("%(count)s anmälan avbokad.", "%(count)s anmälningar avbokade.", cancelled) % {"count": cancelled},
        )


# --- Companies ------------------------------------------------------------------------------------


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    """For site administrators (support); company contacts keep their staff lists under Mitt företag."""

    list_display = ["__str__", "company", "email", "gender", "job_title", "removed_at"]
    list_filter = ["gender", ("company", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["company"]
    search_fields = ["first_name", "last_name", "email", "company__name"]
    autocomplete_fields = ["company"]


@admin.register(CompetenceNeed)
class CompetenceNeedAdmin(ScopedModelAdmin):
    """Companies' competence needs. Project leaders read those of their projects' companies, and the sums."""

    scope = "company__project_participations__project"
    list_display = ["company", "region", "category", "staff_count", "updated"]
    list_filter = ["category", "company__region"]
    list_select_related = ["company__region", "category"]
    search_fields = ["company__name"]
    change_list_template = "admin/projects/competenceneed/change_list.html"
    autocomplete_fields = ["company"]
    readonly_fields = ["updated_by"]

    @admin.display(description=_("Region"), ordering="company__region__name")
    def region(self, obj):
        return obj.company.region

    # The scope path alone would let a leader in through a participation they only asked for: the
    # needs are the leader's to read once the company has accepted (selectors.competence_needs_led_by).
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_site_admin(request.user):
            return queryset
        return queryset.filter(pk__in=selectors.competence_needs_led_by(request.user).values("pk"))

    def in_scope(self, request, obj):
        if obj is None or obj.pk is None or is_site_admin(request.user):
            return True
        return super().in_scope(request, obj) and self.get_queryset(request).filter(pk=obj.pk).exists()

    def get_urls(self):
        summary = path(
            "summering/",
            self.admin_site.admin_view(self.summary_view),
            name="projects_competenceneed_summary",
        )
        return [summary, *super().get_urls()]

    def summary_view(self, request):
        if not self.has_view_permission(request):
            return TemplateResponse(
                request,
                "admin/projects/competenceneed/summary.html",
                status=403,
                context={**self.admin_site.each_context(request), "denied": True},
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Kompetensbehov per projekt och region"),
            "rows": selectors.competence_need_summary(request.user),
        }
        return TemplateResponse(request, "admin/projects/competenceneed/summary.html", context)
