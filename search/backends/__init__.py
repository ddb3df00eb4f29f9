"""Our search backends: modelsearch's engines with Vietnamese analysis (issue #4).

One module per engine (``opensearch2``, ``opensearch3``, ``elasticsearch8``,
``elasticsearch9``) so only the configured engine's client needs to be installed;
what they add is in ``search.backends.vietnamese``.
"""
