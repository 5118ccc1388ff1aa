"""`{% shared "name" "app" … %}…{% endshared %}`: a part of a page that is the same for everyone
who asks for the address (signed in or not), kept in the cache until data of the named apps
changes (see portal.pagecache). Put nothing personal inside, and no form that posts (its CSRF
token is personal; such a part is never stored). Work the part needs should be done lazily (in
the template, or with SimpleLazyObject in the view), so that it is skipped when the part comes
from the cache."""

from django import template
from django.utils.safestring import mark_safe

from portal.pagecache import shared_fragment

register = template.Library()


class SharedNode(template.Node):
    def __init__(self, nodelist, bits):
        self.nodelist, self.bits = nodelist, bits

    def render(self, context):
        name, *apps = (bit.resolve(context) for bit in self.bits)
        output = shared_fragment(context.get("request"), name, tuple(apps), lambda: self.nodelist.render(context))
        return mark_safe(output)  # noqa: S308 - rendered by the template engine, escaped as it went


@register.tag
def shared(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% shared %} needs a name and the apps whose data the part shows")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(nodelist, [parser.compile_filter(bit) for bit in bits])
