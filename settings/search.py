"""Search backend settings built from the environment (issue #4).

Kept free of Django imports so ``settings.base`` can call it. ``SEARCH_BACKEND`` picks
the engine; without it the platform runs on Wagtail's database backend alone, which
needs no service (the embedded default). With an engine, the database backend stays
configured as ``"database"``: it keeps its own index up to date, and the search
service answers from it when the engine is down (issue #4, robustness).
"""

ENGINES = {
    # SEARCH_BACKEND value: (our backend class, variable holding the URLs)
    "opensearch2": ("search.backends.opensearch2.SearchBackend", "OPENSEARCH_URLS"),
    "opensearch3": ("search.backends.opensearch3.SearchBackend", "OPENSEARCH_URLS"),
    "elasticsearch8": ("search.backends.elasticsearch8.SearchBackend", "ELASTICSEARCH_URLS"),
    "elasticsearch9": ("search.backends.elasticsearch9.SearchBackend", "ELASTICSEARCH_URLS"),
}
# The clients name their credentials argument differently.
AUTH_OPTION = {
    "opensearch2": "http_auth", "opensearch3": "http_auth",
    "elasticsearch8": "basic_auth", "elasticsearch9": "basic_auth",
}
# PostgreSQL's text search: "simple", not the server's default ("english" here): English
# drops "so", "to", "the", "do", "an" as stop words, and those are Vietnamese syllables
# folded ("số", "tờ", "thẻ", "đo", "an ninh"). SQLite's FTS5 ignores it.
DATABASE_BACKEND = {"BACKEND": "search.backends.database.SearchBackend", "SEARCH_CONFIG": "simple"}


def urls_variable(engine: str) -> str:
    """The environment variable holding ``engine``'s comma-separated URLs."""
    return ENGINES[engine][1] if engine in ENGINES else "OPENSEARCH_URLS"


def search_backends(*, engine: str, urls: list[str], index_prefix: str, username: str = "",
                    password: str = "", timeout: int = 10) -> dict:
    """The WAGTAILSEARCH_BACKENDS dict for ``engine`` ("" = database only)."""
    if not engine:
        return {"default": dict(DATABASE_BACKEND)}
    if engine not in ENGINES:
        raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(ENGINES)} or empty, got {engine!r}")
    backend_path, _urls_variable = ENGINES[engine]
    engine_conf = {
        "BACKEND": backend_path,
        "URLS": urls,
        # One index per environment so test, staging and production can share a cluster.
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "ATOMIC_REBUILD": True,
        "OPTIONS": {AUTH_OPTION[engine]: (username, password)} if username else {},
    }
    return {"default": engine_conf, "database": dict(DATABASE_BACKEND)}
