import gzip
import json
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from petition.intake import geo
from petition.intake.geo import (
    Commune,
    commune_departement,
    communes_named,
    departement_from_code,
    departement_from_name,
    departement_name,
    epci_named,
    find_places,
    postcode_departement,
    region_from_name,
    region_of_departement,
    single_code_collectivity,
)
from petition.intake.textnorm import place_key

DATA = resources.files("petition.intake.data")

def commune_rows(path=None) -> list[list]:
    """The COG rows as [code, name, département, kind, population, parent, key]."""
    raw = (path or DATA.joinpath("communes.tsv.gz")).read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert lines[0].split("\t") == ["key", "kind", "code", "name", "departement",
                                     "population", "parent"]
    out = []
    for line in lines[1:]:
        key, kind, code, name, dep, pop, parent = line.split("\t")
        out.append([code, name, dep, kind, int(pop) if pop else None, parent, key])
    return out



@pytest.mark.parametrize(
    ("token", "code"),
    [("75", "75"), ("7", "07"), ("05", "05"), ("2a", "2A"), ("2B", "2B"), ("971", "971"),
     ("974", "974"), ("976", "976"), ("975", "975"), ("988", "988"), (" (93) ", "93"),
     ("20", None), ("00", None), ("96", None), ("970", None), ("984", None), ("989", None),
     ("075", None), ("93100", None), ("A", None), ("", None)],
)
def test_departement_from_code(token, code):
    assert departement_from_code(token) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("Seine-Saint-Denis", "93"), ("seine st denis", "93"), ("SEINE-ST-DENIS", "93"),
     ("Drôme", "26"), ("drome", "26"), ("Bouches-du-Rhône", "13"), ("BdR", "13"),
     ("la Réunion", "974"), ("Réunion", "974"), ("Côtes-d'Armor", "22"),
     ("Côtes d’Armor", "22"), ("Côtes-du-Nord", "22"), ("Basses-Pyrénées", "64"),
     ("Seine-Inférieure", "76"), ("Corse-du-Sud", "2A"), ("Haute-Corse", "2B"),
     ("département de la Drôme", "26"), ("du Gers", "32"), ("Conseil départemental du Nord", "59"),
     ("Val-d'Oise", "95"), ("Territoire de Belfort", "90"), ("Guyane", "973"),
     ("Polynésie française", "987"), ("Wallis-et-Futuna", "986"),
     ("Corse", None), ("Île-de-France", None), ("Montreuil", None), ("", None)],
)
def test_departement_from_name(name, code):
    assert departement_from_name(name) == code


def test_departement_name():
    assert departement_name("93") == "Seine-Saint-Denis"
    assert departement_name("2a") == "Corse-du-Sud"
    assert departement_name("7") == "Ardèche"
    assert departement_name("987") == "Polynésie française"


@pytest.mark.parametrize(
    ("name", "region"),
    [("Île-de-France", "Île-de-France"), ("IDF", "Île-de-France"),
     ("Ile de France", "Île-de-France"), ("Région Île-de-France", "Île-de-France"),
     ("Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes"),
     ("auvergne rhone alpes", "Auvergne-Rhône-Alpes"),
     ("Grand Est", "Grand Est"), ("Occitanie", "Occitanie"), ("Région Occitanie", "Occitanie"),
     ("PACA", "Provence-Alpes-Côte d'Azur"), ("Région Sud", "Provence-Alpes-Côte d'Azur"),
     ("Hauts de France", "Hauts-de-France"), ("conseil régional de Bretagne", "Bretagne"),
     ("Corse", "Corse"), ("Seine-Saint-Denis", None), ("Paris", None)],
)
def test_region_from_name(name, region):
    assert region_from_name(name) == region


def test_region_of_departement():
    assert region_of_departement("93") == "Île-de-France"
    assert region_of_departement("2A") == "Corse"
    assert region_of_departement("974") == "La Réunion"
    assert region_of_departement("975") is None
    assert region_of_departement("20") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [("Martinique", "972"), ("Guyane", "973"), ("Guadeloupe", "971"), ("La Réunion", "974"),
     ("Mayotte", "976"), ("Polynésie française", "987"), ("Nouvelle-Calédonie", "988"),
     ("Saint-Pierre-et-Miquelon", "975"), ("St-Barthélemy", "977"), ("Saint-Martin", "978"),
     ("Wallis-et-Futuna", "986"), ("Drôme", None), ("Tahiti", None)],
)
def test_single_code_collectivity(name, code):
    assert single_code_collectivity(name) == code


def test_communes_named_returns_every_homonym():
    deps = {c.departement for c in communes_named("Montreuil") if c.kind == "commune"}
    assert deps == {"28", "85", "93"}
    deps = {c.departement for c in communes_named("Saint-Denis") if c.kind == "commune"}
    assert deps == {"11", "30", "93", "974"}
    assert all(isinstance(c, Commune) for c in communes_named("Beaumont"))
    assert communes_named("Atlantis-sur-Mer") == ()
    assert communes_named("") == ()


def test_commune_spelling_variants():
    assert communes_named("St Denis") == communes_named("Saint-Denis")
    assert communes_named("ste colombe") == communes_named("Sainte-Colombe")
    assert [c.name for c in communes_named("Les Lilas")] == ["Les Lilas"]
    assert [c.name for c in communes_named("Lilas")] == ["Les Lilas"]
    assert [c.name for c in communes_named("le mans")] == ["Le Mans"]
    assert [c.name for c in communes_named("L'Haÿ-les-Roses")] == ["L'Haÿ-les-Roses"]


def test_commune_carries_population_code_and_parent():
    (villeurbanne,) = communes_named("Villeurbanne")
    assert villeurbanne.kind == "commune" and villeurbanne.code == "69266"
    assert villeurbanne.population and villeurbanne.population > 100_000
    (arr,) = communes_named("Paris 11e")
    assert arr.kind == "arrondissement" and arr.parent == "Paris" and arr.departement == "75"
    deleguees = [c for c in communes_named("Arbignieu") if c.kind == "deleguee"]
    assert deleguees and deleguees[0].parent


@pytest.mark.parametrize(
    ("name", "hint", "code"),
    [("Villeurbanne", None, "69"), ("Die", None, "26"), ("Lorient", None, "56"),
     ("Paris", None, "75"), ("Montreuil", None, None), ("Montreuil", "93", "93"),
     ("Montreuil", "2", None), ("Saint-Denis", None, None), ("Saint-Denis", "974", "974"),
     ("St-Denis", "93", "93"), ("Saint-Denis (93)", None, "93"), ("Sainte-Colombe", None, None),
     ("Beaumont", None, None), ("Montreuil-sous-Bois", None, "93"),
     ("Paris 11e", None, "75"), ("Paris 11ème arrondissement", None, "75"),
     ("Paris XIe", None, "75"), ("11e arrondissement de Paris", None, "75"),
     ("Lyon 3e", None, "69"), ("Lyon 3ème", None, "69"), ("Marseille 1er", None, "13"),
     ("Marseille 13e arrondissement", None, "13"), ("Paris 21e", None, None),
     ("Les Lilas", None, "93"), ("Atlantis", None, None)],
)
def test_commune_departement(name, hint, code):
    assert commune_departement(name, hint) == code


def test_commune_departement_falls_back_to_a_single_deleguee():
    # Names carried only by communes déléguées/associées of one département resolve.
    rows = commune_rows()
    actual = {r[1] for r in rows if r[3] in "cr"}
    only = [r for r in rows if r[3] == "d" and r[1] not in actual]
    name, dep = only[0][1], only[0][2]
    if len({c.departement for c in communes_named(name)}) == 1:
        assert commune_departement(name) == dep


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [("Communauté d'agglomération du Pays Basque", "CA du Pays Basque", "CA"),
     ("CA du Pays Basque", "CA du Pays Basque", "CA"),
     ("Agglomération Pays Basque", "CA du Pays Basque", "CA"),
     ("Est Ensemble", "Est Ensemble", "EPT"),
     ("conseil de territoire d'Est Ensemble", "Est Ensemble", "EPT"),
     ("Plaine Commune", "Plaine Commune", "EPT"),
     ("Métropole du Grand Paris", "Métropole du Grand Paris", "METRO"),
     ("Métropole de Lyon", "Métropole de Lyon", "MET69"),
     ("Bordeaux Métropole", "Bordeaux Métropole", "METRO"),
     ("Métropole de Bordeaux", "Bordeaux Métropole", "METRO"),
     ("Le Mans Métropole", "CU Le Mans Métropole", "CU"),
     ("Lorient Agglomération", "CA Lorient Agglomération", "CA"),
     ("conseil communautaire de la Communauté de communes du Trièves", "CC du Trièves", "CC")],
)
def test_epci_named(text, name, kind):
    body = epci_named(text)
    assert body is not None and body.name == name and body.kind == kind


def test_epci_named_refuses_bare_places_and_carries_departements():
    assert epci_named("Lorient") is None
    assert epci_named("Pays Basque") is None
    assert epci_named("Ensemble") is None
    assert epci_named("Est Ensemble").departements == ("93",)
    # a name of several words that names one body and no commune, département or région
    assert epci_named("Lamballe Terre et Mer").departements == ("22",)
    assert epci_named("Terres de Montaigu").kind == "CA"
    assert epci_named("Pays de la Loire") is None
    assert epci_named("Saint Nazaire") is None
    assert set(epci_named("Métropole du Grand Paris").departements) >= {"75", "93"}
    # a body whose official name ends with its acronym in parentheses
    assert epci_named("Communauté de communes du Kreiz-Breizh").departements == ("22",)
    assert epci_named("Kreiz-Breizh").name == "CC du Kreiz-Breizh (CCKB)"


def test_postcode_departement():
    assert postcode_departement("93100") == "93"
    assert postcode_departement("97411") == "974"
    assert postcode_departement("20000") == "2A"
    assert postcode_departement("20200") == "2B"
    assert postcode_departement("9310") is None


def test_find_places_codes_postcodes_and_names():
    text = ("Hôtel de Ville, 93100 Montreuil. Conseillère départementale de la "
            "Seine-Saint-Denis (93), élue en Île-de-France.")
    hits = find_places(text)
    assert [(h.kind, h.code) for h in hits] == [
        ("postcode", "93"), ("departement", "93"), ("code", "93"), ("region", None)]
    for h in hits:
        assert text[h.start:h.end] == h.text
    assert hits[-1].name == "Île-de-France"


def test_find_places_needs_capitals_for_names_and_short_aliases():
    hits = find_places("une réunion du conseil, à la Réunion ; BdR, bdr, NC, nc, var")
    assert [(h.text, h.code) for h in hits] == [("Réunion", "974"), ("BdR", "13"), ("NC", "988")]


def test_find_places_context_makes_a_name_strong():
    (hit,) = find_places("conseiller du département du Var")
    assert hit.code == "83" and hit.strong
    (hit,) = find_places("Var")
    assert not hit.strong
    (hit,) = find_places("élu du département 2A")
    assert hit.code == "2A" and hit.kind == "code"


def test_data_files_load_with_sane_sizes():
    assert len(geo.departement_codes()) == 107
    kinds = [r[3] for r in commune_rows()]
    assert 34_900 < kinds.count("c") < 35_100
    assert kinds.count("r") == 45
    assert 2000 < kinds.count("d") and 400 < kinds.count("a")
    assert len(DATA.joinpath("communes.tsv.gz").read_bytes()) < 1_500_000
    epci_lines = DATA.joinpath("epci.tsv").read_text("utf-8").splitlines()
    assert 1200 < len(epci_lines) < 1400
    assert len(DATA.joinpath("regions.tsv").read_text("utf-8").splitlines()) == 19


def test_loading_is_lazy_and_fast():
    code = ("import time; t = time.perf_counter(); import petition.intake.geo as g; "
            "t1 = time.perf_counter(); g._communes(); t2 = time.perf_counter(); "
            "print(t1 - t, t2 - t1)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    import_s, load_s = map(float, out.stdout.split())
    assert import_s < 0.2
    assert load_s < 0.4  # measured about 0.1 s (keys precomputed); margin for slow CI
    start = time.perf_counter()
    for _ in range(1000):
        commune_departement("Villeurbanne")
    assert time.perf_counter() - start < 0.2


def test_every_stored_key_is_the_place_key_of_its_name():
    # build_data.py stores place_key(name) in each row; a change to the folding rule
    # must come with a rebuilt file (``--check`` fails too).
    stale = [r for r in commune_rows() if r[6] != place_key(r[1])]
    assert stale == []


def test_communes_by_slug_with_and_without_article():
    assert geo.communes_by_slug("leslilas") == (("Les Lilas", "93"),)
    assert geo.communes_by_slug("lilas") == (("Les Lilas", "93"),)
    assert geo.communes_by_slug("saintmartindheres") == (("Saint-Martin-d'Hères", "38"),)
    assert len(geo.communes_by_slug("saintdenis")) > 1
    assert geo.communes_by_slug("nowhere") == ()
    assert "villeurbanne" in geo.commune_slugs()


def test_build_script_runs_offline_on_a_local_package(tmp_path):
    data = tmp_path / "package" / "data"
    data.mkdir(parents=True)
    communes = [
        {"code": "93048", "nom": "Montreuil", "type": "commune-actuelle",
         "departement": "93", "population": 111934},
        {"code": "98411", "nom": "Îles Kerguelen", "type": "commune-actuelle",
         "departement": "984"},
        {"code": "75111", "nom": "Paris 11e Arrondissement", "type": "arrondissement-municipal",
         "departement": "75", "commune": "75056", "population": 1},
    ]
    epci = [{"code": "200057875", "nom": "Est Ensemble", "type": "EPT",
             "populationMunicipale": 5, "membres": [{"code": "93048"}]}]
    (data / "communes.json").write_text(json.dumps(communes), "utf-8")
    (data / "epci.json").write_text("[]", "utf-8")
    (data / "ept.json").write_text(json.dumps(epci), "utf-8")
    script = Path(__file__).resolve().parent.parent / "scripts" / "build_data.py"
    out = tmp_path / "out"
    out.mkdir()
    subprocess.run([sys.executable, str(script), "--from", str(tmp_path / "package"),
                    "--out", str(out)], check=True, capture_output=True)
    rows = commune_rows(out / "communes.tsv.gz")
    assert [r[:4] for r in rows] == [["93048", "Montreuil", "93", "c"],  # sorted by key
                                     ["75111", "Paris 11e Arrondissement", "75", "r"]]
    assert [r[6] for r in rows] == ["montreuil", "paris 11e arrondissement"]
    assert (out / "epci.tsv").read_text("utf-8").splitlines()[1] == \
        "200057875\tEst Ensemble\tEPT\t93\t5"
    check = subprocess.run([sys.executable, str(script), "--from", str(tmp_path / "package"),
                            "--out", str(out), "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    (out / "epci.tsv").write_text("changed", "utf-8")
    check = subprocess.run([sys.executable, str(script), "--from", str(tmp_path / "package"),
                            "--out", str(out), "--check"], capture_output=True, text=True)
    assert check.returncode == 1 and "DIFFERS" in check.stdout


def test_slug_lookup_by_bisection_finds_what_the_slug_index_holds():
    """Every slug of every commune actuelle, found without building the index."""
    table = geo._communes()
    for slug, indexes in table.by_slug.items():
        assert sorted(table.slug_indexes(slug)) == sorted(set(indexes)), slug
    assert table.slug_indexes("nowhere") == []


def test_bisection_finds_every_row_of_every_key_with_and_without_article():
    """Each key and each key without its article, looked up by bisection, gives exactly
    the rows that carry it, in order (compared with a dictionary built from every row)."""
    from petition.intake.textnorm import strip_article

    table = geo._communes()
    rows = commune_rows()
    by_key: dict[str, list] = {}
    by_bare: dict[str, list] = {}
    for row in rows:
        by_key.setdefault(row[6], []).append(row)
        bare = strip_article(row[6])
        if bare != row[6]:
            by_bare.setdefault(bare, []).append(row)
    for key, expected in by_key.items():
        found = [table.row(at) for at in table.indexes(key) if at not in table.aliases.get(key, ())]
        assert found == expected, key
    for bare, expected in by_bare.items():
        assert [table.row(at) for at in table.bare_indexes(bare)] == expected, bare
    assert table.indexes("zzzz nowhere") == [] and table.indexes("") == []
    assert table.bare_indexes("nowhere at all") == []
