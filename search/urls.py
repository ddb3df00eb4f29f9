"""Search API routes, mounted at /api/v2/search/ by settings.urls."""

from django.urls import path

from search.api import AutocompleteView, SearchView

urlpatterns = [
    path("", SearchView.as_view(), name="search-api"),
    path("autocomplete/", AutocompleteView.as_view(), name="search-autocomplete"),
]
