"""Free-text answers are compared as sets of words (DESIGN §4): word order and
case never change how alike they read, nor the verdict proposed."""

import string

from hypothesis import given
from hypothesis import strategies as st

from nuzzle_game.core.models import Verdict
from nuzzle_game.core.scoring import suggest_verdict, text_similarity

words = st.lists(st.text(string.ascii_letters + string.digits, min_size=1, max_size=9), min_size=1, max_size=7)


@st.composite
def reordered(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Some words, and the same words in another order."""
    some = draw(words)
    return some, draw(st.permutations(some))


@given(reordered())
def test_the_same_words_in_any_order_read_the_same(pair):
    some, shuffled = pair
    assert text_similarity(" ".join(some), " ".join(shuffled)) == 100
    assert suggest_verdict(" ".join(some), " ".join(shuffled)) is Verdict.SPOT_ON


@given(reordered(), reordered())
def test_word_order_never_changes_how_alike_two_answers_read(first, second):
    (a, a_shuffled), (b, b_shuffled) = first, second
    assert text_similarity(" ".join(a), " ".join(b)) == text_similarity(" ".join(a_shuffled), " ".join(b_shuffled))


@given(words, words, st.lists(st.booleans(), min_size=7, max_size=7))
def test_case_never_changes_how_alike_two_answers_read(a, b, upper):
    def recased(some: list[str]) -> str:
        return " ".join(w.upper() if up else w.lower() for w, up in zip(some, upper))

    assert text_similarity(" ".join(a), " ".join(b)) == text_similarity(recased(a), recased(b))
    assert suggest_verdict(" ".join(a), " ".join(b)) is suggest_verdict(recased(a), recased(b))


def test_the_examples_a_couple_would_type():
    assert suggest_verdict("A long walk by the river", "by the river, a long walk") is Verdict.SPOT_ON
    assert suggest_verdict("pasta and wine", "Wine and PASTA") is Verdict.SPOT_ON
    assert suggest_verdict("pasta and wine", "climbing in winter") is Verdict.NOT_REALLY
