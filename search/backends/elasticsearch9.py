"""modelsearch's elasticsearch9 backend with Vietnamese analysis (see search.backends.vietnamese)."""

from elastic_transport import ConnectionError, ConnectionTimeout
from modelsearch.backends import elasticsearch9

from search.backends.vietnamese import vietnamese_backend

SearchBackend = vietnamese_backend(elasticsearch9, unavailable_errors=(ConnectionError, ConnectionTimeout))
