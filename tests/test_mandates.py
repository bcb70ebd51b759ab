"""Offices found in free text: type, place, département, former offices left out."""

import time

import pytest

from petition.intake.mandates import find_mandates, fold_keep, is_body, territorial_of


def triples(text):
    return [(m.type, m.place, m.departement) for m in find_mandates(text)]


@pytest.mark.parametrize("text, expected", [
    ("Conseillère de Paris (75)", [("conseiller_municipal", "Paris", "75")]),
    ("2e adjointe au maire de Millau (Aveyron)", [("maire_adjoint", "Millau", "12")]),
    ("Député de la 3e circonscription du Calvados", [("depute", "Calvados", "14")]),
    ("Paul Arnal, CM Albi (81) - PS", [("conseiller_municipal", "Albi", "81")]),
    ("cons. mun. Annecy – EELV", [("conseiller_municipal", "Annecy", "74")]),
    ("Maire du 5e arrondissement de Lyon", [("maire_arrondissement", "Lyon", "69")]),
    # a commune's other name says which of the homonyms it is
    ("conseillère municipale à Montreuil-sous-Bois", [("conseiller_municipal", "Montreuil", "93")]),
    ("maire de Saint-Denis de la Réunion", [("maire", "Saint-Denis", "974")]),
    ("conseiller municipal délégué (CMD) à la vie associative, Vaulx-en-Velin",
     [("conseiller_municipal", "Vaulx-en-Velin", "69")]),
    ("Maire de Lamballe-Armor et VP de l'agglo Lamballe Terre et Mer (22)",
     [("maire", "Lamballe-Armor", "22"),
      ("conseiller_communautaire", "agglo Lamballe Terre et Mer", "22")]),
    ("vice-présidente de Terres de Montaigu", [("conseiller_communautaire",
                                                "Terres de Montaigu", "85")]),
    # a party tag inside the office; a delegation over two domains, the town hall below
    ("En tant qu'adjointe (PS) au maire d'Albi, chargée de la démocratie locale",
     [("maire_adjoint", "Albi", "81")]),
    ("Conseiller municipal délégué au numérique et aux libertés publiques\nVille de Niort",
     [("conseiller_municipal", "Niort", "79")]),
    # « à » then a capital inside a delegation; majority and minority are modifiers
    ("Maire-adjoint chargé des mobilités douces à Vannes", [("maire_adjoint", "Vannes", "56")]),
    ("maire adjointe chargée de la culture à Vannes", [("maire_adjoint", "Vannes", "56")]),
    ("élue de la majorité municipale à Niort", [("conseiller_municipal", "Niort", "79")]),
    ("Conseillère municipale minoritaire à Cholet", [("conseiller_municipal", "Cholet", "49")]),
    # the city an arrondissement office names in its words or just after them
    ("maire de Paris Centre", [("maire_arrondissement", "Paris", "75")]),
    ("Conseillère d'arrondissement (4e secteur de Marseille)",
     [("conseiller_arrondissement", "Marseille", "13")]),
    # « du » is « de le »: Le Pin (nine communes, so no département), not Pin (70)
    ("Adjoint au maire du Pin, délégué aux travaux", [("maire_adjoint", "Le Pin", None)]),
    ("maire du Pin (77)", [("maire", "Le Pin", "77")]),
    ("maire de Pin (70)", [("maire", "Pin", "70")]),
    ("Élue à l'Assemblée de Corse depuis 2021", [("conseiller_territorial", "Corse", None)]),
    # a denied office corrected by « mais »: its commune carries over
    ("je ne suis pas maire de\nFontrailles mais première adjointe",
     [("maire_adjoint", "Fontrailles", "65")]),
    # a commune of several words in lower case after a name written with capitals
    ("Didier Exemple maire adjoint de chalon sur saone, delegue a la voirie",
     [("maire_adjoint", "Chalon-sur-Saône", "71")]),
    ("Paul Exemple, maire de quartier nord", [("maire", None, None)]),
    # « adjointe » alone, its commune right after it with a capital
    ("Je signe. Gaëlle Exemple, adjointe Quimperlé, PS", [("maire_adjoint", "Quimperlé", "29")]),
    ("adjointe administrative à la mairie", []),
    # English, from élus born abroad and MEPs
    ("Municipal councillor, Forcalquier (04)", [("conseiller_municipal", "Forcalquier", "04")]),
    ("I have been a city councilor in Forcalquier since 2020",
     [("conseiller_municipal", "Forcalquier", "04")]),
    ("Deputy Mayor of Lannion", [("maire_adjoint", "Lannion", "22")]),
    ("Mayor of Lagrasse", [("maire", "Lagrasse", "11")]),
    ("Regional councillor of Brittany / Conseillère régionale de Bretagne",
     [("conseiller_regional", "Bretagne", None)]),
    ("Senator for the Nord", [("senateur", "Nord", "59")]),
    ("the councillors of the majority voted", []),
    ("how French mayors can accept this", []),
    ("the mayor of Manosque has already asked for funding", []),
    # a commune named in its regional language first, then in French after a slash
    ("conseiller municipal de Portivechju / Porto-Vecchio, Femu",
     [("conseiller_municipal", "Porto-Vecchio", "2A")]),
    ("Maerez Kemperle / Maire de Quimperlé", [("maire", "Quimperlé", "29")]),
    ("maire de Kemperle/Quimperlé (29)", [("maire", "Quimperlé", "29")]),
    # « cm » in lower case before a commune written with its capital
    ("signature Yannick Exemple cm Concarneau (29) UDB",
     [("conseiller_municipal", "Concarneau", "29")]),
    ("une table de 80 cm de large", []),
    ("un écran de 50 cm Samsung", []),
    # « adjoint à » a delegation is an adjoint au maire
    ("Adjoint à l'urbanisme et aux mobilités, Ville de Niort", [("maire_adjoint", "Niort", "79")]),
    ("Adjointe aux sports de Millau", [("maire_adjoint", "Millau", "12")]),
    ("adjoint au directeur des services", []),
    ("directrice adjointe de Brest Métropole Habitat", []),
    # a party's adjective between the office and its place
    ("Sénatrice communiste du Val-d'Oise", [("senateur", "Val-d'Oise", "95")]),
    ("conseillère municipale écologiste de Rennes", [("conseiller_municipal", "Rennes", "35")]),
    ("adjoint socialiste au maire de Brest", [("maire_adjoint", "Brest", "29")]),
    # an office in the third person: someone else's, the subject of a verb
    ("La maire de Paris s'est engagée à ne pas déployer la VSA.\nAdjointe au maire du 18e "
     "arrondissement", [("maire_adjoint", "Paris", "75")]),
    ("Le maire de Limoges souhaite les conserver. Je m'y oppose.\nDéputée de la Haute-Vienne",
     [("depute", "Haute-Vienne", "87")]),
    ("Notre maire de secteur a demandé des explications.\nConseillère municipale de Brest",
     [("conseiller_municipal", "Brest", "29")]),
    # only Paris has a 17th to 20th arrondissement
    ("Conseiller du 20e arrondissement", [("conseiller_arrondissement", "Paris", "75")]),
    ("Conseiller du 14e arrondissement", [("conseiller_arrondissement", None, None)]),
    # but the writer's own office, or a title the sign-off or a cabinet gives
    ("Je suis le maire de Lagrasse et je signe.", [("maire", "Lagrasse", "11")]),
    ("Le Maire,\nJean Exemple\nMairie de Rivesaltes", [("maire", "Rivesaltes", "66")]),
    ("Le maire de Lagrasse souhaite signer la tribune.", [("maire", "Lagrasse", "11")]),
    # a denied office in quotes, corrected
    ("ce n'est pas « conseillère municipale » mais adjointe au maire de Lannion (22)",
     [("maire_adjoint", "Lannion", "22")]),
    ('Je ne suis pas "maire" mais première adjointe de Redon', [("maire_adjoint", "Redon", "35")]),
    # someone else's title: « avec le maire », « Le maire, lui, … »
    ("Après discussion avec le maire, je retire ma signature.\nAdjointe au maire de Salazie",
     [("maire_adjoint", "Salazie", "974")]),
    ("Le maire, lui, n'a pas souhaité signer. Conseillère municipale de Lunel",
     [("conseiller_municipal", "Lunel", "34")]),
    ("Élu depuis 2020 au conseil municipal de Morlaix", [("conseiller_municipal", "Morlaix",
                                                         "29")]),
    # the town's line below a block of offices: the communal ones are held there; it is
    # no intercommunal body
    ("Conseillère municipale\nConseillère communautaire\nVille de Quimper",
     [("conseiller_municipal", "Quimper", "29"), ("conseiller_communautaire", None, None)]),
    ("conseillère communautaire\nVille de Quimper", [("conseiller_communautaire", None, None)]),
    # the council's line under a list of councillors, after a blank line, with its
    # département: the one town line of the mail
    ("• Lise Exemple, conseillère municipale (PCF)\n• Paul Exemple, conseiller municipal\n\n"
     "Conseil municipal d'Argenteuil, Val-d'Oise.",
     [("conseiller_municipal", "Argenteuil", "95")]),
    ("Conseillère municipale\n\nMairie de Saint-Denis (974)",
     [("conseiller_municipal", "Saint-Denis", "974")]),
    # two towns named: neither is taken
    ("Conseillère municipale\n\nVille de Quimper\nVille de Brest",
     [("conseiller_municipal", None, None)]),
    ("élue au conseil municipal de Landerneau", [("conseiller_municipal", "Landerneau", "29")]),
    ("élue de l'opposition au Conseil municipal de Brest",
     [("conseiller_municipal", "Brest", "29")]),
    # a body's kind in lower case, then its name
    ("Présidente de la communauté de communes du Pays de Landivisiau",
     [("conseiller_communautaire", "communauté de communes du Pays de Landivisiau", "29")]),
    # a body's name holding a comma; an acronym spelt out in parentheses
    ("Vice-président de la Communauté de communes Chinon, Vienne et Loire (37)",
     [("conseiller_communautaire", "Communauté de communes Chinon, Vienne et Loire", "37")]),
    ("Conseiller communautaire de la CALL (Communauté d'agglomération de Lens-Liévin)",
     [("conseiller_communautaire", "Communauté d'agglomération de Lens-Liévin", "62")]),
    ("conseillère communautaire de la CC du Pays de Landivisiau, commission mobilités",
     [("conseiller_communautaire", "CC du Pays de Landivisiau", "29")]),
    # a body not named: the office stands, its place unknown
    ("maire et vice-président de la communauté de communes",
     [("maire", None, None), ("conseiller_communautaire", None, None)]),
    ("VP de l'agglo, adjoint au maire de Lannion",
     [("conseiller_communautaire", None, None), ("maire_adjoint", "Lannion", "22")]),
    ("Député au Parlement européen", [("depute_europeen", None, None)]),
    ("Member of the European Parliament / Députée du Parlement européen",
     [("depute_europeen", None, None)]),
    # Marseille's title is plural: a sector spans two arrondissements
    ("conseiller d'arrondissements du 4e secteur de Marseille (6e et 8e)",
     [("conseiller_arrondissement", "Marseille", "13")]),
    ("conseiller·ère d'arrondissement du 18e (Paris)",
     [("conseiller_arrondissement", "Paris", "75")]),
    ("Maire de Millau et conseillère départementale de l'Aveyron (12)",
     [("maire", "Millau", "12"), ("conseiller_departemental", "Aveyron", "12")]),
    ("Vice-président du Conseil départemental du Morbihan",
     [("conseiller_departemental", "Morbihan", "56")]),
    ("Eurodéputé – Les Écologistes", [("depute_europeen", None, None)]),
    ("conseiller municipal délégué aux sports, Laval (53), PS",
     [("conseiller_municipal", "Laval", "53")]),
    ("conseiller à l'Assemblée de Guyane", [("conseiller_territorial", "Guyane", "973")]),
    ("Conseiller municipal de Pantin et conseiller territorial d'Est Ensemble (93)",
     [("conseiller_municipal", "Pantin", "93"),
      ("conseiller_communautaire", "Est Ensemble", "93")]),
    ("VP Région Normandie", [("conseiller_regional", "Normandie", None)]),
    ("conseillère municipale de Beaumont", [("conseiller_municipal", "Beaumont", None)]),
    ("conseillère municipale de Saint-Denis (974)",
     [("conseiller_municipal", "Saint-Denis", "974")]),
    ("conseiller municipal d'Arles, dép. 13", [("conseiller_municipal", "Arles", "13")]),
    ("Conseiller municipal – Sète, Hérault", [("conseiller_municipal", "Sète", "34")]),
    ("Présidente du Département de la Lozère", [("conseiller_departemental", "Lozère", "48")]),
    ("conseillère des Français de l'étranger", [("other", None, None)]),
    ("VP de Toulouse Métropole (31)",
     [("conseiller_communautaire", "Toulouse Métropole", "31")]),
])
def test_offices(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", [
    "Ancien maire de Nyons (2001-2014)",
    "ex-députée de la Drôme",
    "Ancienne conseillère municipale de Laval (53)",
    "Collaborateur parlementaire du sénateur Jean Testard",
    "maire honoraire de Dieulefit",
])
def test_former_or_not_mine(text):
    assert triples(text) == []


def test_current_office_next_to_a_former_one():
    text = "Ancien maire de Nyons (2001-2014), aujourd'hui conseiller municipal de Nyons (Drôme)"
    assert triples(text) == [("conseiller_municipal", "Nyons", "26")]


def test_code_after_a_regional_office_stays_on_the_commune():
    text = "conseiller municipal de Gap (05) et conseiller régional de Provence-Alpes-Côte d'Azur"
    assert triples(text) == [("conseiller_municipal", "Gap", "05"),
                             ("conseiller_regional", "Provence-Alpes-Côte d'Azur", None)]


def test_standalone_departement_line_applies_to_each_list_entry():
    text = "- Ana Roux, maire de Saillans\n- Léo Brun, maire de Vercheny\n(Drôme)\n"
    assert [m.departement for m in find_mandates(text)] == ["26", "26"]


def test_label_drops_the_place_parentheses():
    assert find_mandates("Conseillère municipale de Laval (53)")[0].label == (
        "Conseillère municipale de Laval")


def test_fold_keeps_length_and_blanks_inclusive_suffixes():
    text = "conseiller·ère municipal·e"
    folded = fold_keep(text)
    assert len(folded) == len(text)
    assert folded.split() == ["conseiller", "municipal"]


def test_large_text_is_fast():
    text = ("Bonjour, je signe. Conseillère municipale de Laval (53). " * 40000)[:2_000_000]
    start = time.perf_counter()
    find_mandates(text)
    assert time.perf_counter() - start < 5


def test_arrondissement_office_takes_the_city_named_elsewhere():
    text = "Conseillère de Paris, Maire du 10e arrondissement"
    assert triples(text) == [("conseiller_municipal", "Paris", "75"),
                             ("maire_arrondissement", "Paris", "75")]


def test_municipal_and_communautaire_in_one_phrase():
    assert triples("conseillère municipale et communautaire à Quimperlé (29)") == [
        ("conseiller_municipal", "Quimperlé", "29"), ("conseiller_communautaire", None, "29")]


@pytest.mark.parametrize("text, expected", [
    ("Maire déléguée de Seynod", [("maire", "Annecy", "74")]),
    ("Maire délégué d'Équeurdreville-Hainneville (Manche)",
     [("maire", "Cherbourg-en-Cotentin", "50")]),
    ("maire délégué de la commune déléguée de Cran-Gevrier",
     [("maire", "Annecy", "74")]),
    ("Adjointe au maire déléguée de Seynod (74)", [("maire_adjoint", "Annecy", "74")]),
    ("Conseiller municipal délégué de Cran-Gevrier", [("conseiller_municipal", "Annecy", "74")]),
    # the council of a commune déléguée is the commune nouvelle's
    ("conseillère municipale de Saint-Germain-de-Tallevende-la-Lande-Vaumont",
     [("conseiller_municipal", "Vire Normandie", "14")]),
    # a name carried by a commune actuelle stays that commune
    ("Maire de Bayeux", [("maire", "Bayeux", "14")]),
])
def test_commune_deleguee_gives_the_commune_nouvelle(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # only a commune déléguée has a maire délégué: Torfou (49), not Torfou (91)
    ("Maire déléguée de Torfou", [("maire", "Sèvremoine", "49")]),
    # the commune nouvelle named in the mail settles the homonym
    ("Conseillère municipale de Torfou\nCommune nouvelle de Sèvremoine (Maine-et-Loire)",
     [("conseiller_municipal", "Sèvremoine", "49")]),
    ("Adjoint au maire de Torfou – Sèvremoine", [("maire_adjoint", "Sèvremoine", "49")]),
    # a commune nouvelle whose name holds an apostrophe, typographic or plain
    ("Conseiller municipal de Maumusson (Vallons-de-l’Erdre)",
     [("conseiller_municipal", "Vallons-de-l'Erdre", "44")]),
    ("Conseillère municipale de Larche, commune de Val d'Oronaye",
     [("conseiller_municipal", "Val d'Oronaye", "04")]),
    # without such evidence the commune actuelle stands
    ("Maire de Torfou", [("maire", "Torfou", "91")]),
    ("Conseiller municipal de Torfou (91)", [("conseiller_municipal", "Torfou", "91")]),
])
def test_commune_actuelle_or_deleguee_settled_by_evidence(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("conseillère municipale déléguée à la jeunesse de Loches",
     [("conseiller_municipal", "Loches", "37")]),
    ("adjoint délégué aux finances, Loches", [("maire_adjoint", "Loches", "37")]),
    ("adjointe déléguée à la politique de la ville de Loches",
     [("maire_adjoint", "Loches", "37")]),
])
def test_place_after_a_delegation(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Adjointe au maire de Valence\nHôtel de ville, 1 place de la Liberté, 26000 Valence",
     [("maire_adjoint", "Valence", "26")]),
    ("Conseiller municipal de Valence (82400)", [("conseiller_municipal", "Valence", "82")]),
    ("Maire de Saint-Ouen\n41100 - SAINT-OUEN", [("maire", "Saint-Ouen", "41")]),
    ("conseillère municipale de Saint-Denis, 97400", [
        ("conseiller_municipal", "Saint-Denis", "974")]),
    # the commune written with the postcode names the short form in full
    ("Adjoint au maire de St-Ouen\nBP 7, 93400 SAINT-OUEN-SUR-SEINE CEDEX",
     [("maire_adjoint", "Saint-Ouen-sur-Seine", "93")]),
    # a postcode of another commune's département says nothing about this one
    ("Conseiller municipal de Valence\n75011 Paris", [("conseiller_municipal", "Valence", None)]),
    ("Conseiller municipal de Valence\n33000 Valence", [("conseiller_municipal", "Valence", None)]),
])
def test_postcode_with_the_commune_gives_its_departement(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # no body named: place null (not stated), in the commune's département
    ("conseiller municipal et communautaire de Loches",
     [("conseiller_municipal", "Loches", "37"), ("conseiller_communautaire", None, "37")]),
    ("conseillère municipale et communautaire de Valence",
     [("conseiller_municipal", "Valence", None), ("conseiller_communautaire", None, None)]),
    # a known body within one département gives it
    ("conseillère territoriale de Paris Est Marne et Bois",
     [("conseiller_communautaire", "Paris Est Marne et Bois", "94")]),
    ("conseiller de territoire de Grand-Orly Seine Bièvre",
     [("conseiller_communautaire", "Grand-Orly Seine Bièvre", None)]),
])
def test_communautaire_departement(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("name, expected", [
    ("Martinique", ("Martinique", "972")),
    ("la Polynésie française", ("Polynésie française", "987")),
    ("Saint Pierre et Miquelon", ("Saint-Pierre-et-Miquelon", "975")), ("Corse", ("Corse", None)),
    ("La Réunion", None), ("Guadeloupe", None), ("Bretagne", None),
])
def test_territorial_collectivites_come_from_data(name, expected):
    assert territorial_of(name) == expected


@pytest.mark.parametrize("name", [
    "Paris Terres d'Envol", "Grand Paris Seine Ouest", "Brest métropole", "CA du Pays Basque"])
def test_bodies_come_from_the_epci_table(name):
    assert is_body(name)


def test_a_commune_is_not_a_body():
    assert not is_body("Loches")


@pytest.mark.parametrize("text, expected", [
    # one letter missing or doubled in the office words (a bounded list in the data)
    ("conseilere municipal de Roubaix", [("conseiller_municipal", "Roubaix", "59")]),
    ("conseillere muncipale de Roubaix", [("conseiller_municipal", "Roubaix", "59")]),
    ("Conseillère municpale de Tourcoing", [("conseiller_municipal", "Tourcoing", "59")]),
    ("conseiler municipal de Douai", [("conseiller_municipal", "Douai", "59")]),
    ("ajointe au maire de Douai", [("maire_adjoint", "Douai", "59")]),
    ("conseillère départementale de la gironde", [
        ("conseiller_departemental", "Gironde", "33")]),
    ("conseiller regionnal de Bretagne", [("conseiller_regional", "Bretagne", None)]),
    # every order of « adjoint » and « maire » is a maire adjoint, in capitals too
    ("R. FAURE ADJOINT MAIRE DE VALENCE (26)", [("maire_adjoint", "Valence", "26")]),
    ("adjoint maire de Valence (26)", [("maire_adjoint", "Valence", "26")]),
    ("maire-adjoint de Valence (26)", [("maire_adjoint", "Valence", "26")]),
    ("Adjointe-maire de Douai", [("maire_adjoint", "Douai", "59")]),
    ("CONSEILLERE MUNICIPALE DE ROUBAIX", [("conseiller_municipal", "Roubaix", "59")]),
])
def test_messy_writing_of_offices(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("adjointe au maire de st etienne (42)", [("maire_adjoint", "Saint-Étienne", "42")]),
    ("adjointe au maire de st etienne", [("maire_adjoint", "Saint-Étienne", "42")]),
    ("conseillère municipale, st etienne (42)",
     [("conseiller_municipal", "Saint-Étienne", "42")]),
    ("maire de nant", [("maire", "Nant", "12")]),
    ("conseiller municipal de clermont-ferrand", [
        ("conseiller_municipal", "Clermont-Ferrand", "63")]),
    # a saint's name says it is a commune: no « de » needed
    ("mathilde exemple cons. mun. st brieuc, ps",
     [("conseiller_municipal", "Saint-Brieuc", "22")]),
    ("conseillère municipale st etienne", [("conseiller_municipal", "Saint-Étienne", "42")]),
    ("maire st sulpice", [("maire", "Saint-Sulpice", None)]),
    # …but a lone « saint » is no place (Le Saint, 56)
    ("maire saint", [("maire", None, None)]),
])
def test_commune_written_in_lower_case(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # several words name a place even when communes share the name; a piece of it never
    ("conseillere municipale a st nazaire", [("conseiller_municipal", "Saint-Nazaire", None)]),
    ("adjointe au maire de saint denis", [("maire_adjoint", "Saint-Denis", None)]),
    ("maire de la ville", [("maire", None, None)]),
])
def test_lower_case_homonyms_keep_their_whole_name(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a word of the sentence in lower case is no commune
    ("Je suis conseillère municipale de ma ville et je signe.", [
        ("conseiller_municipal", None, None)]),
    ("conseiller municipal de gauche", [("conseiller_municipal", None, None)]),
    ("adjointe au maire de quartier", [("maire_adjoint", None, None)]),
    # a word after a comma is no commune without its « de » (Le Pas, Mayenne)
    ("je suis adjointe au maire, pas conseillère municipale.", [("maire_adjoint", None, None)]),
    ("maire, mais aussi citoyen", [("maire", None, None)]),
    ("Conseillère municipale de Loches, maire de coeur, je signe", [
        ("conseiller_municipal", "Loches", "37"), ("maire", None, None)]),
])
def test_lower_case_words_that_are_no_commune(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("CM Brest & CD Finistère", [("conseiller_municipal", "Brest", "29"),
                                 ("conseiller_departemental", "Finistère", "29")]),
    ("CD du Finistère", [("conseiller_departemental", "Finistère", "29")]),
    ("CM Rennes, CR Bretagne", [("conseiller_municipal", "Rennes", "35"),
                                ("conseiller_regional", "Bretagne", None)]),
    ("CR Hauts-de-France", [("conseiller_regional", "Hauts-de-France", None)]),
    ("CM et CC de Lunel (34)", [("conseiller_municipal", "Lunel", "34"),
                                ("conseiller_communautaire", None, "34")]),
    ("CC Millau Grands Causses (12)", [
        ("conseiller_communautaire", "Millau Grands Causses", "12")]),
    ("VP CA du Grand Dole", [("conseiller_communautaire", "CA du Grand Dole", "39")]),
    ("VP de Brest Métropole", [("conseiller_communautaire", "Brest Métropole", "29")]),
    ("VP du Département de la Gironde", [("conseiller_departemental", "Gironde", "33")]),
])
def test_abbreviated_offices(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", [
    "Le CR de la réunion est joint.",  # a compte rendu
    "voir le CD joint",
    "cd Finistère",
    "CC : le cabinet",
    "cm de Brest",
    "CC CFLAGS = -O2",  # a Makefile in a patch: no body is one unknown word in capitals
    "CA CERTIFICATE",
])
def test_abbreviations_need_capitals_and_a_place(text):
    assert triples(text) == []


def test_code_after_several_offices_and_a_canton():
    text = ("Maire de Nant, vice-présidente de la Communauté de communes Millau Grands Causses "
            "et conseillère départementale du canton de Millau-2 (12)")
    assert triples(text) == [
        ("maire", "Nant", "12"),
        ("conseiller_communautaire", "Communauté de communes Millau Grands Causses", "12"),
        ("conseiller_departemental", "Aveyron", "12")]


@pytest.mark.parametrize("text, expected", [
    ("conseiller départemental du canton de Loches", [
        ("conseiller_departemental", "Indre-et-Loire", "37")]),
    ("Conseillère départementale, canton de Millau-1 (Aveyron)", [
        ("conseiller_departemental", "Aveyron", "12")]),
    ("conseillère départementale du canton de Valence-2 (26)", [
        ("conseiller_departemental", "Drôme", "26")]),
])
def test_canton_names_the_departement(text, expected):
    assert triples(text) == expected


def test_code_after_a_body_that_lies_elsewhere_stays_off_it():
    text = "Conseiller de la Communauté d'agglomération du Grand Dole et maire de Lunel (34)"
    assert triples(text) == [("conseiller_communautaire", "Grand Dole", "39"),
                             ("maire", "Lunel", "34")]


@pytest.mark.parametrize("text, expected", [
    ("Ancienne maire de Millau (2014-2020), je reste conseillère municipale d'opposition.",
     [("conseiller_municipal", "Millau", "12")]),
    ("Ex-adjoint au maire de Tulle, aujourd'hui conseiller municipal.",
     [("conseiller_municipal", "Tulle", "19")]),
    # another paragraph, or a commune written with the office, is not inherited
    ("Ancienne maire de Millau.\n\nConseillère municipale, je signe.",
     [("conseiller_municipal", None, None)]),
    ("Ancien maire de Millau, conseiller municipal de Rodez",
     [("conseiller_municipal", "Rodez", "12")]),
    # a denied office is no former one
    ("Pas maire de Millau, conseiller municipal", [("conseiller_municipal", None, None)]),
])
def test_office_held_in_the_commune_of_a_former_one(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the place of an intercommunal office is the body, as written
    ("conseillère de l'Eurométropole de Strasbourg",
     [("conseiller_communautaire", "Eurométropole de Strasbourg", "67")]),
    ("conseiller de la métropole de Lyon",
     [("conseiller_communautaire", "Métropole de Lyon", "69")]),
    ("conseiller de la Métropole du Grand Paris",
     [("conseiller_communautaire", "Métropole du Grand Paris", None)]),
    ("conseillère de la Métropole européenne de Lille",
     [("conseiller_communautaire", "Métropole européenne de Lille", "59")]),
    ("conseiller de la Métropole de Lille",
     [("conseiller_communautaire", "Métropole de Lille", "59")]),
    ("conseillère eurométropolitaine de Strasbourg",
     [("conseiller_communautaire", "Strasbourg", "67")]),
])
def test_metropolitan_councils_are_named_by_their_body(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # « conseiller » alone: the place named says which council
    ("Conseiller municipal de Montpellier et conseiller de Montpellier Méditerranée Métropole",
     [("conseiller_municipal", "Montpellier", "34"),
      ("conseiller_communautaire", "Montpellier Méditerranée Métropole", "34")]),
    ("Conseillère de la Région Bretagne", [("conseiller_regional", "Bretagne", None)]),
    ("conseiller du Département du Gers", [("conseiller_departemental", "Gers", "32")]),
    ("Vice-présidente de la Métropole européenne de Lille",
     [("conseiller_communautaire", "Métropole européenne de Lille", "59")]),
    # a job, a commune or no place: no office
    ("conseiller en communication de la Métropole de Lyon", []),
    ("conseiller juridique de la Région", []),
    ("conseiller de Lille", []),
])
def test_a_councillor_of_the_place_named(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Conseillère municipale et métropolitaine de Rennes",
     [("conseiller_municipal", "Rennes", "35"), ("conseiller_communautaire", None, "35")]),
    # a party's short name between the office and its place
    ("conseiller municipal EELV de Rouen", [("conseiller_municipal", "Rouen", "76")]),
    ("Maire (PCF) de Gennevilliers", [("maire", "Gennevilliers", "92")]),
    ("Conseillère municipale LFI à Rennes", [("conseiller_municipal", "Rennes", "35")]),
    ("Maire (Gennevilliers)", [("maire", "Gennevilliers", "92")]),
])
def test_office_place_with_a_party_or_a_second_council_between(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Conseillère municipale déléguée aux mobilités\nVille de Grenoble",
     [("conseiller_municipal", "Grenoble", "38")]),
    ("Maire\nMairie de Plouha", [("maire", "Plouha", "22")]),
    ("maire de Ville (60)", [("maire", "Ville", "60")]),
])
def test_ville_de_and_mairie_de_name_the_commune_after_them(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the title of the person a cabinet writes for is their office
    ("De la part de Madame la Maire, Anne Roy, qui signe la tribune.", [("maire", None, None)]),
    ("Madame la Maire de Millau, Anne Roy, souhaite signer la tribune.",
     [("maire", "Millau", "12")]),
    # a title alone is no office held by a signer
    ("Madame la Maire,\nJe vous écris au sujet de la tribune.", []),
    ("Monsieur le Maire de Millau vous remercie de votre courrier.", []),
    ("L'équipe du maire de Lorient vous remercie.", []),
    ("J'ai transféré votre appel à la maire de ma commune en lui demandant de signer.", []),
    ("J'en ai parlé à l'adjoint aux sports.", []),
])
def test_a_title_is_an_office_only_for_the_person_written_for(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the élus of one commune introduce themselves, then each names an office
    ("Les élu·es écologistes de Quimperlé (29) signent :\n- Léa Morvan, adjointe au maire\n"
     "- Yanis Cordier, conseiller municipal",
     [("maire_adjoint", "Quimperlé", "29"), ("conseiller_municipal", "Quimperlé", "29")]),
    ("Nous, élus de Bègles, signons.\nMarc Duval, conseiller municipal",
     [("conseiller_municipal", "Bègles", "33")]),
    # the group's commune after the words that qualify it, or after its number
    ("Au nom des élu·es de la majorité municipale de Malakoff (Hauts-de-Seine), je vous "
     "transmets nos signatures.\n\nLéa Exemple, adjointe au maire chargée de la tranquillité "
     "publique – PCF\nPaul Exemple, conseiller municipal – PS",
     [("maire_adjoint", "Malakoff", "92"), ("conseiller_municipal", "Malakoff", "92")]),
    ("Nous sommes quatre élu·es d'opposition au conseil municipal de Fréjus (Var), d'horizons "
     "divers. Nous signons :\n\nLéa Exemple, conseillère municipale, PS",
     [("conseiller_municipal", "Fréjus", "83")]),
    # a list of signatories: an office without its commune is held in the one commune
    # the others' offices name
    ("- Loïc Exemple, maire de Trémargat\n- Anne Exemple, 1ère adjointe\nsans étiquette",
     [("maire", "Trémargat", "22"), ("maire_adjoint", "Trémargat", "22")]),
    ("- Loïc Exemple, maire de Trémargat\n- Anne Exemple, adjointe au maire de Lanrivain\n"
     "- Paul Exemple, conseiller municipal",
     [("maire", "Trémargat", "22"), ("maire_adjoint", "Lanrivain", "22"),
      ("conseiller_municipal", None, None)]),
    # two communes, or one élue: no group commune
    ("Les élus de Paris et de Lyon signent :\nconseiller municipal",
     [("conseiller_municipal", None, None)]),
    ("Élue de Montreuil\nconseillère municipale", [("conseiller_municipal", None, None)]),
    # a modifier wrapped onto the next line
    ("conseillère municipale\nd'opposition au Havre (76)",
     [("conseiller_municipal", "Le Havre", "76")]),
])
def test_commune_of_a_group_of_elus_and_wrapped_modifiers(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a sentence wrapped after a link word or before a denied office
    ("conseiller communautaire de la\nCommunauté de communes du Pays de Lunel (34)",
     [("conseiller_communautaire", "Communauté de communes du Pays de Lunel", "34")]),
    ("adjointe au maire de\nBrest", [("maire_adjoint", "Brest", "29")]),
    ("je suis adjointe au maire de Millau, et non\nconseillère municipale.",
     [("maire_adjoint", "Millau", "12")]),
    ("Léa Morvan\nconseillère municipale de Brest", [("conseiller_municipal", "Brest", "29")]),
])
def test_offices_across_a_wrapped_line(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("vice-présidente du CD22 (Côtes-d'Armor)",
     [("conseiller_departemental", "Côtes-d'Armor", "22")]),
    ("Vice-président du CD 2A", [("conseiller_departemental", "Corse-du-Sud", "2A")]),
    # an assistant writing for the maire: the title is the maire's office
    ("Monsieur le Maire de Millau, Paul Arnal, me charge de retirer sa signature.",
     [("maire", "Millau", "12")]),
    ("Monsieur le Maire de Millau me charge de vous remercier.", []),
])
def test_council_codes_and_titles_of_the_person_written_for(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Léa Morvan, MEP (Greens/EFA)", [("depute_europeen", None, None)]),
    ("les meps sont invités", []),  # in capitals only, as CM, CD, CR, CC
])
def test_mep_in_capitals(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # « le Grand X » naming one intercommunality and no commune
    ("vice-président du Grand Narbonne chargé des mobilités (11)",
     [("conseiller_communautaire", "Grand Narbonne", "11")]),
    ("vice-présidente de Grand Poitiers", [("conseiller_communautaire", "Grand Poitiers", "86")]),
    # one office read once, even when an abbreviation inside it matches again
    ("vice-président de la CC de la Lomagne Gersoise (32)",
     [("conseiller_communautaire", "CC de la Lomagne Gersoise", "32")]),
])
def test_grand_bodies_and_offices_read_once(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a municipal office signed above a town hall's address
    ("Hugo Le Du\nConseiller municipal\nHôtel de Ville – 1 place de la Mairie – 29200 Brest",
     [("conseiller_municipal", "Brest", "29")]),
    ("Adjointe au maire\nMairie\n34000 MONTPELLIER", [("maire_adjoint", "Montpellier", "34")]),
    # a private address says nothing of the office
    ("Conseillère municipale\n12 rue des Lilas 75011 Paris",
     [("conseiller_municipal", None, None)]),
    # a line of nothing but the postcode and the town, right under the office, names it
    ("Erwan Exemple\nConseiller municipal (opposition)\n56700 Hennebont\nDivers gauche",
     [("conseiller_municipal", "Hennebont", "56")]),
    ("Conseiller municipal\n75011 Lyon", [("conseiller_municipal", None, None)]),
    # a surname ending in « Du » or « Le » opens no « du … » before the office below it
    ("Hugo Le Du\nMaire de Tulle", [("maire", "Tulle", "19")]),
])
def test_town_hall_address_and_names_ending_in_particles(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("cons. municipale déléguée à St-Brieuc", [("conseiller_municipal", "Saint-Brieuc", "22")]),
    ("conseillère municipale déléguée à la culture", [("conseiller_municipal", None, None)]),
    ("conseiller municipal à la Rochelle", [("conseiller_municipal", "La Rochelle", None)]),
    ("conseiller municipal à l'Haÿ-les-Roses", [("conseiller_municipal", "L'Haÿ-les-Roses", "94")]),
    # a conseiller territorial of an EPT sits on an intercommunal council
    ("conseiller territorial à l'EPT Est Ensemble",
     [("conseiller_communautaire", "EPT Est Ensemble", "93")]),
])
def test_places_after_a_and_a_la(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a sentence's full stop ends the place; an abbreviation's dot does not
    ("conseillère de l'EPT Est Ensemble. Communiste.",
     [("conseiller_communautaire", "EPT Est Ensemble", "93")]),
    ("maire de St. Denis (93)", [("maire", "Saint-Denis", "93")]),
])
def test_a_full_stop_ends_a_place(text, expected):
    assert triples(text) == expected
