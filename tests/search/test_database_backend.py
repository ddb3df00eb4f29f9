"""``search.backends.database``: the forms the database backend is asked to match.

The backend answers on the embedded default (SQLite) and whenever the engine is down, so
what it is sent must be valid for SQLite's FTS5 and cheap for PostgreSQL."""

from modelsearch.query import Or

from search.backends.database import MOST_WORDS_FORMS, most_words_forms, vietnamese_query
from search.backends.vietnamese import FuzzyText


def forms_of(query) -> list[str]:
    expanded = vietnamese_query(query)
    parts = expanded.subqueries if isinstance(expanded, Or) else [expanded]
    return [part.query_string for part in parts]


def test_the_fallback_drops_quotes_as_the_typed_query_does():
    # A quoted phrase that matched nothing strictly went to the fallback with its quotes,
    # and SQLite's FTS5 failed on them ("syntax error near"): a 500 on the demo.
    for edits in (0, 1):
        forms = forms_of(FuzzyText('"Bình dân học vụ số"', edits=edits))
        assert forms and all(form.strip() for form in forms)
        assert not any('"' in form for form in forms), forms


def test_a_fallback_of_quotes_alone_is_the_empty_query():
    assert vietnamese_query(FuzzyText('" "')) == ""


def test_most_words_leaves_out_one_run_of_words_first():
    words = "mo ho kinh doanh ca the nop ho so".split()  # 9 words: 6 kept, 84 ways
    forms = most_words_forms(words)
    assert len(forms) == MOST_WORDS_FORMS
    # the seven ways to leave out three words in a row, the first words kept longest
    assert forms[:7] == [" ".join(words[:i] + words[i + 3:]) for i in range(6, -1, -1)]
    assert all(len(form.split()) == 6 for form in forms)


def test_a_long_query_gets_its_forms_without_listing_every_combination():
    # 200 characters can be 60 one-letter words: C(60, 36) combinations, which the
    # first version sorted in full (a 22-word query took over a second).
    words = [f"w{n}" for n in range(60)]
    forms = most_words_forms(words)
    assert len(forms) == MOST_WORDS_FORMS
    assert forms[0] == " ".join(words[:36])  # the last run of 24 words left out


def test_a_short_query_keeps_all_its_words_but_one():
    assert most_words_forms(["ho", "ngheo", "hoc", "phi"]) == [
        "ho ngheo hoc", "ho ngheo phi", "ho hoc phi", "ngheo hoc phi"]


def test_five_words_keep_three_a_two_syllable_word_left_out_first():
    words = "xay dung nong thon moi".split()
    forms = most_words_forms(words)
    assert forms[:4] == ["xay dung nong", "xay dung moi", "xay thon moi", "nong thon moi"]
    assert all(len(form.split()) == 3 for form in forms)


def test_the_fallback_sends_most_words_only_with_its_one_edit_step():
    long_question = FuzzyText("ho ngheo duoc mien hoc phi tien dien", edits=1)
    cheap_step = FuzzyText("ho ngheo duoc mien hoc phi tien dien", edits=0)
    assert len(forms_of(long_question)) > len(forms_of(cheap_step))
    assert len(forms_of(long_question)) <= 2 + MOST_WORDS_FORMS


def test_most_words_are_also_sent_as_typed_when_telex_read_something_into_them():
    forms = forms_of(FuzzyText("tax breaks high-tech investors", edits=1))
    assert any(form.split()[0] == "ta" for form in forms)  # Telex: "tax" is "tã"
    assert "tax high-tech investors" in forms  # the English word, all but one
