"""Decision 96/QĐ-UBND (2021) as plain data and pure rules: the ground floor.

What the law says, apart from how the platform stores it: the kinds of unit that run
a portal (``units``), the items every portal must carry with their update deadlines
(``items``, Điều 8), how a deadline is judged (``deadlines``) and the reporting
periods (``periods``, Điều 15.4). ``tenants``, ``cms``, ``compliance`` and the feature
apps all read it; it imports none of them (issue #24, docs/ARCHITECTURE.md).
"""
