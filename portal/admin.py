from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .admin_scoping import is_site_admin
from .models import Municipality, Organisation, OutboxMessage, Region, Reminder, Role, User
from .outbox import outbox_retry
from .reminders import reminders_retry
from .services import user_access_sync

admin.site.site_header = _("Kompetensportalen – administration")
admin.site.site_title = _("Kompetensportalen")
admin.site.index_title = _("Administration")


class VocabularyAdmin(admin.ModelAdmin):
    """The admin of a word list built on `portal.models.Vocabulary`; register it per list.

    `used_by` names the reverse relation of the rows that use an entry ("courses"): the list counts
    them in a column headed by what they are ("Kurser"), so an editor sees what a rename touches.
    Who may add, change or delete entries is each app's decision, made in its subclass."""

    list_display = ["name", "slug", "position", "in_use"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    used_by = ""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        users = model._meta.get_field(self.used_by).related_model._meta.verbose_name_plural
        # Made per instance: the heading differs from list to list.
        self.in_use = admin.display(description=capfirst(users), ordering="in_use_count")(
            lambda entry: entry.in_use_count
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(in_use_count=Count(self.used_by))


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role_list", "is_active", "last_login"]
    list_filter = ["roles__kind", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personuppgifter"), {"fields": ("first_name", "last_name", "language")}),
        (_("Åtkomst"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Viktiga datum"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles__organisation")

    @admin.display(description=_("Roller"))
    def role_list(self, obj):
        return ", ".join(str(role) for role in obj.roles.all())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Roles decide admin access: a role added or removed in the inline takes effect at once.
        user_access_sync(user=form.instance)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "code"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "municipality"]
    list_filter = ["kind", "region"]
    list_select_related = ["region", "municipality"]
    search_fields = ["name", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Site administrators follow the reminders here; failed ones can be sent again."""

    list_display = ["kind", "recipient", "anchor", "due_at", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "user__email"]
    date_hierarchy = "due_at"
    readonly_fields = [f.name for f in Reminder._meta.fields if f.name != "status"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Försök skicka igen"))
    def retry(self, request, queryset):
        count = reminders_retry(reminders=queryset)
        self.message_user(request, _("%(count)d påminnelser skickas igen.") % {"count": count})


@admin.register(LogEntry)
class ChangeLogAdmin(admin.ModelAdmin):
    """Who changed what, and when, in the admin: Django records every addition, change and deletion;
    site administrators read the log here. Nobody can edit it."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change_message"]
    list_filter = ["action_flag", "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_site_admin(request.user)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Site administrators see here every e-mail the portal owes or has sent; failed ones
    (the relay kept refusing) are listed under their status and can be sent again."""

    list_display = ["created", "task", "args", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "task"]
    date_hierarchy = "created"
    readonly_fields = [f.name for f in OutboxMessage._meta.fields if f.name != "status"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Försök skicka igen"))
    def retry(self, request, queryset):
        count = outbox_retry(messages=queryset)
        self.message_user(request, _("%(count)d meddelanden skickas igen.") % {"count": count})
