"""The engine's page index made empty for a test: shared by tests/search, tests/faults
and tests/browser."""

from modelsearch.index import get_indexed_models
from wagtail.models import Page
from wagtail.search.backends import get_search_backend


def page_index_reset(index=None):
    """``index`` (default: the page index of the configured backend) recreated with the
    page mappings and no documents. Recreating is as fast as emptying, and the test
    distributions have no _delete_by_query (it lives in the reindex module)."""
    index = index if index is not None else get_search_backend().get_index_for_model(Page)
    index.reset()
    for model in get_indexed_models():
        if issubclass(model, Page):
            index.add_model(model)
    return index
