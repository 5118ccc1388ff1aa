"""The one contract between the portal and its apps (portal.plugins)."""

import sys
import types

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from portal import plugins
from portal.plugins import PortalAppConfig, hooks, portal_apps


def _config(name: str) -> PortalAppConfig:
    module = types.ModuleType(name)
    module.__path__ = ["/nowhere"]
    return PortalAppConfig(name, module)


def test_every_runtime_app_plugs_in_through_the_contract():
    assert [config.label for config in portal_apps()] == ["portal", "projects", "events", "ambassadors"]


def test_every_hook_is_declared_with_its_type_and_what_it_is_for():
    for name, hook in plugins.contract().items():
        assert hook.name == name
        assert hook.type and hook.doc


def test_every_app_keeps_its_hooks_in_a_module_of_its_own_that_the_contract_accepts():
    for config in portal_apps():
        assert config.hook_module.__name__ == f"{config.name}.hooks"


def test_asking_for_a_hook_the_contract_does_not_declare_fails():
    with pytest.raises(LookupError):
        list(hooks("privacy"))


def test_apps_leaving_a_hook_out_get_its_default():
    events = apps.get_app_config("events")
    assert events.visitor_kind is None
    assert "events" not in {label for label, _kind in hooks("visitor_kind", labelled=True)}


def test_a_misspelt_hook_in_a_hooks_module_is_refused(monkeypatch):
    module = types.ModuleType("tests_fake_app.hooks")
    module.periodic_task = ()  # periodic_tasks, misspelt
    monkeypatch.setitem(sys.modules, "tests_fake_app.hooks", module)
    config = _config("tests_fake_app")
    with pytest.raises(ImproperlyConfigured, match="periodic_task"):
        config.hook_module  # noqa: B018


def test_an_app_without_a_hooks_module_takes_every_default(monkeypatch):
    config = _config("tests_no_hooks_app")
    monkeypatch.setitem(sys.modules, "tests_no_hooks_app", config.module)
    assert config.hook_module is None
    assert config.periodic_tasks == ()
    assert config.account_links is None


def test_every_apps_hooks_have_the_shape_the_contract_declares():
    from django.utils.module_loading import import_string

    for name in ("account_links", "privacy_export", "privacy_erase", "privacy_expire", "visitor_kind"):
        assert all(callable(value) for value in hooks(name)), name
    for builders in hooks("reminder_builders"):
        assert all(isinstance(kind, str) and callable(build) for kind, build in builders().items())
    for template_name, context in hooks("home_section"):
        assert template_name.endswith(".html") and callable(context)
    for schedules in hooks("periodic_tasks"):
        for name, task, cron in schedules:
            assert name and callable(import_string(task)) and isinstance(cron, dict)
    for permissions in hooks("project_leader_permissions"):
        assert all(permission.count(".") == 1 for permission in permissions)
    for labels in hooks("page_cache_unseen_models"):
        assert all(apps.get_model(label) for label in labels)
    for name in ("demo_seed", "synthetic_generate"):
        assert [callable(import_string(path)) for path in hooks(name)] == [True] * 4


def test_no_two_apps_build_the_same_kind_of_reminder():
    kinds = [kind for builders in hooks("reminder_builders") for kind in builders()]
    assert len(kinds) == len(set(kinds))
