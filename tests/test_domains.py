import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition.intake.domains import (
    commune_domain_keys,
    institution_of,
    institutions_of,
    never_official,
    normalise_domain,
    slug,
)
from petition.intake.mime import Mail, TextPart
from petition.intake.record import Mandate, Signatory
from petition.intake.verify import official_address


@pytest.mark.parametrize(("domain", "kind"), [
    ("assemblee-nationale.fr", "assemblee"),
    ("senat.fr", "senat"),
    ("clb.senat.fr", "senat"),
    ("europarl.europa.eu", "parlement_europeen"),
    ("Senat.FR.", "senat"),
])
def test_national_institutions_and_their_subdomains(domain, kind):
    found = institution_of(domain)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("domain", [
    "senat.fr.example.com", "paris.fr.evil.net", "xsenat.fr", "assemblee-nationale.fr.eu",
])
def test_super_strings_never_match(domain):
    found = institution_of(domain)
    assert found is None or found.kind not in ("senat", "assemblee")
    assert found is None or found.place != "Paris"


@pytest.mark.parametrize(("domain", "why"), [
    ("gmail.com", "webmail"), ("googlemail.com", "webmail"), ("orange.fr", "webmail"),
    ("wanadoo.fr", "webmail"), ("free.fr", "webmail"), ("laposte.net", "webmail"),
    ("sfr.fr", "webmail"), ("yahoo.fr", "webmail"), ("hotmail.fr", "webmail"),
    ("outlook.fr", "webmail"), ("live.fr", "webmail"), ("icloud.com", "webmail"),
    ("protonmail.com", "webmail"), ("proton.me", "webmail"), ("gmx.fr", "webmail"),
    ("neuf.fr", "webmail"), ("bbox.fr", "webmail"), ("numericable.fr", "webmail"),
    ("smtp.orange.fr", "webmail"),
    ("lafranceinsoumise.fr", "party"), ("eelv.fr", "party"), ("paris.eelv.fr", "party"),
    ("parti-socialiste.fr", "party"), ("pcf.fr", "party"),
    ("ain.gouv.fr", "state"), ("interieur.gouv.fr", "state"),
])
def test_never_official_domains(domain, why):
    assert never_official(domain) == why
    assert institution_of(domain) is None


def test_orange_the_provider_is_not_orange_the_commune():
    assert institution_of("orange.fr") is None


@pytest.mark.parametrize(("domain", "place", "deps"), [
    ("paris.fr", "Paris", ("75",)),
    ("ville-montreuil.fr", "Montreuil", ("93",)),
    ("mairie-lorient.fr", "Lorient", ("56",)),
    ("mairie-decize.fr", "Decize", ("58",)),
    ("mairiedecize.fr", "Decize", ("58",)),
    ("villedesaintfons.fr", "Saint-Fons", ("69",)),
    ("ville-clermont-ferrand.fr", "Clermont-Ferrand", ("63",)),
    ("saintmartindheres.fr", "Saint-Martin-d'Hères", ("38",)),
    ("saint-affrique.fr", "Saint-Affrique", ("12",)),
    ("grigny91.fr", "Grigny", ("91",)),
    ("vitry94.fr", "Vitry-sur-Seine", ("94",)),
    ("villejuif.fr", "Villejuif", ("94",)),
    ("vienne.fr", "Vienne", ("38",)),
    ("mail.ville-rennes.fr", "Rennes", ("35",)),
])
def test_commune_domains(domain, place, deps):
    found = institution_of(domain)
    assert found is not None
    assert (found.kind, found.place, found.departements) == ("commune", place, deps)


def test_commune_name_shared_by_many_departements_keeps_them_all():
    found = institution_of("mairie-sainte-colombe.fr")
    assert found is not None and found.kind == "commune" and found.place == "Sainte-Colombe"
    assert len(found.departements) > 3
    assert found.key == "saintecolombe"


def test_departement_code_in_the_domain_picks_the_homonym():
    found = institution_of("grigny69.fr")
    assert found is not None and found.departements == ("69",)
    assert institution_of("grigny13.fr") is None  # no Grigny in the Bouches-du-Rhône


def test_bare_commune_name_needs_a_french_or_regional_tld():
    assert institution_of("lorient.biz") is None
    assert institution_of("lorient.com") is None
    assert institution_of("vitry94.com") is None
    found = institution_of("mairie-lorient.com")
    assert found is not None and found.place == "Lorient"


@pytest.mark.parametrize(("domain", "place", "deps"), [
    ("romans26.fr", "Romans-sur-Isère", ("26",)),
    ("bagnols30.fr", "Bagnols-sur-Cèze", ("30",)),
    ("issy92.fr", "Issy-les-Moulineaux", ("92",)),
    ("fontenay94.fr", "Fontenay-sous-Bois", ("94",)),
    ("joinville94.fr", "Joinville-le-Pont", ("94",)),
    ("saintmaur94.fr", "Saint-Maur-des-Fossés", ("94",)),
    ("bourg01.fr", "Bourg-en-Bresse", ("01",)),
    ("mairie-joinville94.fr", "Joinville-le-Pont", ("94",)),
])
def test_commune_named_without_its_complement_in_its_departement(domain, place, deps):
    found = institution_of(domain)
    assert found is not None
    assert (found.kind, found.place, found.departements) == ("commune", place, deps)
    assert found.key == slug(place)


@pytest.mark.parametrize(("domain", "place", "deps"), [
    ("doledujura.fr", "Dole", ("39",)),            # « Dole du Jura »
    ("ville-dole-du-jura.fr", "Dole", ("39",)),
    ("grignyessonne.fr", "Grigny", ("91",)),       # the homonym in that département
    ("mairie-valence-drome.fr", "Valence", ("26",)),
])
def test_departement_name_after_the_commune_picks_it(domain, place, deps):
    found = institution_of(domain)
    assert found is not None
    assert (found.kind, found.place, found.departements) == ("commune", place, deps)


def test_departement_name_after_a_commune_of_another_departement_names_nothing():
    assert institution_of("lorientdelaisne.fr") is None  # Lorient is in the Morbihan
    assert institution_of("mairie-lorient-du-nord.fr") is None


def test_a_commune_named_after_a_departement_is_still_that_commune():
    found = institution_of("villeneuvesurlot.fr")  # not « Villeneuve » of the Lot
    assert found is not None and found.place == "Villeneuve-sur-Lot"
    assert institution_of("lavienne86.fr").kind == "departement"


def test_short_name_of_one_commune_in_all_france_needs_no_code():
    found = institution_of("ville-chalons-en-champagne.fr")
    assert found is not None and found.place == "Châlons-en-Champagne"
    found = institution_of("villeneuvelesavignon.fr")
    assert found is not None and found.place == "Villeneuve-lès-Avignon"


def test_short_name_shared_by_several_communes_names_none_of_them():
    found = institution_of("noisy.fr")  # Noisy-le-Grand, -le-Sec, -le-Roi, -sur-École…
    assert found is not None and found.place is None and found.key == "noisy"
    assert {"77", "78", "93", "95"} <= set(found.departements)
    found = institution_of("noisy93.fr")  # Noisy-le-Grand and Noisy-le-Sec
    assert found is not None and found.place is None and found.departements == ("93",)


def test_a_shared_short_name_keeps_what_the_offices_place_must_match():
    found = institution_of("noisy93.fr")
    for place in ("Noisy-le-Grand", "Noisy-le-Sec"):
        assert found.key in commune_domain_keys(place)
    assert found.key not in commune_domain_keys("Noisiel")


def test_a_full_commune_name_wins_over_a_short_name():
    found = institution_of("champigny.fr")  # Champigny (51, 89), not Champigny-sur-Marne
    assert found is not None and found.place == "Champigny"
    assert "94" not in found.departements


@pytest.mark.parametrize("domain", [
    "romans26.com",  # a short name needs a French or regional TLD, like a bare name
    "levallois.fr",  # Levallois-Perret: no complement to drop
    "bagnols13.fr",  # no Bagnols-… in the Bouches-du-Rhône
    "saint92.fr",  # "Saint" alone names no commune
])
def test_short_names_that_name_no_commune(domain):
    found = institution_of(domain)
    assert found is None or found.place is None


def test_commune_domain_keys():
    assert commune_domain_keys("Fontenay-sous-Bois") == {"fontenaysousbois", "fontenay"}
    assert commune_domain_keys("La Ferté-sous-Jouarre") == {
        "lafertesousjouarre", "fertesousjouarre", "laferte", "ferte"}
    assert commune_domain_keys("Aix-en-Provence") == {"aixenprovence"}  # "aix": too short
    assert commune_domain_keys("Saint-Ouen-sur-Seine") >= {"saintouen"}
    assert commune_domain_keys("Levallois-Perret") == {"levalloisperret"}
    assert commune_domain_keys("") == frozenset()


@pytest.mark.parametrize(("domain", "place", "code"), [
    ("polynesie.example", None, None),
    ("assemblee.pf", "Polynésie française", "987"),
    ("congres.nc", "Nouvelle-Calédonie", "988"),
    ("ct975.fr", "Saint-Pierre-et-Miquelon", "975"),
    ("comstbarth.fr", "Saint-Barthélemy", "977"),
    ("com-saint-martin.fr", "Saint-Martin", "978"),
    ("collectivitedemartinique.mq", "Martinique", "972"),
    ("ctguyane.fr", "Guyane", "973"),
    ("elus.assemblee.pf", "Polynésie française", "987"),
])
def test_single_territorial_collectivities(domain, place, code):
    found = institution_of(domain)
    if place is None:
        assert found is None
        return
    assert found is not None and (found.kind, found.place) == ("region", place)
    assert found.departements == (code,)


@pytest.mark.parametrize(("domain", "place", "code"), [
    ("seinesaintdenis.fr", "Seine-Saint-Denis", "93"),
    ("cd31.fr", "Haute-Garonne", "31"),
    ("haute-garonne.fr", "Haute-Garonne", "31"),
    ("cg974.fr", "La Réunion", "974"),
    ("departement13.fr", "Bouches-du-Rhône", "13"),
    ("departement42.fr", "Loire", "42"),
    ("cd2a.fr", "Corse-du-Sud", "2A"),
    ("lenord.fr", "Nord", "59"),
    ("services.lenord.fr", "Nord", "59"),
    ("lavienne86.fr", "Vienne", "86"),
    ("lacreuse.fr", "Creuse", "23"),
    ("hautsdeseine.fr", "Hauts-de-Seine", "92"),
])
def test_departement_domains(domain, place, code):
    found = institution_of(domain)
    assert found is not None
    assert (found.kind, found.place, found.departements) == ("departement", place, (code,))


@pytest.mark.parametrize(("domain", "place"), [
    ("iledefrance.fr", "Île-de-France"),
    ("auvergnerhonealpes.fr", "Auvergne-Rhône-Alpes"),
    ("laregion.fr", "Occitanie"),
    ("maregionsud.fr", "Provence-Alpes-Côte d'Azur"),
    ("bretagne.bzh", "Bretagne"),
    ("isula.corsica", "Corse"),
    ("regionnormandie.fr", "Normandie"),
])
def test_region_domains(domain, place):
    found = institution_of(domain)
    assert found is not None and (found.kind, found.place) == ("region", place)


@pytest.mark.parametrize(("domain", "key"), [
    ("grandlyon.com", "lyon"),
    ("brest-metropole.fr", "brest"),
    ("est-ensemble.fr", "estensemble"),
    ("plainecommune.fr", "plainecommune"),
    ("cc-parthenay-gatine.fr", "parthenaygatine"),
    ("valenceromansagglo.fr", "valenceromans"),
    ("kreiz-breizh.fr", "kreizbreizh"),  # the body's name alone, of several words
])
def test_intercommunality_domains(domain, key):
    found = institution_of(domain)
    assert found is not None and (found.kind, found.key) == ("epci", key)


@pytest.mark.parametrize("domain", [
    "lasentinelle-info.fr", "rankboost-pro.biz", "technopolice.fr", "example.org",
    "ldh-france.org", "asso.fr", "monsite.asso.fr", "pcf18.fr",
])
def test_private_domains_are_not_institutions(domain):
    assert institution_of(domain) is None


@pytest.mark.parametrize("domain", ["", "paris", "pa ris.fr", "paris..fr", "-paris.fr", "pâris.fr"])
def test_malformed_domains(domain):
    assert normalise_domain(domain) is None
    assert institution_of(domain) is None
    assert never_official(domain) is None


def test_slug():
    assert slug("Saint-Martin-d'Hères") == "saintmartindheres"
    assert slug("St-Étienne") == "saintetienne"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefilmnoprstuvz0123456789.-")), max_size=40))
def test_any_domain_string_is_answered(domain):
    found = institution_of(domain)
    assert found is None or found.kind in ("assemblee", "senat", "parlement_europeen", "commune",
                                           "departement", "region", "epci")


METROPOLES = [
    ("metropolegrandparis.fr", "Métropole du Grand Paris", ("75", "91", "92", "93", "94", "95")),
    ("ampmetropole.fr", "Métropole d'Aix-Marseille-Provence", ("13", "83", "84")),
    ("grandlyon.com", "Métropole de Lyon", ("69",)),
    ("lillemetropole.fr", "Métropole Européenne de Lille", ("59",)),
    ("bordeaux-metropole.fr", "Bordeaux Métropole", ("33",)),
    ("toulouse-metropole.fr", "Toulouse Métropole", ("31",)),
    ("nantesmetropole.fr", "Nantes Métropole", ("44",)),
    ("nicecotedazur.org", "Métropole Nice Côte d'Azur", ("06",)),
    ("montpellier3m.fr", "Montpellier Méditerranée Métropole", ("34",)),
    ("rennesmetropole.fr", "Rennes Métropole", ("35",)),
    ("grenoblealpesmetropole.fr", "Grenoble-Alpes-Métropole", ("38",)),
    ("metropole-rouen-normandie.fr", "Métropole Rouen Normandie", ("76",)),
    ("metropoletpm.fr", "Métropole Toulon-Provence-Méditerranée", ("83",)),
    ("brest-metropole.fr", "Brest Métropole", ("29",)),
    ("clermontmetropole.eu", "Clermont Auvergne Métropole", ("63",)),
    ("tours-metropole.fr", "Tours Métropole Val de Loire", ("37",)),
    ("orleans-metropole.fr", "Orléans Métropole", ("45",)),
    ("metropole-dijon.fr", "Dijon Métropole", ("21",)),
    ("metzmetropole.fr", "Metz Métropole", ("57",)),
    ("grandnancy.eu", "Métropole du Grand Nancy", ("54",)),
    ("saint-etienne-metropole.fr", "Saint-Étienne Métropole", ("42",)),
]


@pytest.mark.parametrize(("domain", "place", "deps"), METROPOLES)
def test_metropoles_with_their_official_name_and_departements(domain, place, deps):
    found = institution_of(domain)
    assert found is not None
    assert (found.kind, found.place, found.departements, found.source) == (
        "epci", place, deps, "table")


def test_all_metropoles_are_known():
    assert len(METROPOLES) == 21


@pytest.mark.parametrize(("domain", "key"), [
    ("elus.montpellier3m.fr", "montpellier"),
    ("montpellier3m.fr", "montpellier"),
    ("metropoletpm.fr", "toulonprovencemediterranee"),
    ("ampmetropole.fr", "aixmarseilleprovence"),
    ("grandnancy.eu", "nancy"),
    ("tours-metropole.fr", "tours"),
    ("caenlamer.fr", "caenlamer"),
    ("grandavignon.fr", "avignon"),
])
def test_intercommunal_table_rows_are_keyed_by_the_bodys_name(domain, key):
    found = institution_of(domain)
    assert found is not None and (found.kind, found.key) == ("epci", key)


def test_a_shared_domain_names_both_bodies_commune_first():
    both = institutions_of("strasbourg.eu")
    assert [(i.kind, i.place) for i in both] == [
        ("commune", "Strasbourg"), ("epci", "Eurométropole de Strasbourg")]
    assert institution_of("elus.strasbourg.eu").kind == "commune"
    assert institutions_of("gmail.com") == ()
    assert institutions_of("not a domain") == ()
    assert [i.kind for i in institutions_of("mairie-crest.fr")] == ["commune"]


AUTH = ("mx.technopolice.fr;\r\n\tdkim=pass header.d=montpellier3m.fr header.s=s1;\r\n"
        "\tdmarc=pass (policy=none) header.from=elus.montpellier3m.fr")


def _mail(sender: str) -> Mail:
    headers = (("Authentication-Results", AUTH), ("From", f"Claire Essai <{sender}>"))
    return Mail(message_id="<1@example.org>", from_count=1, sender=sender,
                display_name="Claire Essai", subject="Tribune", date=None, headers=headers,
                content_type="text/plain", texts=(TextPart("text/plain", "Je signe"),))


@pytest.mark.parametrize("place", ["Montpellier Méditerranée Métropole", "Montpellier"])
def test_a_conseiller_metropolitain_writing_from_the_metropole_is_official(place):
    office = Mandate("conseiller_communautaire", "conseillère métropolitaine", place, "34")
    signatories = (Signatory("Claire Essai", (office,), None),)
    ok, why = official_address(_mail("claire.essai@elus.montpellier3m.fr"), "signature",
                               signatories, ("mx.technopolice.fr",))
    assert ok, why


def test_another_bodys_councillor_is_not_tied_to_the_metropole():
    office = Mandate("conseiller_communautaire", "conseiller communautaire",
                     "CA du Pays Basque", "64")
    signatories = (Signatory("Claire Essai", (office,), None),)
    ok, _why = official_address(_mail("claire.essai@elus.montpellier3m.fr"), "signature",
                                signatories, ("mx.technopolice.fr",))
    assert not ok


@pytest.mark.parametrize("domain, place", [
    ("ville-fontaine.fr", "Fontaine"),        # the hyphen sets « ville » apart
    ("villefontaine.fr", "Villefontaine"),    # one word: the commune of that name
    ("ville-davray.fr", "Ville-d'Avray"),     # no commune « Davray »: the whole name
])
def test_a_hyphen_after_ville_or_mairie_reads_it_as_a_prefix(domain, place):
    assert institution_of(domain).place == place
