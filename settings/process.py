"""What a served process does once the project is loaded (``settings/wsgi.py``)."""

import gc


def served_process_ready() -> None:
    """Move what loading the project created (modules, models, URL patterns, settings:
    ~200k objects, alive as long as the process) out of the garbage collector's sight.

    A full collection walks every tracked object; with them, the request that triggered
    one waited 100-200 ms (issue 18: the first searches in bench/search_bench.py, where
    a collection fell inside one search of each run). Under ``gunicorn --preload`` the
    workers forked afterwards also stop writing the collector's counts into the pages
    they share with the master. Objects made later are collected as usual. The garbage
    loading left is collected first: frozen, it would be kept for the process's life."""
    gc.collect()
    gc.freeze()
