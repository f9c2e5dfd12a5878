"""The yardsticks of the page figures: what any page costs before it does anything.

``MinimalView``: the login check (session and user from the database, as on every page) and a
template of one line. ``LayoutView``: the same inside the site's layout (menu, notification bell),
with an empty body. Both templates are compiled once per process, as the cached loader does for
the project's own.
"""

from functools import cache

from django.contrib.auth.mixins import LoginRequiredMixin
from django.template import engines
from django.template.response import TemplateResponse
from django.views import View

MINIMAL = '<!doctype html><html lang="vi"><title>thiduakt</title><p>{{ request.user.username }}</p></html>'
LAYOUT = '{% extends "base.html" %}'


@cache
def compiled(source: str):
    return engines["django"].from_string(source)


class MinimalView(LoginRequiredMixin, View):
    source = MINIMAL

    def get(self, request):
        return TemplateResponse(request, compiled(self.source), {})


class LayoutView(MinimalView):
    source = LAYOUT
