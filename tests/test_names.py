"""Names from sign-offs, « je soussigné·e », « Name, office » and From display names."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petition.intake import names
from petition.intake.mandates import find_hits


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


@pytest.mark.parametrize("line, expected", [
    ("ROUSSEL-VIDAL Jeanne-Marie", "Jeanne-Marie ROUSSEL-VIDAL"),
    ("LE BRIS Gwenaëlle", "Gwenaëlle LE BRIS"),
    ("DE LA FONTAINE Hugo", "Hugo DE LA FONTAINE"),
    ("Gwenaëlle LE BRIS", "Gwenaëlle LE BRIS"),
])
def test_surname_first_in_capitals_is_turned_around(line, expected):
    assert [g.name for g in names.name_lines(f"Je signe.\n\n{line}\n")] == [expected]


def test_short_capitals_first_are_not_a_surname():
    assert names.given_first(["PS", "Anne", "Roy"]) == ["PS", "Anne", "Roy"]


@pytest.mark.parametrize("name", [
    "Erwan Le Bot", "Maël Le Du", "Inès de La Roche", "Louis d'Estrées", "Noor Van der Meer",
    "Sofia Dos Santos", "Jan ter Horst",
])
def test_surnames_with_particles(name):
    assert names.as_name(name.split()) == name


def test_second_name_with_a_particle_before_a_shared_office():
    text = "Noor Van der Meer et Maël Le Du, conseillers municipaux de Lorient"
    assert names.names_before(text, text.index("conseillers")) == [
        "Noor Van der Meer", "Maël Le Du"]


@pytest.mark.parametrize("words", [["Marie", "Le"], ["Le", "Du"], ["Paul", "P."],
                                   ["Jean", "de", "La"]])
def test_particles_or_initials_alone_do_not_end_a_name(words):
    assert names.as_name(words) is None


def test_initials_in_the_sign_off_take_the_from_name():
    text = "Je signe.\nBien à vous,\nH. Castagnol\nMaire de Loches"
    guess = names.signoff_name(text, "Hélène Castagnol")
    assert guess is not None and guess.name == "Hélène Castagnol"


def test_initials_kept_when_from_is_someone_else():
    text = "Je signe.\nBien à vous,\nJ.-L. Castagnol\nMaire de Loches"
    assert names.signoff_name(text, "Paul Castagnol").name == "J.-L. Castagnol"
    assert names.abbreviates("J.-L. Castagnol", "Jean-Luc Castagnol")


@pytest.mark.parametrize("text, expected", [
    ("Le maire, Hugo Ferrand", "Hugo Ferrand"),
    ("La conseillère municipale de Loches : Inès Vidal.", "Inès Vidal"),
    ("Maire de Loches – Hugo Ferrand", "Hugo Ferrand"),
    ("Je suis maire, Hugo Ferrand", None),
    ("Le maire, Hugo Ferrand, et moi signons", None),
])
def test_name_after_an_office_that_begins_its_line(text, expected):
    hit = find_hits(text)[0]
    assert names.name_after(text, hit.start, hit.end) == expected


@pytest.mark.parametrize("display, expected", [
    ("nadia benali", "Nadia Benali"),
    ("jean-marc le goff", "Jean-Marc le Goff"),
    ("mairie de roubaix", None),
])
def test_display_name_in_lower_case_is_title_cased(display, expected):
    assert names.clean_display_name(display) == expected


@pytest.mark.parametrize("line, expected", [
    ("nadia benali", "Nadia Benali"),
    ("louis d'estrées", "Louis d'Estrées"),
    ("anne-laure de la tour", "Anne-Laure de la Tour"),
    ("je signe", None),
    ("bien cordialement", None),
    ("Nadia Benali", None),  # not lower case: as_name's business
    ("nadia", None),
    ("nadia benali 59", None),
])
def test_lower_case_name(line, expected):
    assert names.lower_case_name(line) == expected


def test_lower_case_name_agreeing_with_the_from_name_is_capitalised():
    text = "bonjour\nje signe.\nnadia benali, conseillère municipale de roubaix\n"
    out = names.capitalise_names(text, "nadia benali")
    assert len(out) == len(text)
    assert "Nadia Benali, conseillère municipale de roubaix" in out


def test_lower_case_sign_off_after_a_closing_is_capitalised():
    text = "je signe la tribune\ncordialement\nnadia benali\nconseillere municipale\n"
    out = names.capitalise_names(text, None)
    assert out.split("\n")[2] == "Nadia Benali"
    assert out.split("\n")[0] == "je signe la tribune"


def test_lower_case_line_is_no_name_without_a_closing_or_the_from_name():
    text = "bonjour\nsoutien total\nconseillère municipale de Roubaix\n"
    assert names.capitalise_names(text, "Nadia Benali") == text


def test_name_in_capitals_before_an_office_in_capitals():
    text = "Je signe.\nR. FAURE ADJOINT MAIRE DE VALENCE"
    assert names.names_before(text, text.index("ADJOINT")) == ["R. Faure"]


def test_no_name_from_capitals_before_an_office_in_a_sentence():
    text = "Je signe.\nEN TANT QUE MAIRE DE VALENCE"
    assert names.names_before(text, text.index("MAIRE")) == []


def test_names_one_per_line_above_a_plural_office():
    text = "Bonjour, nous signons.\nMarc Duval\nSophie Lacaze\nRémi Tessier\nconseillers municipaux"
    assert names.names_before(text, text.index("conseillers")) == [
        "Marc Duval", "Sophie Lacaze", "Rémi Tessier"]


def test_names_one_per_line_a_blank_line_above_a_plural_office():
    text = "Les signataires :\n\nLéa Morvan\nYanis Cordier\n\nconseillers municipaux de Lorient"
    assert names.names_before(text, text.index("conseillers")) == ["Léa Morvan", "Yanis Cordier"]


def test_no_name_across_a_blank_line_above_a_singular_office():
    text = "Léa Morvan\n\nconseillère municipale"
    assert names.names_before(text, text.index("conseillère")) == []


def test_only_the_closest_name_line_above_a_singular_office():
    text = "Marc Duval\nSophie Lacaze\nconseillère municipale"
    assert names.names_before(text, text.index("conseillère")) == ["Sophie Lacaze"]


@pytest.mark.parametrize("text, expected", [
    ("Nous signons : Marc Duval, Sophie Lacaze et Rémi Tessier, conseillers municipaux",
     ["Marc Duval", "Sophie Lacaze", "Rémi Tessier"]),
    ("Je signe avec Marc Duval, Sophie Lacaze et Rémi Tessier, conseillers municipaux",
     ["Marc Duval", "Sophie Lacaze", "Rémi Tessier"]),
    ("Bonjour, Sophie Lacaze et Rémi Tessier, conseillers municipaux",
     ["Sophie Lacaze", "Rémi Tessier"]),
])
def test_comma_list_of_names_before_a_plural_office(text, expected):
    assert names.names_before(text, text.index("conseillers")) == expected


@given(st.text())
def test_fold_is_lower_case_without_combining_accents(text):
    expected = "".join(c for c in unicodedata.normalize("NFD", text.lower().replace("’", "'"))
                       if not unicodedata.combining(c))
    assert names.fold(text) == expected


@pytest.mark.parametrize("text, name", [
    ("Madame la Maire de Millau, Anne Roy, souhaite signer.", "Anne Roy"),
    ("Monsieur le Maire, Paul Arnal, souhaite signer.", "Paul Arnal"),
    ("Madame la Maire de Saint-Jean-de-Luz, Anne Roy, signe.", "Anne Roy"),
])
def test_titled_name_after_a_title_and_its_place(text, name):
    found = names.titled_name(text)
    assert found is not None and found.name == name


def test_an_office_line_above_another_office_is_no_name():
    text = ("Je signe.\n\nJoël Kasarhérou\nMembre du Congrès de la Nouvelle-Calédonie\n"
            "Maire de Nouméa")
    assert names.names_before(text, text.index("Maire")) == []


def test_name_between_commas_after_a_title():
    text = "Monsieur le Maire de Millau, Paul Arnal, me charge de retirer sa signature."
    start = text.index("Maire")
    assert names.name_after(text, start, text.index(",")) == "Paul Arnal"


def test_names_joined_by_et_above_a_plural_office():
    text = "Bonjour,\n\nLéa Morvan et Yanis Cordier\nConseillers municipaux de Lorient"
    assert names.names_before(text, text.index("Conseillers")) == ["Léa Morvan", "Yanis Cordier"]


def test_names_joined_by_et_above_a_singular_office_are_nobody():
    text = "Léa Morvan et Yanis Cordier\nConseillère municipale de Lorient"
    assert names.names_before(text, text.index("Conseillère")) == []


@pytest.mark.parametrize("words, name", [
    (["Solène", "N'Diaye"], "Solène N'Diaye"),
    (["Awa", "N’Dour"], "Awa N’Dour"),
    (["Jean", "D'Arcy"], "Jean D'Arcy"),
])
def test_surnames_with_an_apostrophe_after_one_capital(words, name):
    assert names.as_name(words) == name


@pytest.mark.parametrize("text, name", [
    ("Je signe.\nChristine Exemple, PCF", "Christine Exemple"),
    ("Je signe.\nPaul Exemple (sans étiquette)", "Paul Exemple"),
    ("Je signe.\nJean-Pierre Exemple – Parti socialiste", "Jean-Pierre Exemple"),
])
def test_a_name_line_may_end_with_the_party(text, name):
    guess = names.signoff_name(text)
    assert guess is not None and guess.name == name


@pytest.mark.parametrize("text", [
    "Je signe.\nPaul Exemple, maire de Trèbes et conseiller",  # an office, read elsewhere
    "Je signe.\nMerci, PS",
])
def test_a_line_ending_with_something_else_is_no_name_line(text):
    assert names.signoff_name(text) is None


def test_a_list_of_names_wrapped_above_a_plural_office():
    text = ("Les élu·es du groupe : Marc Exemple, Leïla Exemple et\n"
            "Pierre-Yves Exemple, conseillers municipaux de Quimperlé (29), signent.")
    assert names.names_before(text, text.index("conseillers")) == [
        "Marc Exemple", "Leïla Exemple", "Pierre-Yves Exemple"]
