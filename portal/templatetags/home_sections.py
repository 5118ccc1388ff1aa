"""`{% home_sections %}`: the parts of the front page that apps declare (their `home_section`
hook, see portal.plugins and portal.views.HomeView). A tag rather than view context, so that the sections'
queries run only when the template draws them, not when they come from the cache."""

from django import template
from django.utils.safestring import mark_safe

from portal.plugins import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def home_sections(context) -> str:
    request = context.get("request")
    parts = []
    for template_name, function in hooks("home_section"):
        section = context.template.engine.get_template(template_name)
        with context.push(function(request)):
            parts.append(section.render(context))
    return mark_safe("".join(parts))  # noqa: S308 - rendered by the template engine, escaped as it went
