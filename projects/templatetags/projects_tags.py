from django import template

from portal.pagecache import visitor_kind

register = template.Library()

SECTIONS = {
    "list": "projects",
    "detail": "projects",
    "news": "projects",
    "news-month": "projects",
    "project-news": "projects",
    "project-news-month": "projects",
    "news-detail": "projects",
    "catalogue": "courses",
    "course-detail": "courses",
    "occasion-detail": "courses",
}


@register.simple_tag(takes_context=True)
def projects_section(context) -> str:
    """Which of this app's menu items the current page belongs to ('' for none)."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None or match.app_name != "projects":
        return ""
    return SECTIONS.get(match.url_name, "company")


@register.simple_tag(takes_context=True)
def is_company_contact(context) -> bool:
    """Whether to show "Mitt företag" (from the visitor's kind, kept in the cache: no query)."""
    request = context.get("request")
    return request is not None and "company_contact" in visitor_kind(request)
