from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from .enums import Role
from .home import panels_for, roles_on_home


class HomeView(LoginRequiredMixin, TemplateView):
    """One page per role: what is due for the office, the unit's to-dos, the council's sessions."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        sections = [
            {"role": role, "label": Role(role).label, "panels": panels_for(user, role)}
            for role in roles_on_home(user)
        ]
        ctx["sections"] = sections
        return ctx
