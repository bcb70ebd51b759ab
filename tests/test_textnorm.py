from petition.intake.textnorm import (
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
