"""The one scoping rule of the admin: a project leader reaches only the rows of the projects they
lead now; a site administrator (an active superuser) reaches all.

Every admin of project data is a `ScopedModelAdmin` and declares, once, the ORM lookup path from
its model to its project(s): `scope = "project"`, `"course__project"`, `"event__projects"`, or
`"pk"` when its rows are the projects themselves. From that path follow its list and search, the
change, delete, view and history pages (object permissions), the choices of foreign keys and
many-to-many fields (only rows the user may use), the autocomplete answers it gives other admins,
its actions (run on in-scope rows only) and the view-on-site link (see `view_on_site_in_scope`).

The portal knows no app's models: the model at the end of a scope path is the project model,
and its default manager's `led_by(user)` says who leads what (projects.models.ProjectQuerySet).
The projects a user leads are asked once per request and kept on the request.
"""

from __future__ import annotations

import functools

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

from .audit import AuditedActionsMixin
from .forms import refuse_control_characters


def is_site_admin(user) -> bool:
    """Site administrators reach everything in the admin; an account switched off reaches nothing."""
    return bool(user.is_active and user.is_superuser)


def _hops(model: type[Model], scope: str) -> list:
    """The fields along a scope path, checked: each a relation, except a final `pk`."""
    fields, current = [], model
    names = scope.split("__")
    for index, name in enumerate(names):
        if name == "pk" and index == len(names) - 1:
            break
        field = current._meta.get_field(name)
        if not field.is_relation:
            raise ImproperlyConfigured(f"{model.__name__}: scope {scope!r}: {name!r} is not a relation")
        fields.append(field)
        current = field.related_model
    return fields


def project_model_of(model: type[Model], scope: str) -> type[Model]:
    """The model a scope path ends at: the project model, whose manager has `led_by(user)`."""
    hops = _hops(model, scope)
    project_model = hops[-1].related_model if hops else model
    if not hasattr(project_model._default_manager, "led_by"):
        raise ImproperlyConfigured(
            f"{model.__name__}: scope {scope!r} ends at {project_model.__name__}, which has no led_by(user)"
        )
    return project_model


def _multi_valued(model: type[Model], scope: str) -> bool:
    return any(field.many_to_many or field.one_to_many for field in _hops(model, scope))


def led_project_ids(request, project_model: type[Model]) -> frozenset[int]:
    """The ids of the projects request.user leads now, asked once per request."""
    cache = request.__dict__.setdefault("_led_project_ids", {})
    label = project_model._meta.label
    if label not in cache:
        led = project_model._default_manager.led_by(request.user)
        cache[label] = frozenset(led.values_list("pk", flat=True))
    return cache[label]


def scope_queryset(request, queryset: QuerySet, scope: str) -> QuerySet:
    """`queryset` limited to rows of the projects request.user leads (all for site administrators)."""
    if is_site_admin(request.user):
        return queryset
    model = queryset.model
    ids = led_project_ids(request, project_model_of(model, scope))
    lookup = {f"{scope}__in": ids}
    if _multi_valued(model, scope):
        # Through a many-valued relation a plain filter repeats rows (and multiplies counts).
        return queryset.filter(pk__in=model._default_manager.filter(**lookup).values("pk"))
    return queryset.filter(**lookup)


def scoped_admin_of(model: type[Model], admin_site=admin.site) -> ScopedModelAdmin | None:
    model_admin = admin_site._registry.get(model)
    return model_admin if isinstance(model_admin, ScopedModelAdmin) else None


class ScopedModelAdmin(AuditedActionsMixin, admin.ModelAdmin):
    """Base of every admin of project data; subclasses set `scope` and call super() where they
    override get_queryset, formfield_for_* or has_*_permission."""

    scope: str = ""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not self.scope:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no scope")
        self.project_model = project_model_of(model, self.scope)

    # --- Rows --------------------------------------------------------------------------------

    def led_projects(self, request) -> QuerySet:
        """The projects request.user may edit (what project choices and filters offer)."""
        projects = self.project_model._default_manager.all()
        if is_site_admin(request.user):
            return projects
        return projects.filter(pk__in=led_project_ids(request, self.project_model))

    def scoped(self, request, queryset: QuerySet, scope: str | None = None) -> QuerySet:
        """Any queryset limited to request.user's projects; the scope defaults to its model's admin's."""
        if scope is None:
            if queryset.model is self.project_model:
                scope = "pk"
            elif (related := scoped_admin_of(queryset.model, self.admin_site)) is not None:
                scope = related.scope
            else:
                raise ImproperlyConfigured(f"No scope known for {queryset.model.__name__}")
        return scope_queryset(request, queryset, scope)

    def get_queryset(self, request):
        return scope_queryset(request, super().get_queryset(request), self.scope)

    def get_search_results(self, request, queryset, search_term):
        # The autocomplete of other admins asks here too: never answer beyond the scope.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return scope_queryset(request, queryset, self.scope), may_have_duplicates

    def in_scope(self, request, obj) -> bool:
        """Whether one row belongs to a project request.user leads (a new row: yes, its choices are scoped)."""
        if obj is None or obj.pk is None or is_site_admin(request.user):
            return True
        ids = led_project_ids(request, self.project_model)
        if not ids:
            return False
        hops = _hops(self.model, self.scope)
        if all(field.many_to_one for field in hops):
            # A chain of foreign keys: read it from the row (the last hop without a query).
            current = obj
            for field in hops[:-1]:
                try:
                    current = getattr(current, field.name)
                except ObjectDoesNotExist:
                    return False
                if current is None:
                    return False
            project_id = getattr(current, hops[-1].attname) if hops else current.pk
            return project_id in ids
        cache = request.__dict__.setdefault("_in_scope", {})
        key = (self.model._meta.label, obj.pk)
        if key not in cache:
            cache[key] = scope_queryset(request, self.model._default_manager.filter(pk=obj.pk), self.scope).exists()
        return cache[key]

    # History and the change form ask has_view_or_change_permission, so they follow these too.

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    # --- Choices -----------------------------------------------------------------------------

    def _scoped_choices(self, request, db_field, queryset: QuerySet | None) -> QuerySet | None:
        """The rows a relation may point at: the user's projects, or rows of another scoped admin's
        model within their projects. None: not project data, Django's default stands."""
        related = db_field.related_model
        related_admin = scoped_admin_of(related, self.admin_site)
        if related is not self.project_model and related_admin is None:
            return queryset
        if queryset is None:
            queryset = self.get_field_queryset(None, db_field, request)
            if queryset is None:
                queryset = related._default_manager.all()
            if related_admin is not None and isinstance(related_admin.list_select_related, list | tuple):
                # The choices name their rows as that admin's list does.
                queryset = queryset.select_related(*related_admin.list_select_related)
        return self.scoped(request, queryset)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return refuse_control_characters(field) if field is not None else None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = self._scoped_choices(request, db_field, kwargs.get("queryset"))
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        queryset = self._scoped_choices(request, db_field, kwargs.get("queryset"))
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- Actions -----------------------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        return {
            name: (self._scoped_action(func), key, description) for name, (func, key, description) in actions.items()
        }

    def _scoped_action(self, func):
        @functools.wraps(func)
        def action(modeladmin, request, queryset):
            return func(modeladmin, request, scope_queryset(request, queryset, self.scope))

        return action


def _is_public(obj) -> bool:
    """Whether a row says its page is open to everyone now (`is_public`, a property or method)."""
    value = getattr(obj, "is_public", False)
    return bool(value() if callable(value) else value)


def view_on_site_in_scope(request, content_type_id, object_id, admin_site=admin.site):
    """The admin's "view on site" redirect, only to the page of a row the user may change in the
    admin, or of a row that is public anyway.

    Django's own view redirects any staff member to any row's `get_absolute_url`, which told a
    leader the address of another project's unpublished rows, and anyone the secret address of
    every calendar feed. A model the admin does not show (or shows without "view on site") is
    never redirected to, for site administrators too: a feed's address is its owner's secret."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_admin = admin_site._registry.get(model) if model is not None else None
    if model_admin is None or not model_admin.view_on_site or not hasattr(model, "get_absolute_url"):
        raise Http404
    try:
        obj = model._default_manager.get(pk=object_id)
    except (model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
    in_scope = model_admin.get_queryset(request).filter(pk=obj.pk).exists()
    if not ((in_scope and model_admin.has_change_permission(request, obj)) or _is_public(obj)):
        raise Http404
    return shortcut(request, content_type_id, object_id)
