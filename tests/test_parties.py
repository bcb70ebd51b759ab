import pytest

from petition.intake.parties import (
    canonical_party,
    find_party,
    is_far_right,
    party_info,
    says_no_party,
)
from petition.settings import DEFAULT_FAR_RIGHT


@pytest.mark.parametrize(
    ("text", "party"),
    [("Conseillère municipale EELV", "EELV"),
     ("élue insoumise", "LFI"),
     ("Élu La France insoumise", "LFI"),
     ("apparentée socialiste", "PS"),
     ("Adjoint au maire (PS)", "PS"),
     ("groupe écologiste", "EELV"),
     ("Europe Écologie-Les Verts", "EELV"),
     ("Les Verts", "EELV"),
     ("Les Écologistes", "EELV"),
     ("E.E.L.V.", "EELV"),
     ("Adjointe (PCF)", "PCF"),
     ("élu communiste", "PCF"),
     ("Parti communiste réunionnais", "PCR"),
     ("liste divers gauche", "DVG"),
     ("divers droite", "DVD"),
     ("Génération·s", "Génération·s"),
     ("Génération.s", "Génération·s"),
     ("Génération écologie", "Génération écologie"),
     ("Place publique", "Place publique"),
     ("Ensemble !", "Ensemble!"),
     ("Ensemble!", "Ensemble!"),
     ("Ensemble pour la République", "Renaissance"),
     ("Renaissance", "Renaissance"),
     ("MoDem", "MoDem"),
     ("Horizons", "Horizons"),
     ("UDI", "UDI"),
     ("Les Républicains", "LR"),
     ("élu LR", "LR"),
     ("NPA-L'Anticapitaliste", "NPA"),
     ("Reconquête!", "Reconquête"),
     ("Rassemblement national", "RN"),
     ("ancien du Front National", "RN"),
     ("conseiller RN", "RN"),
     ("Debout la France", "Debout la France"),
     ("Picardie debout", "Picardie debout"),
     ("vice-président UDR", "UDR"),
     ("L'Après", "L'Après"),
     ("Femu a Corsica", "Femu a Corsica"),
     ("élu PC", "PCF"),
     ("groupe FI", "LFI"),
     ("vice-présidente du CD22, PS : je signe", "PS")],
)
def test_find_party(text, party):
    hit = find_party(text)
    assert hit is not None and hit.party == party
    assert text[hit.start:hit.start + len(hit.text)] == hit.text


@pytest.mark.parametrize(
    "text",
    ["sans étiquette", "sans parti", "Ensemble pour Montreuil", "Ensemble", "La République",
     "valeurs républicaines", "mon PC est en panne", "FI", "PS : je signe aussi",
     "les espaces verts", "un modem", "nouveaux horizons", "l'après-midi", "après",
     "réduire les GES", "une renaissance du centre-ville", "debout", "ps", "lr", ""],
)
def test_find_party_refuses(text):
    assert find_party(text) is None


def test_find_party_reports_offset_and_confidence():
    hit = find_party("Marie Dupont, conseillère municipale (EELV) à Lorient")
    assert hit.text == "EELV" and hit.start == 38 and hit.confidence >= 0.9
    weak = find_party("élue socialiste")
    assert weak.confidence < hit.confidence


def test_coalition_only_when_no_party():
    assert find_party("élue NFP").party == "NFP"
    assert find_party("membre du groupe NFP, PS").party == "PS"
    assert find_party("Nouveau Front populaire (PCF)").party == "PCF"
    assert find_party("élu NUPES").party == "NUPES"


def test_a_group_is_the_party_only_when_no_party_is_named():
    text = ("Députée de la Haute-Garonne (groupe Socialistes et apparentés)\n"
            "Membre de Place publique")
    assert find_party(text).party == "Place publique"
    assert find_party("Sénateur de la Manche, Groupe Les Républicains").party == "LR"
    assert find_party("membres du groupe écologiste").party == "EELV"
    assert find_party("groupe socialiste, NFP").party == "PS"  # a group before a coalition
    # every party word of the group's name is the group's
    assert find_party("sénatrice, groupe Communiste Républicain Citoyen et Écologiste – Kanaky, "
                      "membre du PCF").party == "PCF"
    # a far-right group is never set aside for another name
    assert find_party("apparentée LR, membre du groupe RN").party == "LR"
    assert find_party("membre du groupe RN, apparentée LR").party == "RN"


def test_former_party_is_skipped():
    assert find_party("ex-PS, aujourd'hui Génération·s").party == "Génération·s"
    assert find_party("ex-PS") is None


def test_canonical_party():
    assert canonical_party("Parti socialiste") == "PS"
    assert canonical_party("parti socialiste") == "PS"
    assert canonical_party("Front national") == "RN"
    assert canonical_party("FN") == "RN"
    assert canonical_party("Ensemble !") == "Ensemble!"
    assert canonical_party("Europe Ecologie Les Verts") == "EELV"
    assert canonical_party("apparentée socialiste") == "PS"
    assert canonical_party("EELV") == "EELV"
    assert canonical_party("Ensemble") is None
    assert canonical_party("sans étiquette") is None
    assert canonical_party("SE") is None
    assert canonical_party(None) is None
    assert canonical_party("  ") is None


def test_says_no_party():
    assert says_no_party("Conseiller municipal d'Hénin-Beaumont (62)\nSE")
    assert says_no_party("conseillère municipale (SE)")
    assert says_no_party("Paul Exemple, maire de Die, SE.")
    assert not says_no_party("Je me permets de signer")
    assert not says_no_party("SE Asia")
    assert says_no_party("Sans étiquette")
    assert says_no_party("élue sans parti")
    assert not says_no_party("élue PS")


@pytest.mark.parametrize(
    ("party", "far"),
    [("RN", True), ("FN", True), ("Front national", True), ("Reconquête", True),
     ("Reconquete !", True), ("Les Patriotes", True), ("Debout la France", True),
     ("DLF", True), ("UDR", True), ("Parti de la France", True), ("Ligue du Sud", True),
     ("Comités Jeanne", True), ("MNR", True), ("Civitas", True), ("Les Identitaires", True),
     ("SIEL", True), ("PS", False), ("LR", False), ("Picardie debout", False),
     ("Les Républicains", False), (None, False), ("", False)],
)
def test_is_far_right_default_list(party, far):
    assert is_far_right(party, DEFAULT_FAR_RIGHT) is far


def test_is_far_right_follows_the_configured_list():
    assert not is_far_right("RN", ("Reconquête",))
    assert is_far_right("Rassemblement national", ("FN",))
    assert is_far_right("LR", ("Les Républicains",))
    assert not is_far_right("RN", ())


def test_table_marks_far_right_and_families():
    assert party_info("RN").far_right and party_info("RN").family == "far-right"
    assert not party_info("EELV").far_right and party_info("EELV").family == "ecologist"
    assert party_info("NFP").family == "coalition"
    for name in DEFAULT_FAR_RIGHT:
        assert party_info(canonical_party(name)).far_right, name


def test_opponents_are_not_the_signers_party():
    text = "Face au RN qui réclame la VSA, je signe. Léa Martin, conseillère municipale, PS"
    assert find_party(text).party == "PS"
    assert find_party("élue contre le Rassemblement national, EELV").party == "EELV"
    assert find_party("j'ai quitté le PS en 2017") is None
    assert find_party("militante anti-RN") is None
    assert find_party("j'ai été adhérent du Front national dans ma jeunesse.") is None
    assert find_party("J'ai été membre du PS jusqu'en 2017, je siège comme divers gauche"
                      ).party == "DVG"
    assert find_party("Contrairement au RN, je pense qu'on ne protège pas ainsi.") is None
    assert find_party("Élu d'opposition dans une ville dirigée par le RN") is None
    assert find_party("une commune gérée par Les Républicains depuis 2014") is None


@pytest.mark.parametrize(
    "text",
    ["conseillère municipale, groupe « Villeurbanne en commun »",
     "élu de la liste Nantes en commun",
     "Lorient En Commun",
     "tête de liste « Rouen en commun » en 2020",
     "Marseille Place publique",
     "Le collectif Die Génération écologie",
     "nous sommes des écologistes convaincus",
     "je suis une socialiste de cœur, sans carte",
     "une insoumise dans l'âme",
     "avec les communistes de la ville, je signe",
     "sur la place publique",
     "notre génération écologique"],
)
def test_local_lists_and_convictions_are_not_parties(text):
    assert find_party(text) is None


@pytest.mark.parametrize(
    ("text", "party"),
    [("élue En commun", "En commun"),
     ("conseiller municipal (En commun)", "En commun"),
     ("Groupe Place publique", "Place publique"),
     ("Candidate Place publique aux européennes", "Place publique"),
     ("Je signe. Place publique", "Place publique"),
     ("Conseillère municipale Les Écologistes", "EELV"),
     ("Députée La France insoumise", "LFI"),
     ("EELV Les Écologistes", "EELV"),
     ("élue écologiste", "EELV"),
     ("groupe des écologistes", "EELV"),
     ("maire communiste de la ville", "PCF"),
     ("Fréjus Rassemblement national", "RN"),
     ("Perpignan Reconquête !", "Reconquête")],
)
def test_party_names_next_to_titles_and_far_right_names_are_kept(text, party):
    hit = find_party(text)
    assert hit is not None and hit.party == party


@pytest.mark.parametrize(
    ("text", "party"),
    [("Représentante à l'assemblée, Tavini Huiraatira", "Tavini Huiraatira"),
     ("élu du Tavini Huiraatira No Te Ao Maohi", "Tavini Huiraatira"),
     ("membre du Tavini", "Tavini Huiraatira"),
     ("élue THN", "Tavini Huiraatira"),
     ("Tavini Huiraatira No Te Ao Ma'ohi", "Tavini Huiraatira"),
     ("Tapura Huiraatira", "Tapura Huiraatira"),
     ("groupe A here ia Porinetia", "A here ia Porinetia"),
     ("élu Calédonie ensemble", "Calédonie ensemble"),
     ("Les Loyalistes", "Les Loyalistes"),
     ("Union calédonienne", "Union calédonienne"),
     ("élu Palika", "Palika"),
     ("Parti de libération kanak", "Palika"),
     ("FLNKS", "FLNKS"),
     ("Front de libération nationale kanak et socialiste", "FLNKS"),
     ("FLNKS - Union calédonienne", "Union calédonienne"),
     ("Femu a Corsica", "Femu a Corsica"),
     ("Core in Fronte", "Core in Fronte"),
     ("Partitu di a Nazione Corsa (PNC)", "PNC"),
     ("Péyi-A", "Péyi-A"),
     ("Parti progressiste martiniquais (PPM)", "PPM"),
     ("Union démocratique bretonne", "UDB"),
     ("Régions et peuples solidaires", "R&PS"),
     ("élu R&PS", "R&PS"),
     ("Partit occitan", "Parti occitan"),
     ("Parti occitan", "Parti occitan"),
     ("Euskal Herria Bai", "EH Bai"),
     ("EH Bai", "EH Bai")],
)
def test_overseas_and_regional_parties(text, party):
    hit = find_party(text)
    assert hit is not None and hit.party == party


def test_a_party_known_by_its_name_is_written_in_full():
    """The acronym a party does not use itself is an alias, never the canonical form."""
    assert canonical_party("THN") == "Tavini Huiraatira"
    assert canonical_party("Tavini Huiraatira") == "Tavini Huiraatira"
    assert party_info("THN") is None
    assert party_info("FLNKS").family == "coalition"
    assert party_info("Les Loyalistes").family == "coalition"


@pytest.mark.parametrize("text", ["groupe de travail RPS", "sénatrice, groupe UC",
                                  "les loyalistes et les indépendantistes", "UC Louvain"])
def test_regional_look_alikes_are_not_parties(text):
    assert find_party(text) is None


@pytest.mark.parametrize("text, party", [
    ("mathilde exemple cons. mun. st brieuc, ps", "PS"),
    ("cm albi - eelv, adjointe aux sports", "EELV"),
    ("paul exemple, conseiller départemental, rn", "RN"),
])
def test_a_line_without_capitals_names_its_party_as_a_list_item(text, party):
    hit = find_party(text)
    assert hit is not None and hit.party == party


@pytest.mark.parametrize("text, party", [
    ("conseiller municipal de Toulon (reconquete)", "Reconquête"),
    ("conseillère municipale de Lyon (lfi)", "LFI"),
    ("Samia Exemple\nlfi\nAdjointe au maire du 8e arrondissement de Lyon", "LFI"),
    ("Je signe : Odile Exemple, sénatrice du Val-de-Marne, pcf.", "PCF"),
    ("Paul Exemple, conseiller municipal de Fréjus, rn", "RN"),
    ("je signe. conseiller municipal beaucaire (30) rn. paul exemple", "RN"),
    ("Je signe. Paul Exemple, conseiller d'arrondissement Paris 18e, FI", "LFI"),
])
def test_a_lower_case_name_written_apart_is_a_party(text, party):
    """In parentheses alone, alone on its line, or (an acronym) the last item of a line."""
    hit = find_party(text)
    assert hit is not None and hit.party == party


@pytest.mark.parametrize("text", [
    "la reconquete de nos libertés publiques commence ici",
    "Nous signons ensemble, avec conviction.",
    "Je signe, ensemble.",        # not an acronym: no list item
    "ps: je signe aussi",         # a post-scriptum
    "je suis passée au ps hier",  # not a list item
    "Paul Exemple, ps",           # capitals elsewhere: the case of « ps » counts
])
def test_lower_case_acronyms_outside_such_lists_are_no_party(text):
    assert find_party(text) is None
