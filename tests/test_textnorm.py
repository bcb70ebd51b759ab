import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition.intake.textnorm import (
    _TABLE,
    alnum_key,
    fold,
    fold_with_offsets,
    is_upper_word,
    place_key,
    strip_article,
    words,
)


def test_fold_case_accents_and_separators():
    assert fold("Côtes-d’Armor") == "cotes d armor"
    assert fold("  ÎLE–de—FRANCE ") == "ile de france"
    assert fold("Cœur\u00a0de  Sologne") == "coeur de sologne"
    assert fold("L'Haÿ-les-Roses") == "l hay les roses"
    assert fold("") == ""


def test_fold_keeps_other_punctuation():
    assert fold("Ensemble !") == "ensemble !"
    assert fold("(93)") == "(93)"


def test_fold_with_offsets_points_back_into_the_original():
    text = "  Élue à Saint-Ouen\u2019s  "
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    i = folded.index("saint")
    assert text[offsets[i]:offsets[i] + 5] == "Saint"
    assert text[offsets[0]] == "É"


def test_place_key_reads_st_and_ste_as_saint():
    assert place_key("St-Denis") == place_key("Saint Denis") == "saint denis"
    assert place_key("Ste. Colombe") == "sainte colombe"
    assert place_key("Seine-St-Denis") == "seine saint denis"
    assert place_key("Est Ensemble") == "est ensemble"
    assert place_key("Stade") == "stade"


def test_strip_article():
    assert strip_article("les lilas") == "lilas"
    assert strip_article("l hay les roses") == "hay les roses"
    assert strip_article("le mans") == "mans"
    assert strip_article("lorient") == "lorient"
    assert strip_article("la") == "la"


def test_words_alnum_and_upper():
    assert words("E.E.L.V. (Paris)") == ["e", "e", "l", "v", "paris"]
    assert alnum_key("E.E.L.V.") == "eelv"
    assert is_upper_word("PS") and is_upper_word("R&PS")
    assert not is_upper_word("Ps") and not is_upper_word("12")


def _fold_with_offsets_by_character(s: str) -> tuple[str, list[int]]:
    """The definition, one character at a time: each through fold's table, spaces
    collapsed, a space pointing at the character after it."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for i, ch in enumerate(s):
        for c in ch.translate(_TABLE):
            if c.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                offsets.append(i)
                pending_space = False
            chars.append(c)
            offsets.append(i)
    return "".join(chars), offsets


TRICKY = "aAéÉ œŒßﬁİ\n\t\r\u00a0\u2028\x85\u0301-'’.()0"


@pytest.mark.parametrize("text", [
    "", " ", "  a  ", "a\n\nb\tc ", "cœur\u2028 x\u0301y ", "\u0301 a", "ß  ﬁ",
    "\x85a\x85", "İstanbul", " œ", "a \u2028b", "a\u2028 b", "Saint-Ouen\u2019s  ",
])
def test_fold_with_offsets_matches_the_definition(text):
    assert fold_with_offsets(text) == _fold_with_offsets_by_character(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40))
def test_fold_with_offsets_matches_the_definition_on_any_text(text):
    folded, offsets = fold_with_offsets(text)
    assert (folded, offsets) == _fold_with_offsets_by_character(text)
    assert folded == fold(text)


def test_fold_with_offsets_is_fast_on_two_megabytes():
    text = "Maire de 75 (93) Paris, cœur de l\u2019Île\n\n" * 50_000
    start = time.perf_counter()
    folded, offsets = fold_with_offsets(text)
    assert time.perf_counter() - start < 2.0
    assert len(offsets) == len(folded)
    assert text[offsets[folded.index("ile")]] == "Î"
