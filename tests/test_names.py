"""Names from sign-offs, « je soussigné·e », « Name, office » and From display names."""

import pytest

from petition.intake import names


@pytest.mark.parametrize("display, expected", [
    ("Paul Arnal", "Paul Arnal"),
    ("ARNAL Paul", "Paul ARNAL"),
    ("LE ROUX Anne-Sophie", "Anne-Sophie LE ROUX"),
    ("Mme Lise Fabre", "Lise Fabre"),
    ("Dr. Jean Vidal", "Jean Vidal"),
    ("Madame la Maire Odette Rigal", "Odette Rigal"),
    ("Mairie de Lagrasse", None),
    ("Cabinet du Maire", None),
    ("Groupe Écologiste de Vienne", None),
    ("Secrétariat Mme Arnal", None),
    ("contact@mairie.fr", None),
    ("Lise", None),
    ("", None),
])
def test_display_name(display, expected):
    assert names.clean_display_name(display) == expected


def test_name_written_before_an_office():
    text = "Je signe : Paul Arnal, maire de Lagrasse"
    assert names.names_before(text, text.index("maire")) == ["Paul Arnal"]


def test_name_on_the_line_above_an_office():
    text = "Bonjour,\nJe signe.\nJean-Baptiste d'Ornano\nMaire de Sartène"
    assert names.names_before(text, text.index("Maire")) == ["Jean-Baptiste d'Ornano"]


def test_two_names_and_the_writer():
    text = "Ma collègue Inès Morel et moi-même, conseillers municipaux de Vic"
    assert names.names_before(text, text.index("conseillers")) == ["Inès Morel", names.WRITER]


def test_title_dropped_before_a_name():
    text = "Mme Odile Serre, sénatrice du Gard, signe."
    assert names.names_before(text, text.index("sénatrice")) == ["Odile Serre"]


def test_no_name_before_an_office_in_a_sentence():
    text = "Élue écologiste, conseillère régionale de Bretagne"
    assert names.names_before(text, text.index("conseillère")) == []


def test_soussigne():
    guess = names.soussigne_name("Je soussignée Aude Castel-Brun, adjointe au maire de Vic")
    assert guess is not None and guess.name == "Aude Castel-Brun"


def test_signoff_prefers_the_from_name():
    text = "Je signe.\nBien à vous,\nLéa Mont\nNouvelle Donne"
    guess = names.signoff_name(text, "Léa Mont")
    assert guess is not None and guess.name == "Léa Mont" and guess.confidence >= 0.9


@pytest.mark.parametrize("line", [
    "Bien cordialement", "Parti socialiste", "Les Écologistes", "Rassemblement National",
    "Hôtel de Ville", "Le cabinet du Maire", "Madame, Monsieur", "Envoyé de mon iPhone",
])
def test_lines_that_are_not_names(line):
    assert not names.is_person_name(line)


def test_same_person_ignores_case_and_order():
    assert names.same_person("Paul ARNAL", "Arnal Paul")
