"""vCard fields: FN, N, TITLE, ORG, folded lines and quoted-printable values."""

from petition.intake.vcard import parse_vcard


def test_vcard_3():
    card = parse_vcard("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lou Garnier\r\nN:Garnier;Lou;;;\r\n"
                       "TITLE:Conseillère municipale de Millau (12)\r\nORG:Ville de Millau\r\n"
                       "END:VCARD\r\n")
    assert card.name == "Lou Garnier"
    assert card.title == "Conseillère municipale de Millau (12)"
    assert card.org == "Ville de Millau"
    assert "Conseillère municipale de Millau (12)" in card.text()


def test_name_from_n_and_folded_title():
    card = parse_vcard("BEGIN:VCARD\nVERSION:4.0\nN:Serre;Odile;;;\nTITLE:Sénatrice\n  du Gard\n"
                       "END:VCARD\n")
    assert card.name == "Odile Serre"
    assert card.title == "Sénatrice du Gard"


def test_quoted_printable_2_1():
    card = parse_vcard("BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
                       "L=C3=A9a Mont\nEND:VCARD\n")
    assert card.name == "Léa Mont"
