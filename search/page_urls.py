"""The public search page, at /tim-kiem/ on every portal's host (settings.urls)."""

from django.urls import path

from search.views import legal_documents_page, search_page

urlpatterns = [
    path("", search_page, name="search"),
    path("van-ban/", legal_documents_page, name="search-legal-documents"),
]
