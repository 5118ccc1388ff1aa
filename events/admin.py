"""Admin for events, scoped: a project leader sees and edits only the events of the projects
they lead now, and everything that hangs off those events (portal.admin_scoping.ScopedModelAdmin,
each class with its path to the projects). Site administrators see everything.

Changes that hand out or free places (cancelling, moving between tracks, more places) go
through the services, never straight to the rows.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin_scoping import ScopedModelAdmin, is_site_admin
from portal.audit import log_admin_action
from portal.forms import https_urls
from portal.spreadsheets import csv_response, xlsx_response, xlsx_table_bytes
from projects.admin import ProseEditorNonceMixin

from . import exports, selectors, services
from .models import (
    ActionItem,
    Event,
    Registration,
    RoundTable,
    RoundTableMember,
    Session,
    Speaker,
    SpeedDate,
    Track,
)


def _parent_event_id(request) -> str | None:
    """The event whose change page an inline is on (None on the add page)."""
    match = request.resolver_match
    return match.kwargs.get("object_id") if match else None


# --- Events ------------------------------------------------------------------------------------


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = ["name", "capacity", "position", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "cols": 40})}

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and self.instance.pk:
            taken = services.confirmed_counts(self.instance.event)[1][self.instance.pk]
            if capacity < taken:
                raise forms.ValidationError(
                    gettext("Spåret har redan %(count)d bekräftade deltagare.") % {"count": taken}
                )
        return capacity


class TrackInline(admin.TabularInline):
    model = Track
    form = TrackForm
    extra = 0
    verbose_name_plural = _("Spår (deltagarna väljer ett)")


class SessionInline(admin.StackedInline):
    model = Session
    extra = 0
    fields = [("starts_at", "ends_at"), ("kind", "room"), "title", "track", ("speakers", "moderator"), "description"]
    autocomplete_fields = ["speakers", "moderator"]
    ordering = ["starts_at"]
    classes = ["collapse"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "track":
            # Only this event's tracks; on a new event, save the tracks first.
            kwargs["queryset"] = Track.objects.filter(event_id=_parent_event_id(request) or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        description = formset.form.base_fields.get("description")
        if description is not None:
            description.widget.attrs.update({"rows": 3})
        return formset


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "status",
            "projects",
            "region",
            "summary",
            "description",
            "venue",
            "address",
            "online_url",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "reminder_days",
            "follows_up",
            "image",
            "image_alt",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}
        formfield_callback = https_urls

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_projects(self):
        projects = self.cleaned_data.get("projects")
        if self.user is not None and not is_site_admin(self.user) and not projects:
            raise forms.ValidationError(
                gettext("Välj minst ett av dina projekt, annars kan du inte redigera evenemanget efteråt.")
            )
        return projects

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and self.instance.pk:
            taken, _per_track = services.confirmed_counts(self.instance)
            if capacity < taken:
                raise forms.ValidationError(
                    gettext(
                        "Det finns redan %(count)d bekräftade deltagare. Avboka några först om platserna ska bli färre."
                    )
                    % {"count": taken}
                )
        return capacity


class WhenFilter(admin.SimpleListFilter):
    title = _("när")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Kommande")), ("past", _("Tidigare"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if self.value() == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


@admin.register(Event)
class EventAdmin(ProseEditorNonceMixin, ScopedModelAdmin):
    scope = "projects"
    form = EventAdminForm
    list_display = ["title", "kind", "starts_at", "region", "status", "places", "waiting"]
    list_filter = [WhenFilter, "status", "kind", "region"]
    list_select_related = ["region"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TrackInline, SessionInline]
    readonly_fields = ["organiser_links"]
    actions = ["cancel_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "projects", "organiser_links"]}),
        (_("När och var"), {"fields": [("starts_at", "ends_at"), "region", "venue", "address", "online_url"]}),
        (_("Beskrivning"), {"fields": ["summary", "description", ("image", "image_alt"), "follows_up"]}),
        (_("Anmälan"), {"fields": ["capacity", ("registration_opens_at", "registration_closes_at")]}),
        (_("Påminnelser"), {"fields": ["reminder_days"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("region")
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
                waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class ScopedForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return ScopedForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "online_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "projects":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Setting the status to cancelled calls the event off; the service tells everyone registered.
        services.event_save(event=obj, changed=form.changed_data if change else ())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A leader who picked only projects of others would lose the event; the form refuses
        # that. More places (event or track) go to those waiting at once.
        promoted = services.waitlist_fill(event=form.instance)
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person på väntelistan fick en plats och får e-post.",
                    "%(count)d personer på väntelistan fick en plats och får e-post.",
                    len(promoted),
                )
                % {"count": len(promoted)},
                messages.SUCCESS,
            )

    @admin.display(description=_("Platser"), ordering="confirmed_count")
    def places(self, obj):
        url = reverse("admin:events_registration_changelist") + f"?event__id__exact={obj.pk}"
        taken = f"{obj.confirmed_count} / {obj.capacity}" if obj.capacity else str(obj.confirmed_count)
        return format_html('<a href="{}">{}</a>', url, taken)

    @admin.display(description=_("Väntar"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=_("För arrangörer"))
    def organiser_links(self, obj):
        if not obj or not obj.pk:
            return gettext("Spara evenemanget först.")
        links = [
            (
                reverse("admin:events_registration_changelist") + f"?event__id__exact={obj.pk}",
                gettext("Deltagarlista och export"),
            ),
            (reverse("admin:events_event_checkin", args=[obj.pk]), gettext("Incheckningslista")),
            (reverse("admin:events_roundtable_changelist") + f"?event__id__exact={obj.pk}", gettext("Kommunbord")),
            (obj.get_absolute_url(), gettext("Visa på webbplatsen")),
        ]
        if obj.round_tables.exists():
            links.append(
                (reverse("events:follow-up", kwargs={"slug": obj.slug}), gettext("Uppföljning av kommunborden"))
            )
        return format_html(
            '<ul class="events-admin-links">{}</ul>', format_html_join("", '<li><a href="{}">{}</a></li>', links)
        )

    @admin.action(description=_("Ställ in valda evenemang och meddela de anmälda"), permissions=["change"])
    def cancel_events(self, request, queryset):
        for event in queryset:
            services.event_cancel(event=event)
        self.message_user(
            request,
            ngettext("%(count)d evenemang är inställt.", "%(count)d evenemang är inställda.", queryset.count())
            % {"count": queryset.count()},
            messages.SUCCESS,
        )

    # --- Check-in list ---------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/incheckning/",
                self.admin_site.admin_view(self.checkin_view),
                name="events_event_checkin",
            ),
        ] + super().get_urls()

    def checkin_view(self, request, object_id):
        """A printable list of confirmed participants, where attendance is also marked at the door."""
        event = self.get_object(request, object_id)
        if event is None or not self.has_change_permission(request, event):
            raise Http404
        registrations = (
            event.registrations.filter(status=Registration.Status.CONFIRMED)
            .select_related("user", "track")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        if request.method == "POST":
            registration_id = request.POST.get("registration", "")
            if not registration_id.isdecimal():
                raise Http404
            registration = get_object_or_404(registrations, pk=registration_id)
            attended = request.POST.get("attended") == "1"
            if services.registrations_set_attendance(registrations=[registration], attended=attended):
                log_admin_action(
                    user=request.user,
                    objects=[registration],
                    message=_("Närvaro registrerad i incheckningslistan.")
                    if attended
                    else _("Närvaro borttagen i incheckningslistan."),
                )
            return HttpResponseRedirect(request.path + f"#r{registration.pk}")
        rows = list(registrations)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Incheckning: %(event)s") % {"event": event.title},
            "event": event,
            "registrations": rows,
            "present": sum(1 for registration in rows if registration.attended),
            "opts": self.model._meta,
            "has_tracks": any(registration.track_id for registration in rows),
        }
        return TemplateResponse(request, "events/admin/checkin.html", context)


# --- Registrations -----------------------------------------------------------------------------


class AttendedFilter(admin.SimpleListFilter):
    title = _("närvaro")
    parameter_name = "attended"

    def lookups(self, request, model_admin):
        return [("yes", _("Närvarande")), ("no", _("Inte markerad"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(checked_in_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(checked_in_at__isnull=True)
        return queryset


class NeedsFilter(admin.SimpleListFilter):
    title = _("särskilda behov")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [("diet", _("Kost eller allergier")), ("access", _("Tillgänglighet"))]

    def queryset(self, request, queryset):
        if self.value() == "diet":
            return queryset.exclude(dietary_needs="")
        if self.value() == "access":
            return queryset.exclude(accessibility_needs="")
        return queryset


class MoveTrackForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Nytt spår"), queryset=Track.objects.none(), empty_label=None)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = event.tracks.order_by("position", "name")


@admin.register(Registration)
class RegistrationAdmin(ScopedModelAdmin):
    """The participant list. Registrations are made by participants themselves; here organisers
    filter, export, mark attendance, move people between tracks and cancel."""

    scope = "event__projects"

    list_display = [
        "participant",
        "email",
        "event",
        "track",
        "status",
        "organisation_type",
        "organisation_name",
        "has_needs",
        "attended_mark",
        "created_at",
    ]
    list_filter = [
        ("event", admin.RelatedOnlyFieldListFilter),
        ("track", admin.RelatedOnlyFieldListFilter),
        "status",
        "organisation_type",
        AttendedFilter,
        NeedsFilter,
    ]
    list_select_related = ["user", "event", "track"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation_name"]
    ordering = ["-event__starts_at", "user__last_name", "user__first_name"]
    list_per_page = 100
    actions = [
        "export_csv",
        "export_xlsx",
        "mark_attended",
        "mark_not_attended",
        "move_to_track",
        "cancel_registrations",
    ]
    fields = [
        "event",
        "user",
        "track",
        "status",
        "organisation_type",
        "organisation_name",
        "dietary_needs",
        "accessibility_needs",
        "consent_to_list",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
        "checked_in_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would skip the waiting list; cancel instead. (Erasing a person removes theirs.)
        return False

    @admin.display(description=_("Namn"), ordering="user__last_name")
    def participant(self, obj):
        return obj.participant_name

    @admin.display(description=_("E-post"), ordering="user__email")
    def email(self, obj):
        return obj.user.email if obj.user_id else "–"

    @admin.display(description=_("Behov"), boolean=True)
    def has_needs(self, obj):
        return bool(obj.dietary_needs or obj.accessibility_needs)

    @admin.display(description=_("Närvarande"), boolean=True, ordering="checked_in_at")
    def attended_mark(self, obj):
        return obj.attended

    def _export_name(self, queryset) -> str:
        titles = set(queryset.values_list("event__slug", flat=True).distinct()[:2])
        base = titles.pop() if len(titles) == 1 else "deltagare"
        return f"{slugify(base)}-{timezone.localdate():%Y%m%d}"

    @admin.action(description=_("Exportera valda som CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        headers, rows = exports.export_rows(queryset)
        return csv_response([headers, *rows], filename=f"{self._export_name(queryset)}.csv")

    @admin.action(description=_("Exportera valda som Excel (XLSX)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        headers, rows = exports.export_rows(queryset)
        content = xlsx_table_bytes([headers, *rows], title=gettext("Deltagare"))
        return xlsx_response(content, filename=f"{self._export_name(queryset)}.xlsx")

    @admin.action(description=_("Markera valda som närvarande"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = services.registrations_set_attendance(registrations=queryset, attended=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d deltagare markerad som närvarande.", "%(count)d deltagare markerade som närvarande.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Ta bort närvaromarkering för valda"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = services.registrations_set_attendance(registrations=queryset, attended=False)
        self.message_user(
            request,
            ngettext(
                "Närvaromarkeringen borttagen för %(count)d deltagare.",
                "Närvaromarkeringen borttagen för %(count)d deltagare.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Flytta valda till ett annat spår"), permissions=["change"])
    def move_to_track(self, request, queryset):
        try:
            event = services.track_move_event(queryset)
        except services.EventError as error:
            self.message_user(request, error.message, messages.ERROR)
            return None
        form = MoveTrackForm(request.POST if "apply" in request.POST else None, event=event)
        if form.is_bound and form.is_valid():
            moved, refused = services.registrations_move_track(registrations=queryset, track=form.cleaned_data["track"])
            if moved:
                self.message_user(
                    request,
                    ngettext("%(count)d deltagare flyttad.", "%(count)d deltagare flyttade.", moved) % {"count": moved},
                    messages.SUCCESS,
                )
            for registration, error in refused:
                self.message_user(request, f"{registration.participant_name}: {error.message}", messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Flytta till ett annat spår"),
            "event": event,
            "form": form,
            "registrations": queryset.select_related("user", "track"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "events/admin/move_track.html", context)

    @admin.action(description=_("Avboka valda (väntelistan flyttas fram)"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        count, promoted = services.registrations_cancel(registrations=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d anmälan avbokad; %(promoted)d från väntelistan fick plats.",
                "%(count)d anmälningar avbokade; %(promoted)d från väntelistan fick plats.",
                count,
            )
            % {"count": count, "promoted": promoted},
            messages.SUCCESS,
        )


# --- Speakers ----------------------------------------------------------------------------------


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    """Speakers are shared by all events, so project leaders may add and correct them; only
    site administrators delete (someone else's programme may use the speaker)."""

    list_display = ["name", "title", "organisation", "session_count"]
    search_fields = ["name", "organisation", "title"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions", distinct=True))

    @admin.display(description=_("Programpunkter"), ordering="session_count")
    def session_count(self, obj):
        return obj.session_count

    def has_delete_permission(self, request, obj=None):
        return is_site_admin(request.user)


# --- Round tables ------------------------------------------------------------------------------


class RoundTableMemberInline(admin.TabularInline):
    model = RoundTableMember
    extra = 0


class ActionItemInline(admin.StackedInline):
    model = ActionItem
    extra = 0
    fields = ["what", ("responsible", "owner_email"), ("due_on", "status"), "outcome"]
    readonly_fields = []

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        for name in ("what", "outcome"):
            formset.form.base_fields[name].widget.attrs.update({"rows": 2})
        return formset


@admin.register(RoundTable)
class RoundTableAdmin(ScopedModelAdmin):
    scope = "event__projects"
    list_display = ["__str__", "event", "member_count", "item_count", "done_count"]
    list_filter = [("event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["event", "municipality"]
    search_fields = ["municipality__name", "event__title"]
    autocomplete_fields = ["municipality"]
    inlines = [RoundTableMemberInline, ActionItemInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count("members", distinct=True),
                item_count=Count("action_items", distinct=True),
                done_count=Count("action_items", filter=Q(action_items__status=ActionItem.Status.DONE), distinct=True),
            )
        )

    @admin.display(description=_("Deltagare"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.display(description=_("Åtgärder"), ordering="item_count")
    def item_count(self, obj):
        return obj.item_count

    @admin.display(description=_("Genomförda"), ordering="done_count")
    def done_count(self, obj):
        return obj.done_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not ActionItem:
            return super().save_formset(request, form, formset, change)
        # Through the service: who changed a status and when is recorded, the reminders follow.
        formset.save(commit=False)
        for item in formset.deleted_objects:
            item.delete()
        for inline_form in formset.saved_forms:
            services.action_item_save(item=inline_form.instance, by=request.user, changed=inline_form.changed_data)
        formset.save_m2m()
        return None


@admin.register(ActionItem)
class ActionItemAdmin(ScopedModelAdmin):
    scope = "table__event__projects"
    list_display = ["what_short", "table", "responsible", "due_on", "status"]
    list_filter = ["status", ("table__event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["table__municipality", "table__event"]
    search_fields = ["what", "responsible", "table__municipality__name"]
    fields = [
        "table",
        "what",
        "responsible",
        "owner_email",
        "due_on",
        "status",
        "outcome",
        "status_changed_at",
        "status_changed_by",
    ]
    readonly_fields = ["status_changed_at", "status_changed_by"]

    @admin.display(description=_("Åtgärd"), ordering="what")
    def what_short(self, obj):
        return str(obj)

    def save_model(self, request, obj, form, change):
        services.action_item_save(item=obj, by=request.user, changed=form.changed_data)


# --- Speed-date --------------------------------------------------------------------------------


@admin.register(SpeedDate)
class SpeedDateAdmin(ScopedModelAdmin):
    scope = "session__event__projects"
    list_display = ["session", "event", "tables", "minutes_per_round", "planned_at", "schedule_links"]
    list_select_related = ["session__event"]
    fields = ["session", "tables", "minutes_per_round", "changeover_minutes", "planned_at", "schedule_links"]
    readonly_fields = ["planned_at", "schedule_links"]
    actions = ["plan_confirmed", "plan_checked_in"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session":
            sessions = Session.objects.filter(kind=Session.Kind.SPEED_DATE).select_related("event")
            kwargs["queryset"] = self.scoped(request, sessions, scope="event__projects")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Evenemang"), ordering="session__event__starts_at")
    def event(self, obj):
        return obj.session.event

    @admin.display(description=_("Schema att skriva ut"))
    def schedule_links(self, obj):
        if not obj or not obj.pk:
            return "–"
        if not obj.planned_at:
            return gettext("Inte planerad än: välj den i listan och kör ”Planera”.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:events_speeddate_tables", args=[obj.pk]),
            gettext("per bord"),
            reverse("admin:events_speeddate_participants", args=[obj.pk]),
            gettext("per deltagare"),
        )

    def _plan(self, request, queryset, *, only_checked_in: bool):
        for speed_date in queryset.select_related("session"):
            try:
                plan = services.speed_date_plan(speed_date=speed_date, only_checked_in=only_checked_in)
            except services.EventError as error:
                self.message_user(request, f"{speed_date}: {error.message}", messages.ERROR)
                continue
            self.message_user(
                request,
                gettext("%(session)s: %(people)d deltagare, %(rounds)d rundor vid %(tables)d bord.")
                % {
                    "session": speed_date.session.title,
                    "people": len(plan.group_a) + len(plan.group_b),
                    "rounds": plan.rounds,
                    "tables": plan.tables,
                },
                messages.SUCCESS,
            )

    @admin.action(description=_("Planera med alla bekräftade deltagare"), permissions=["change"])
    def plan_confirmed(self, request, queryset):
        self._plan(request, queryset, only_checked_in=False)

    @admin.action(description=_("Planera med de incheckade deltagarna"), permissions=["change"])
    def plan_checked_in(self, request, queryset):
        self._plan(request, queryset, only_checked_in=True)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/schema/bord/",
                self.admin_site.admin_view(self.tables_view),
                name="events_speeddate_tables",
            ),
            path(
                "<path:object_id>/schema/deltagare/",
                self.admin_site.admin_view(self.participants_view),
                name="events_speeddate_participants",
            ),
        ] + super().get_urls()

    def _schedule_response(self, request, object_id, template, title):
        speed_date = self.get_object(request, object_id)
        if speed_date is None or not self.has_view_permission(request, speed_date):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "title": title % {"session": speed_date.session.title},
            "speed_date": speed_date,
            "schedule": selectors.speed_date_schedule(speed_date),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, template, context)

    def tables_view(self, request, object_id):
        return self._schedule_response(
            request, object_id, "events/admin/speed_date_tables.html", gettext("Schema per bord: %(session)s")
        )

    def participants_view(self, request, object_id):
        return self._schedule_response(
            request,
            object_id,
            "events/admin/speed_date_participants.html",
            gettext("Schema per deltagare: %(session)s"),
        )
