"""{% load once %}{% once %}…{% endonce %}: a part of a template that reads no variable of the
page, rendered once per process and language (``units.fastpaths.OnceNode``)."""

from django import template
from django.core.signals import setting_changed

from units.fastpaths import OnceNode, forget_once

register = template.Library()
setting_changed.connect(forget_once, dispatch_uid="units.fastpaths.forget_once")


@register.tag
def once(parser, token):
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist)
