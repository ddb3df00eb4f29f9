"""modelsearch's opensearch2 backend with Vietnamese analysis (see search.backends.vietnamese)."""

from modelsearch.backends import opensearch2
from opensearchpy.exceptions import ConnectionError, ConnectionTimeout

from search.backends.opensearch_json import client_options
from search.backends.vietnamese import vietnamese_backend

SearchBackend = vietnamese_backend(opensearch2, unavailable_errors=(ConnectionError, ConnectionTimeout),
                                   client_options=client_options)
