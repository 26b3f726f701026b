"""Stand-in pages for the middleware tests: every one answers 200 with HTML
(unless named otherwise), so only the counting rules decide what counts."""

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.urls import path, re_path

from dolisa_site.viewcounts import mark_viewed


def html(request, **kwargs):
    return HttpResponse("<!doctype html><title>Trang</title><p>Nội dung</p>")


def json(request):
    return JsonResponse({"ok": True})


def missing(request):
    return HttpResponseNotFound("<!doctype html><title>Không tìm thấy</title>")


def broken(request):
    return HttpResponseServerError("<!doctype html><title>Lỗi</title>")


def show(request, label, pk, within_label=None, within_pk=None):
    """Marks an object as shown, the way a news detail view does (without
    reading it: the protocol needs only its model and primary key)."""
    obj = apps.get_model(label)(pk=pk)
    within = apps.get_model(within_label)(pk=within_pk) if within_label else None
    mark_viewed(request, obj, within=within)
    return html(request)


urlpatterns = [
    path("", html),
    path("trang/", html),
    path("json/", json),
    path("khong-co/", missing),
    path("loi/", broken),
    path("xem/<str:label>/<int:pk>/", show),
    path("xem/<str:label>/<int:pk>/trong/<str:within_label>/<int:within_pk>/", show),
    re_path(r"^(?:static|media|rss|healthz|sitemap\.xml|robots\.txt)(?:/.*)?$", html),
    path(settings.ADMIN_URL + "trang/", html),
]
