from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import dashboards, worklist
from .models import SiteProfile


class DolisaAdminSite(admin.AdminSite):
    """The one admin for every app, branded with the department's profile."""

    index_title = _("Site administration")
    index_template = "admin/dolisa_index.html"

    def each_context(self, request):
        context = super().each_context(request)
        profile = SiteProfile.load()
        context["site_header"] = profile.name
        context["site_title"] = profile.display_short_name
        context["site_profile"] = profile
        if request.user.is_active and request.user.is_staff:
            context["dashboards"] = dashboards.visible_to(request.user)
        return context

    def index(self, request, extra_context=None):
        # Counted on the index alone: every other admin page would pay for them too.
        return super().index(request, {"waiting": worklist.waiting_for(request.user), **(extra_context or {})})
