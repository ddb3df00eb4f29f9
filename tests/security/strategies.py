"""Hostile input for the bad-input suites: injection fragments, search-engine syntax,
huge strings, NUL bytes and Unicode oddities, mixed with whatever Hypothesis draws."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Modest: the machine is shared (issue #9 brief). deadline=None: a request through the
# whole Django stack takes as long as it takes on a loaded machine.
FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

INJECTIONS = [
    # SQL
    "' OR 1=1 --", "'; DROP TABLE wagtailcore_page; --", '" OR ""="', "1' UNION SELECT password FROM auth_user --",
    "1; SELECT pg_sleep(5)", "%", "_", "\\", "%%", "\\%'",
    # OpenSearch / Lucene query syntax
    "*", "?", "*:*", "title:*", "a AND b OR NOT c", "(((", ")", '"unterminated', "~1", "^2", "field:[* TO *]",
    "/.*/", '{"query": {"match_all": {}}}', "_exists_:title", "\\*", "&&", "||", "!",
    # template and path tricks
    "<script>alert(1)</script>", "{{7*7}}", "${7*7}", "../../etc/passwd", "%2e%2e%2f", "%27", "\r\nSet-Cookie: a=b",
    # NUL and control characters
    "\x00", "a\x00b", "\x01\x02\x1b[31m", "\x7f",
    # Unicode oddities: RTL override, BOM, zero-width joiner, combining marks, astral, legacy Vietnamese
    "\u202egnp.exe", "\ufeff", "\u200d", "e" + "\u0301" * 60, "𝕋𝕖𝕤𝕥 😀", "Quye\u0302\u0301t đi\u0323nh",
    "Qu¸n lý", "ﬁ", "İ", "ß" * 10, "\u3000",
    # sizes
    "", " ", "x" * 10_000, "Đ" * 2_000, "96/QĐ-UBND" * 300,
    # numbers and dates where text is expected, and the reverse
    "-1", "0", "99999999999999999999", "1e309", "NaN", "2025-02-30", "0000-00-00", "9999-12-31", "true", "null",
]

nasty_text = st.one_of(
    st.sampled_from(INJECTIONS),
    st.text(max_size=200),
    st.builds(lambda a, b: a + b, st.sampled_from(INJECTIONS), st.text(max_size=20)),
)

# Valid JSON only (NaN and Infinity are not JSON; malformed bodies have a test of their own).
json_value = st.one_of(
    nasty_text, st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.none(),
    st.lists(nasty_text, max_size=3), st.dictionaries(st.text(max_size=5), nasty_text, max_size=2),
)
