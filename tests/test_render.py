"""The public list: exact HTML fragments, grouping, escaping, files written once."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from petition.intake.record import Mandate
from petition.render import PublicSignatory, RenderReport, render_site
from petition.render.dates import french_date
from petition.render.files import write_if_changed
from petition.render.listing import build_listing, public_text, sort_key, surname

WHEN = datetime(2026, 3, 1, 10, 0)  # naive: Paris time
LATER = datetime(2026, 4, 15, 18, 30)
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def municipal(name: str, commune: str = "Paris", dep: str | None = "75",
              party: str | None = "EELV", label: str | None = None) -> PublicSignatory:
    label = label or f"conseillère municipale de {commune}"
    return PublicSignatory(name=name, party=party, mandates=(
        Mandate("conseiller_municipal", label, commune, dep),))


def render(tmp_path: Path, people, when: datetime = WHEN) -> tuple[RenderReport, str]:
    report = render_site(people, tmp_path / "public", generated_at=when)
    return report, (tmp_path / "public" / "index.html").read_text(encoding="utf-8")


def li(name: str, rest: str, party: str | None = None) -> str:
    tail = f', <span class="parti">{party}</span>' if party else ""
    return f'<li><span class="nom">{name}</span>, {rest}{tail}</li>'


MAIRE_ET_COMMUNAUTAIRE = PublicSignatory(
    name="Élodie Bernard", party="PS",
    mandates=(
        Mandate("conseiller_communautaire", "conseillère communautaire de Grenoble-Alpes Métropole",
                "Grenoble-Alpes Métropole", "38"),
        Mandate("maire", "maire de Saint-Martin-d'Hères", "Saint-Martin-d'Hères", "38"),
    ))


# --------------------------------------------------------------------------- lines

def test_one_line_reads_name_office_departement_party(tmp_path):
    _, html = render(tmp_path, [municipal("Marie Dupont")])
    assert li("Marie Dupont", "conseillère municipale de Paris (75)", "EELV") in html
    line = build_listing([municipal("Marie Dupont")]).groups[0].lines[0]
    assert line.text == "Marie Dupont, conseillère municipale de Paris (75), EELV"


def test_departement_not_repeated_when_the_label_has_it(tmp_path):
    person = municipal("Lucie Ferrand", label="conseillère municipale de Bègles (33)",
                       commune="Bègles", dep="33", party=None)
    _, html = render(tmp_path, [person])
    assert li("Lucie Ferrand", "conseillère municipale de Bègles (33)") in html
    assert "(33) (33)" not in html


def test_unknown_departement_and_party_leave_no_parentheses_nor_comma(tmp_path):
    person = PublicSignatory("Yannick Kervella", None, (
        Mandate("conseiller_regional", "conseiller régional de Bretagne", "Bretagne", None),))
    _, html = render(tmp_path, [person])
    assert li("Yannick Kervella", "conseiller régional de Bretagne") in html


@pytest.mark.parametrize(("label", "shown"), [
    ("Conseillère de Paris", "conseillère de Paris (75)"),
    ("Vice-présidente de Paris", "vice-présidente de Paris (75)"),
    ("VP de la Métropole du Grand Paris", "VP de la Métropole du Grand Paris (75)"),
    ("EPT Paris Est Marne & Bois", "EPT Paris Est Marne &amp; Bois (75)"),
])
def test_label_reads_in_lower_case_after_the_comma_unless_an_acronym(tmp_path, label, shown):
    _, html = render(tmp_path, [municipal("Marie Dupont", label=label)])
    assert li("Marie Dupont", shown, "EELV") in html
    data = json.loads((tmp_path / "public" / "signataires.json").read_text("utf-8"))
    assert data["signatories"][0]["mandates"][0]["label"] == label  # JSON keeps it as written


def test_mandate_without_label_is_named_by_its_kind(tmp_path):
    person = PublicSignatory("Marc Oudin", "LFI",
                             (Mandate("depute", "", "Seine-Saint-Denis", "93"),))
    _, html = render(tmp_path, [person])
    assert li("Marc Oudin", "député·e (93)", "LFI") in html


def test_several_mandates_one_line_in_the_highest_group(tmp_path):
    report, html = render(tmp_path, [MAIRE_ET_COMMUNAUTAIRE])
    assert li("Élodie Bernard",
              "maire de Saint-Martin-d&#39;Hères (38) ; conseillère communautaire de "
              "Grenoble-Alpes Métropole (38)", "PS") in html
    assert html.count("Élodie Bernard</span>") == 1
    assert report.counts == {"maire": 1}
    assert 'id="groupe-conseiller-communautaire"' not in html


def test_the_same_person_twice_is_listed_once_with_both_mandates(tmp_path):
    first = municipal("Hélène Marchal", commune="Rennes", dep="35", party="PCF")
    second = PublicSignatory("HELENE MARCHAL", None, (
        Mandate("conseiller_communautaire", "conseillère de Rennes Métropole", "Rennes Métropole",
                "35"),))
    report, html = render(tmp_path, [first, second])
    assert report.total == 1
    assert li("Hélène Marchal", "conseillère de Rennes Métropole (35) ; conseillère municipale de "
              "Rennes (35)", "PCF") in html


def test_homonyms_of_different_parties_stay_two_people(tmp_path):
    report, _ = render(tmp_path, [municipal("Jean Martin", party="PS"),
                                  municipal("Jean Martin", commune="Lyon", dep="69", party="LR")])
    assert report.total == 2


# --------------------------------------------------------------------------- groups

def test_groups_follow_the_order_of_offices_with_french_plural_headings(tmp_path):
    people = [
        municipal("Marie Dupont"),
        PublicSignatory("Anne Le Goff", "PS", (
            Mandate("senateur", "sénatrice de la Loire-Atlantique", "Loire-Atlantique", "44"),)),
        PublicSignatory("Marc Oudin", "LFI", (
            Mandate("depute", "député de la Seine-Saint-Denis", "Seine-Saint-Denis", "93"),)),
        PublicSignatory("Karim Belkacem", None, (
            Mandate("maire_adjoint", "adjoint au maire de Grenoble", "Grenoble", "38"),)),
        PublicSignatory("Zoé Lenoir", None, (Mandate("juge_consulaire", "juge", None, None),)),
    ]
    report, html = render(tmp_path, people)
    ids = re.findall(r'<section class="groupe" aria-labelledby="([^"]+)">', html)
    assert ids == ["groupe-depute", "groupe-senateur", "groupe-maire-adjoint",
                   "groupe-conseiller-municipal", "groupe-other"]
    for anchor in ids:
        assert f'<h2 id="{anchor}">' in html
    assert '<h2 id="groupe-senateur">Sénateur·rices <span class="nombre">1</span></h2>' in html
    assert '<h2 id="groupe-maire-adjoint">Adjoint·es au maire' in html
    assert '<h2 id="groupe-other">Autres élu·es' in html
    assert list(report.counts) == ["depute", "senateur", "maire_adjoint",
                                   "conseiller_municipal", "other"]
    assert report.total == 5


def test_counts_and_total_are_shown(tmp_path):
    people = [municipal(f"Personne{i} Nom{i}") for i in range(3)] + [MAIRE_ET_COMMUNAUTAIRE]
    report, html = render(tmp_path, people)
    assert report.total == 4
    assert report.counts == {"maire": 1, "conseiller_municipal": 3}
    assert '<p class="total">4 élu·es ont signé l\'appel.</p>' in html
    assert ('<li><a href="#groupe-conseiller-municipal">Conseiller·ères municipaux·ales</a> '
            '<span class="nombre">3</span></li>') in html


def test_one_signatory_is_said_in_the_singular(tmp_path):
    _, html = render(tmp_path, [municipal("Marie Dupont")])
    assert '<p class="total">1 élu·e a signé l\'appel.</p>' in html


def test_sorted_by_surname_ignoring_accents_case_and_particles(tmp_path):
    names = ["Élodie Zola", "Bruno Écrivain", "Chloé de Lattre", "Anne DURAND", "Paul Dupuis",
             "Ève d'Alembert"]
    _, html = render(tmp_path, [municipal(n) for n in names])
    shown = re.findall(r'<span class="nom">([^<]+)</span>', html)
    assert shown == ["Ève d&#39;Alembert", "Paul Dupuis", "Anne DURAND", "Bruno Écrivain",
                     "Chloé de Lattre", "Élodie Zola"]


@pytest.mark.parametrize(("name", "expected"), [
    ("Marie Dupont", "Dupont"),
    ("Marie-Hélène Coutant", "Coutant"),
    ("Jean Pierre Martin", "Martin"),
    ("Anne DURAND", "DURAND"),
    ("Anne-Sophie LE GOFF", "LE GOFF"),
    ("Chloé de Lattre", "de Lattre"),
    ("Cher", "Cher"),
])
def test_surname(name, expected):
    assert surname(name) == expected


def test_sort_key_folds_accents():
    assert sort_key("Bruno Écrivain")[0] == "ecrivain"
    assert sort_key("Chloé de Lattre")[0] == "lattre"


# --------------------------------------------------------------------------- the page

def test_page_is_a_complete_accessible_french_document(tmp_path):
    _, html = render(tmp_path, [municipal("Marie Dupont")])
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    assert '<meta charset="utf-8">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert ("<title>Élu·es signataires contre la vidéosurveillance algorithmique</title>"
            in html)
    assert '<a class="evitement" href="#contenu">Aller au contenu</a>' in html
    assert '<main id="contenu" tabindex="-1">' in html
    assert html.count("<h1>") == 1
    assert "<style>" in html and "<script" not in html
    assert_well_formed(html)


def test_update_date_in_french(tmp_path):
    _, html = render(tmp_path, [municipal("Marie Dupont")])
    assert ('Liste mise à jour le <time datetime="2026-03-01T10:00:00+01:00">1er mars 2026'
            '</time>.') in html


@pytest.mark.parametrize(("moment", "text"), [
    (datetime(2026, 3, 1), "1er mars 2026"),
    (datetime(2026, 8, 15), "15 août 2026"),
    (datetime(2026, 12, 31), "31 décembre 2026"),
])
def test_french_date(moment, text):
    assert french_date(moment) == text


def test_aware_dates_are_shown_in_paris_time(tmp_path):
    _, html = render(tmp_path, [municipal("Marie Dupont")],
                     when=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    assert '<time datetime="2026-07-01T01:30:00+02:00">1er juillet 2026</time>' in html


def test_empty_list_gives_a_friendly_page(tmp_path):
    report, html = render(tmp_path, [])
    assert report.total == 0 and report.counts == {}
    assert "Aucun·e signataire pour l'instant." in html
    assert '<section class="groupe"' not in html and "<nav" not in html
    assert_well_formed(html)
    data = json.loads((tmp_path / "public" / "signataires.json").read_text("utf-8"))
    assert data["total"] == 0 and data["signatories"] == []
    assert (tmp_path / "public" / "signataires.csv").read_bytes() == \
        "\ufeffnom,mandats,departements,parti\r\n".encode()


# --------------------------------------------------------------------------- escaping

HOSTILE = [
    municipal("Jean <script>alert(1)</script> Martin"),
    municipal('Eve "><img src=x onerror=alert(1)> Durand', party="<b>PS</b>"),
    PublicSignatory("Léa & Cie", None, (
        Mandate("maire", "maire de <i>Lyon</i>", "Lyon", '69"><svg onload=x>'),)),
]


def test_names_labels_and_parties_are_escaped(tmp_path):
    _, html = render(tmp_path, HOSTILE)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert "<b>" not in html and "<i>" not in html
    assert "Jean &lt;script&gt;alert(1)&lt;/script&gt; Martin" in html
    assert "Eve &#34;&gt;&lt;img src=x onerror=alert(1)&gt; Durand" in html
    assert '<span class="parti">&lt;b&gt;PS&lt;/b&gt;</span>' in html
    assert "Léa &amp; Cie" in html
    assert_well_formed(html)


def test_csv_neutralises_formulas(tmp_path):
    people = [
        municipal("=HYPERLINK(\"http://x\",\"clic\")"),
        municipal("+33 Nom", party="-1+1"),
        municipal("@SUM(A1) Nom", party="=1"),
        municipal("Marie-Anne Dupont"),
    ]
    render(tmp_path, people)
    rows = read_csv(tmp_path)
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    names = {row[0] for row in rows[1:]}
    assert {"'=HYPERLINK(\"http://x\",\"clic\")", "'+33 Nom", "'@SUM(A1) Nom",
            "Marie-Anne Dupont"} == names
    assert {row[3] for row in rows[1:]} == {"'-1+1", "'=1", "EELV"}


def test_no_email_address_is_ever_published(tmp_path):
    people = [
        municipal("marie.dupont@paris.fr"),
        municipal("Paul Petit <paul.petit@ville-grenoble.fr>", commune="Grenoble", dep="38"),
        PublicSignatory("Anne Roux", "contact@eelv.fr", (
            Mandate("maire", "maire de Bègles (écrire à a.roux@mairie-begles.fr)", "Bègles",
                    "33"),)),
    ]
    render(tmp_path, people)
    for name in ("index.html", "signataires.json", "signataires.csv"):
        text = (tmp_path / "public" / name).read_text("utf-8-sig")
        assert ADDRESS.search(text) is None, name
    assert "[adresse retirée]" in (tmp_path / "public" / "index.html").read_text("utf-8")


def test_public_text_drops_control_characters_and_addresses():
    assert public_text("  Marie\u202e\n Dupont ") == "Marie Dupont"
    assert public_text("écrire à x@y.fr") == "écrire à [adresse retirée]"
    assert public_text("   ") is None


# --------------------------------------------------------------------------- files

def test_three_files_written_and_nothing_else(tmp_path):
    report, _ = render(tmp_path, [municipal("Marie Dupont")])
    out = tmp_path / "public"
    assert report.output_dir == out
    assert sorted(p.name for p in report.written) == ["index.html", "signataires.csv",
                                                      "signataires.json"]
    assert report.unchanged == ()
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "signataires.csv",
                                                     "signataires.json"]
    assert all(oct(p.stat().st_mode & 0o777) == "0o644" for p in out.iterdir())


def test_second_run_with_the_same_list_touches_nothing(tmp_path):
    people = [municipal("Marie Dupont"), MAIRE_ET_COMMUNAUTAIRE]
    render(tmp_path, people)
    out = tmp_path / "public"
    for path in out.iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    report, html = render(tmp_path, list(reversed(people)), when=LATER)
    assert report.written == ()
    assert len(report.unchanged) == 3
    assert all(p.stat().st_mtime == 1_000_000_000 for p in out.iterdir())
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "1er mars 2026" in html  # the date the list last changed, not the run's


def test_a_changed_list_is_rewritten_with_the_new_date(tmp_path):
    render(tmp_path, [municipal("Marie Dupont")])
    report, html = render(tmp_path, [municipal("Marie Dupont"), MAIRE_ET_COMMUNAUTAIRE],
                          when=LATER)
    assert len(report.written) == 3
    assert "15 avril 2026" in html
    data = json.loads((tmp_path / "public" / "signataires.json").read_text("utf-8"))
    assert data["updated"] == "2026-04-15T18:30:00+02:00"


def test_a_damaged_json_file_is_replaced(tmp_path):
    render(tmp_path, [municipal("Marie Dupont")])
    (tmp_path / "public" / "signataires.json").write_text("{not json", "utf-8")
    report, _ = render(tmp_path, [municipal("Marie Dupont")], when=LATER)
    assert "signataires.json" in {p.name for p in report.written}
    json.loads((tmp_path / "public" / "signataires.json").read_text("utf-8"))


def test_write_replaces_the_file_instead_of_rewriting_it(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    with path.open("rb") as reader:  # a reader of the old file keeps reading the old file
        assert write_if_changed(path, b"new") is True
        assert reader.read() == b"old"
    assert path.read_bytes() == b"new"
    assert write_if_changed(path, b"new") is False
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]  # no temporary file left


def test_unwritable_folder_raises_oserror(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        render_site([municipal("Marie Dupont")], blocker / "public")


# --------------------------------------------------------------------------- data files

def test_json_content(tmp_path):
    render(tmp_path, [municipal("Marie Dupont"), MAIRE_ET_COMMUNAUTAIRE])
    data = json.loads((tmp_path / "public" / "signataires.json").read_text("utf-8"))
    assert data == {
        "updated": "2026-03-01T10:00:00+01:00",
        "total": 2,
        "counts": {"maire": 1, "conseiller_municipal": 1},
        "signatories": [
            {"name": "Élodie Bernard", "party": "PS", "mandates": [
                {"type": "maire", "label": "maire de Saint-Martin-d'Hères",
                 "place": "Saint-Martin-d'Hères", "departement": "38"},
                {"type": "conseiller_communautaire",
                 "label": "conseillère communautaire de Grenoble-Alpes Métropole",
                 "place": "Grenoble-Alpes Métropole", "departement": "38"}]},
            {"name": "Marie Dupont", "party": "EELV", "mandates": [
                {"type": "conseiller_municipal", "label": "conseillère municipale de Paris",
                 "place": "Paris", "departement": "75"}]},
        ],
    }


def test_csv_content(tmp_path):
    render(tmp_path, [municipal("Marie Dupont"), MAIRE_ET_COMMUNAUTAIRE,
                      municipal("Luc Petit", party=None, dep=None)])
    raw = (tmp_path / "public" / "signataires.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfnom,mandats,departements,parti\r\n")
    assert read_csv(tmp_path) == [
        ["nom", "mandats", "departements", "parti"],
        ["Élodie Bernard", "maire de Saint-Martin-d'Hères (38) ; conseillère communautaire de "
         "Grenoble-Alpes Métropole (38)", "38", "PS"],
        ["Marie Dupont", "conseillère municipale de Paris (75)", "75", "EELV"],
        ["Luc Petit", "conseillère municipale de Paris", "", ""],
    ]


# --------------------------------------------------------------------------- helpers

def read_csv(tmp_path: Path) -> list[list[str]]:
    text = (tmp_path / "public" / "signataires.csv").read_text("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr"}


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.labelledby: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "id" in found:
            self.ids.append(found["id"])
        if "aria-labelledby" in found:
            self.labelledby.append(found["aria-labelledby"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def assert_well_formed(html: str) -> None:
    """Every tag closed in order, ids unique, every aria-labelledby names an id."""
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    assert len(parser.ids) == len(set(parser.ids))
    assert set(parser.labelledby) <= set(parser.ids)
