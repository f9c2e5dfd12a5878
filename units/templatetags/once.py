"""{% load once %}{% once %}…{% endonce %}: a part of a template that reads no variable of the
page, rendered once per process and language (``units.fastpaths.OnceNode``)."""

from django import template

from units.fastpaths import OnceNode

register = template.Library()


@register.tag
def once(parser, token):
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist)
