"""The one contract between the portal and the apps that plug into it.

An app plugs in by giving its AppConfig the base `PortalAppConfig` and keeping its hooks in one
module of its own, `<app>/hooks.py` (or whatever `hooks_module` names). That module defines, at
top level, any of the hooks declared below under the declared name; what it leaves out takes the
default. The portal reads hooks only through `hooks(name)`, in INSTALLED_APPS order, so a new app
plugs in by writing its hooks module, and the portal never names an app or its models.

A name defined in a hooks module that is not a hook here is refused when the module is first read
(a misspelt hook would otherwise be silently ignored); names imported into the module from
elsewhere, and names starting with "_", are not checked.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Hook:
    """One hook of the contract: its name (set from the attribute), its type as text, its default."""

    type: str
    default: Any
    doc: str
    name: str = ""

    def __set_name__(self, owner, name):
        object.__setattr__(self, "name", name)

    def __get__(self, config, owner=None):
        if config is None:
            return self
        return getattr(config.hook_module, self.name, self.default)


class PortalAppConfig(AppConfig):
    """The base of every app's AppConfig. The hooks below are read from the app's hooks module.

    Subclass it as `plugins.PortalAppConfig` (import the module, not the class, into apps.py):
    Django picks an app's config automatically only when apps.py holds one AppConfig class.
    """

    # The dotted name of the module holding the app's hooks; "<app>.hooks" when left empty.
    hooks_module: str = ""

    account_links = Hook(
        "Callable[[HttpRequest], list[tuple[str, str]]] | None",
        None,
        'Links on "Mitt konto" to the pages the signed-in user has in this app: (label, url) pairs.',
    )
    privacy_export = Hook(
        "Callable[[User], dict] | None",
        None,
        "The user's data in this app, JSON-ready, for the download on \"Mitt konto\" (under the app's label).",
    )
    privacy_erase = Hook(
        "Callable[[User], None] | None",
        None,
        "Erase the user's data in this app before the account goes: anonymise what statistics must keep "
        "(registrations, counts on waiting lists), delete the rest. Runs inside the deletion's transaction.",
    )
    privacy_expire = Hook(
        "Callable[..., int] | None",
        None,
        "`expire(*, ended_before: date) -> int`: anonymise the data about people taking part in projects "
        "that ended before the date, keeping what the projects' statistics count; returns rows changed.",
    )
    reminder_builders = Hook(
        "Callable[[], dict[str, Callable[[Reminder], ReminderMessage | None]]] | None",
        None,
        "The builders of this app's reminder kinds (kind -> builder), which turn a due reminder row into an "
        "e-mail at sending time, or None when it no longer applies (see portal.reminders).",
    )
    periodic_tasks = Hook(
        "tuple[tuple[str, str, dict[str, str]], ...]",
        (),
        "Beat schedules: (name, Celery task name, crontab fields). Missing rows are created after migrate; "
        "existing rows are left as the admin has them (portal.schedules).",
    )
    project_leader_permissions = Hook(
        "tuple[str, ...]",
        (),
        'Model permissions ("app_label.codename") of the project leaders\' group, brought in line after '
        "every migrate (portal.roles). Which rows a leader reaches is decided by the app's selectors.",
    )
    home_section = Hook(
        "tuple[str, Callable[[HttpRequest], dict]] | None",
        None,
        "The app's part of the front page: (template name, function request -> the template's context). "
        "The same for everyone (it is drawn inside a shared part of the page).",
    )
    visitor_kind = Hook(
        "Callable[[User], set[str]] | None",
        None,
        "The words about a signed-in user that this app's menus depend on (e.g. {'company_contact'}), for "
        "pages kept per kind of visitor (portal.pagecache). Never anything that identifies the person.",
    )
    page_cache_unseen_models = Hook(
        "tuple[str, ...]",
        (),
        'Models ("app_label.model", lower case) whose rows no cached page shows: saving them throws no '
        "stored page away. Saving any other row of a plugged-in app does (portal.pagecache).",
    )
    demo_seed = Hook(
        "str | None",
        None,
        "Dotted name of `seed(*, stdout)`, the app's demo data for `seed_demo` (idempotent). A name, not an "
        "import: the demo data is development-only and may be absent. Seeded in INSTALLED_APPS order.",
    )
    synthetic_generate = Hook(
        "str | None",
        None,
        "Dotted name of `generate(run)`, the app's synthetic data for `generate_data` (benchmarks), called in "
        "INSTALLED_APPS order with the run's shared state. Development-only, like `demo_seed`.",
    )

    @functools.cached_property
    def hook_module(self) -> ModuleType | None:
        """The app's hooks module (None when it has none: every hook takes its default)."""
        name = self.hooks_module or f"{self.name}.hooks"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if self.hooks_module or error.name != name:
                raise
            return None
        unknown = [
            attribute
            for attribute, value in vars(module).items()
            if not attribute.startswith("_")
            and _defined_in(value, name)
            and not isinstance(getattr(type(self), attribute, None), Hook)
        ]
        if unknown:
            raise ImproperlyConfigured(f"{name} defines {', '.join(unknown)}: not hooks of portal.plugins")
        return module


def _defined_in(value, module_name: str) -> bool:
    """Whether a module's name was made there (data, or a function or class written there), not imported."""
    if isinstance(value, ModuleType):
        return False
    if inspect.isfunction(value) or inspect.isclass(value):
        return value.__module__ == module_name
    return True


def contract() -> dict[str, Hook]:
    """Every hook of the contract by name (for documentation and tests)."""
    return {name: value for name, value in vars(PortalAppConfig).items() if isinstance(value, Hook)}


def portal_apps() -> Iterator[PortalAppConfig]:
    """The installed apps that plug into the portal, in INSTALLED_APPS order."""
    return (config for config in apps.get_app_configs() if isinstance(config, PortalAppConfig))


def hooks(name: str, *, labelled: bool = False) -> Iterator[Any]:
    """The one way to read a hook: the values the apps give hook `name`, in INSTALLED_APPS order,
    skipping apps that leave it at None (hooks whose default is empty, such as periodic_tasks,
    give that). With `labelled`, (app label, value) pairs."""
    if not isinstance(vars(PortalAppConfig).get(name), Hook):
        raise LookupError(f"{name!r} is not a hook of portal.plugins")
    for config in portal_apps():
        value = getattr(config, name)
        if value is not None:
            yield (config.label, value) if labelled else value
