"""/du-lieu-mo/ on every portal's host (settings.urls), before the page tree."""

from django.urls import path, re_path

from opendata import views

urlpatterns = [
    path("", views.catalogue_page, name="opendata-catalogue"),
    re_path(r"^catalog\.(?P<fmt>ttl|jsonld)$", views.catalogue_rdf, name="opendata-dcat"),
    re_path(r"^bang/(?P<document_id>[0-9]{1,10})\.(?P<fmt>csv|xlsx|json)$", views.table_download,
            name="opendata-table"),
]
