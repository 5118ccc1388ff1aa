"""Rich text for project pages and news: what the admin editor offers and what nh3 lets through.

The editor (django-prose-editor) and the sanitiser are configured from the same list, so a
project leader cannot produce markup that the public page would then drop, and markup pasted or
posted past the editor (scripts, inline styles, event handlers) never reaches the database.
"""

import nh3
from django.utils.html import linebreaks
from django_prose_editor.fields import ProseEditorField

# Headings start at h2: the page's own title is the h1.
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}

_CLEANER = nh3.Cleaner(
    tags={"p", "br", "strong", "em", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a"},
    attributes={"a": {"href", "title"}, "ol": {"start"}},
    url_schemes={"http", "https", "mailto", "tel"},
    # External links in published text must not pass on the reader's session context.
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_html(value: str | None) -> str:
    """Sanitise editor output; an editor's lone empty paragraph counts as no text at all."""
    if not value:
        return ""
    cleaned = _CLEANER.clean(value).strip()
    if cleaned in ("<p></p>", "<p><br></p>"):
        return ""
    return cleaned


def paragraphs_html(value: str | None) -> str:
    """Plain text (no markup at all) as HTML paragraphs, escaped; anything with markup as it is.
    For columns that held plain text before they became rich text, and the imports that still
    write plain text to them."""
    if value and "<" not in value:
        return linebreaks(value, autoescape=True)
    return value or ""


class RichTextField(ProseEditorField):
    """A text column edited with the prose editor in the admin and sanitised with nh3.

    `plain_text_as_paragraphs`: text without markup is kept as paragraphs (paragraphs_html). Like
    the rest of the field it is not in migrations (the column is a TextField there)."""

    def __init__(self, *args, plain_text_as_paragraphs: bool = False, **kwargs):
        kwargs.setdefault("config", {"extensions": EXTENSIONS})
        kwargs.setdefault("sanitize", clean_html)
        self.plain_text_as_paragraphs = plain_text_as_paragraphs
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # Sanitise on every save, not only through forms: imports, the shell and services write
        # here too.
        value = getattr(model_instance, self.attname)
        if self.plain_text_as_paragraphs:
            value = paragraphs_html(value)
        value = clean_html(value)
        setattr(model_instance, self.attname, value)
        return value
