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
