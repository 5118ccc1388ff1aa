"""List pages whose filter form and results are drawn inside a `{% shared %}` part of the page."""

from functools import cache, partial

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import SimpleLazyObject


class DeferredListMixin:
    """For a FilterView whose template reads the filter, the page of results and the rest of the
    view's context only inside a `{% shared %}` part: the filtering, counting and paging (and
    anything else `get_context_data` adds) run when the template first reads one of them, so a
    part that comes from the cache costs none of that work. `deferred` names every context name
    the view makes; a name the view makes that is not listed is an error (the page would
    otherwise silently lose it)."""

    deferred: tuple[str, ...] = ("filter", "paginator", "page_obj", "is_paginated", "object_list")

    def get(self, request, *args, **kwargs):
        @cache
        def full() -> dict:
            context = super(DeferredListMixin, self).get(request, *args, **kwargs).context_data
            unlisted = set(context) - set(self.deferred) - {"view"}
            if unlisted:
                raise ImproperlyConfigured(f"{type(self).__name__}.deferred does not list {sorted(unlisted)}")
            return context

        def value(name):
            return full().get(name)

        self.object_list = None  # until worked out; the template names do not depend on it here
        return self.render_to_response(
            {"view": self, **{name: SimpleLazyObject(partial(value, name)) for name in self.deferred}}
        )
