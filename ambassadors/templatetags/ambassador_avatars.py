"""An ambassador without a photo gets an avatar with their initials: an inline SVG drawn here, so
nothing is loaded from elsewhere and the strict CSP holds (SVG attributes are not inline styles)."""

import zlib

from django import template
from django.utils.html import format_html

register = template.Library()

# Dark enough for white initials (contrast above 4.5:1), and the portal's own colours.
AVATAR_COLOURS = ["#0b4f6c", "#8a3d12", "#1d6b35", "#5a3c8c", "#6b4a00", "#28283c"]


def avatar_colour(name: str) -> str:
    """The same colour for the same name, every time."""
    return AVATAR_COLOURS[zlib.crc32(name.encode()) % len(AVATAR_COLOURS)]


@register.simple_tag
def initials_avatar(ambassador, width: int = 320, height: int = 400):
    """The avatar, the photo's size and shape (4:5); decorative, as the name is written beside it."""
    return format_html(
        '<svg class="ambassador-photo ambassador-avatar" viewBox="0 0 320 400" width="{}" height="{}" '
        'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<rect width="320" height="400" fill="{}"></rect>'
        '<text x="160" y="200" text-anchor="middle" dominant-baseline="central" fill="#fff" font-size="128" '
        'font-weight="700" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">{}</text>'
        "</svg>",
        width,
        height,
        avatar_colour(ambassador.display_name),
        ambassador.initials,
    )
