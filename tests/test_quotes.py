"""split_quotes: what the person wrote, what they quoted, what they forwarded."""

from __future__ import annotations

import time

import pytest

from petition.intake.quotes import split_quotes

CALL = """Madame l'élue, Monsieur l'élu,

Pour signer, répondez simplement à ce message en indiquant :
 - vos prénom et nom ;
 - votre mandat, par exemple « conseillère municipale de Paris (75) » ;
 - le cas échéant, votre parti ou groupe politique.

Merci !
Le collectif"""


def quoted_block(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def test_plain_text_is_all_own():
    split = split_quotes("Je signe.\nLucie Martin, maire de Bègles (33)")
    assert split.own == "Je signe.\nLucie Martin, maire de Bègles (33)"
    assert split.quoted == ""
    assert split.forwarded is None


def test_gmail_fr_attribution_and_quote_are_removed():
    text = ("Je signe.\nPaul Girard, conseiller municipal de Pessac\n\n"
            "Le lun. 3 nov. 2026 à 10:00, Le collectif <appel@example.org> a écrit :\n"
            + quoted_block(CALL))
    split = split_quotes(text)
    assert split.own == "Je signe.\nPaul Girard, conseiller municipal de Pessac"
    assert "a écrit" in split.quoted
    assert "Paris (75)" in split.quoted


def test_attribution_wrapped_over_two_lines():
    text = ("Je signe.\n\nLe lun. 3 nov. 2026 à 10:00, Le collectif <\n"
            "appel@example.org> a écrit :\n" + quoted_block(CALL))
    split = split_quotes(text)
    assert split.own == "Je signe."
    assert "appel@example.org> a écrit" in split.quoted


def test_attribution_wrapped_over_three_lines():
    text = ("Oui.\nLe mercredi 5 novembre 2026 à 18:45, Un collectif très long nom\n"
            "de campagne nationale <appel-signatures@exemple-long.org>\n"
            "a écrit :\n> texte")
    assert split_quotes(text).own == "Oui."


def test_english_on_wrote():
    text = "I sign.\n\nOn Mon, Nov 3, 2026 at 10:00 AM Campaign <a@b.org> wrote:\n> call"
    split = split_quotes(text)
    assert split.own == "I sign."
    assert "wrote:" in split.quoted


def test_thunderbird_attribution_without_address_and_signature_after_quote():
    text = ("Bonjour,\n\nJe signe.\n\nLe 03/11/2026 à 10:00, Le collectif a écrit :\n"
            + quoted_block(CALL) + "\n-- \nJeanne Roux\nAdjointe au maire de Quimper (29)\n")
    split = split_quotes(text)
    assert "Adjointe au maire de Quimper (29)" in split.own
    assert split.own.startswith("Bonjour,\n\nJe signe.")
    assert "-- \nJeanne Roux" in split.own
    assert "Paris (75)" not in split.own


def test_interleaved_answer_after_quote_is_own():
    text = "> Indiquez votre nom.\nMarc Petit\n> Et votre mandat ?\nMaire de Die (26)"
    split = split_quotes(text)
    assert split.own == "Marc Petit\nMaire de Die (26)"
    assert split.quoted == "> Indiquez votre nom.\n> Et votre mandat ?"


def test_bottom_posting_after_attribution_and_quote():
    text = ("Le 3 nov. 2026 à 10:00, Le collectif <a@b.org> a écrit :\n"
            + quoted_block("Signez !") + "\n\nJe signe : Rose Blanc, maire de Sète (34)")
    split = split_quotes(text)
    assert split.own == "Je signe : Rose Blanc, maire de Sète (34)"


def test_outlook_fr_block_quotes_everything_after():
    text = ("Bonjour,\nJe signe.\nCordialement,\nNina Lopez\nConseillère régionale d'Occitanie\n\n"
            "________________________________\n"
            "De : Le collectif <appel@example.org>\n"
            "Envoyé : lundi 3 novembre 2026 10:00\n"
            "À : Destinataires non divulgués\n"
            "Objet : Signez l'appel\n\n" + CALL)
    split = split_quotes(text)
    assert split.own.endswith("Nina Lopez\nConseillère régionale d'Occitanie")
    assert split.quoted.startswith("________________________________\nDe : Le collectif")
    assert "Paris (75)" in split.quoted


def test_outlook_en_block():
    text = ("Signed, Tom Lee, mayor of Vence (06)\n\nFrom: Campaign <a@b.org>\n"
            "Sent: Monday, November 3, 2026 10:00 AM\nTo: Tom Lee\nSubject: Sign\n\nText")
    split = split_quotes(text)
    assert split.own == "Signed, Tom Lee, mayor of Vence (06)"


def test_outlook_block_with_nbsp_and_no_sent_line():
    text = "Je signe.\n\nDe\u00a0: A <a@b.org>\nDate\u00a0: 3 nov.\nObjet\u00a0: x\n\nCorps cité"
    assert split_quotes(text).own == "Je signe."


@pytest.mark.parametrize("separator", [
    "-----Original Message-----",
    "-----Message d'origine-----",
    "-------- Message d'origine --------",
    "----- Mail original -----",
])
def test_separators_quote_everything_after(separator):
    text = f"Je signe.\nAnne Morel\n\n{separator}\nQuelque chose\nvotre mandat"
    split = split_quotes(text)
    assert split.own == "Je signe.\nAnne Morel"
    assert split.quoted.startswith(separator)


def test_zimbra_mail_original_with_headers():
    text = ("Je signe.\n\n----- Mail original -----\nDe: \"Le collectif\" <a@b.org>\n"
            "À: undisclosed-recipients:;\nEnvoyé: Lundi 3 Novembre 2026 10:00:00\n"
            "Objet: Appel\n\n" + CALL)
    assert split_quotes(text).own == "Je signe."


def test_orange_webmail_message_du_block():
    text = ("Je signe.\n\nMessage du 03/11/26 10:00\nDe : \"Le collectif\" <a@b.org>\n"
            "A : \"Destinataires\"\nObjet : Appel\n\n" + CALL)
    split = split_quotes(text)
    assert split.own == "Je signe."
    assert split.quoted.startswith("Message du 03/11/26 10:00")


def test_a_lone_de_line_is_not_a_header_block():
    text = "De : Marie Dupont, maire de Lannion (22)\nJe signe."
    assert split_quotes(text).own == text


def test_sentence_ending_with_a_ecrit_without_date_is_own():
    text = "Mon collègue a écrit :\nJe signe aussi."
    assert split_quotes(text).own == text


def test_quoted_only_message_has_no_own_text():
    split = split_quotes(quoted_block(CALL))
    assert split.own == ""


@pytest.mark.parametrize("marker", [
    "---------- Forwarded message ---------",
    "---------- Message transféré ---------",
    "-------- Message transféré --------",
    "Début du message réexpédié :",
    "Begin forwarded message:",
])
def test_forwards_go_to_forwarded_without_their_header_block(marker):
    text = (f"Bonjour, je vous transmets la signature de notre maire.\n\n{marker}\n"
            "De : Luc Bernard <luc.bernard@mairie.example>\nDate : 3 nov. 2026 18:41\n"
            "Objet : Tribune\nÀ : Cabinet <cabinet@mairie.example>\n\n"
            "Je signe la tribune.\nLuc Bernard, maire de Millau (12)")
    split = split_quotes(text)
    assert split.own == "Bonjour, je vous transmets la signature de notre maire."
    assert split.forwarded == "Je signe la tribune.\nLuc Bernard, maire de Millau (12)"


def test_apple_mail_forward_with_quoted_body():
    text = ("Voici.\n\nDébut du message réexpédié :\n\n> De: Luc <l@m.fr>\n"
            "> Objet: Tribune\n>\n> Je signe, Luc Bernard")
    split = split_quotes(text)
    assert split.own == "Voici."
    assert split.forwarded == "Je signe, Luc Bernard"


def test_forward_inside_a_quote_stays_quoted():
    text = "Merci\n> ---------- Forwarded message ---------\n> De: X\n> texte"
    split = split_quotes(text)
    assert split.forwarded is None
    assert split.own == "Merci"


def test_pasted_call_without_quoting_goes_to_quoted():
    text = ("Je signe : Léa Fabre, conseillère municipale de Vannes (56).\n\n"
            "Pour la rejoindre, répondez à ce message avec votre nom, votre mandat (par exemple\n"
            "« conseillère municipale de Paris (75) ») et, si vous le souhaitez, votre\n"
            "parti.")
    split = split_quotes(text)
    assert split.own == "Je signe : Léa Fabre, conseillère municipale de Vannes (56)."
    assert "Paris (75)" in split.quoted


def test_reworded_call_in_the_same_paragraph_keeps_the_own_line():
    text = ("Je signe, Hugo Noël, maire de Gap (05).\n"
            "Indiquez votre mandat (par exemple « maire de Lyon (69) »).\n"
            "Bonne journée")
    split = split_quotes(text)
    assert split.own == "Je signe, Hugo Noël, maire de Gap (05).\nBonne journée"
    assert split.quoted == "Indiquez votre mandat (par exemple « maire de Lyon (69) »)."


def test_campaign_acknowledgement_pasted_is_removed():
    text = ("Merci !\n\nNous avons bien enregistré votre signature :\n"
            "Inès Roy — conseillère régionale de Bretagne — PS")
    split = split_quotes(text)
    assert split.own == "Merci !"


def test_own_mandate_sentence_is_not_mistaken_for_the_call():
    text = "Je signe. Mon mandat : conseillère municipale de Rennes (35), par ailleurs EELV."
    assert split_quotes(text).own == text


def test_sign_off_block_is_kept():
    text = ("Je signe.\n\nCordialement,\nMarie Dupont\nConseillère municipale de Brest (29)\n"
            "Groupe écologiste")
    assert split_quotes(text).own == text


def test_crlf_is_normalised():
    split = split_quotes("Je signe.\r\n> cité\r\nFin")
    assert split.own == "Je signe.\nFin"


def test_ten_thousand_quote_lines_are_fast():
    text = "Je signe.\n" + "> ligne citée numéro quelconque\n" * 10_000 + "Fin"
    start = time.perf_counter()
    split = split_quotes(text)
    assert time.perf_counter() - start < 0.5
    assert split.own == "Je signe.\nFin"


def test_huge_paragraph_of_call_cues_is_linear():
    text = "votre mandat, par exemple « x ». " * 20_000
    start = time.perf_counter()
    split_quotes(text)
    assert time.perf_counter() - start < 1.0


def test_many_unterminated_attribution_starts_are_fast():
    text = "Le 3 nov. 2026 à 10:00 quelqu'un\n" * 20_000
    start = time.perf_counter()
    split = split_quotes(text)
    assert time.perf_counter() - start < 1.0
    assert split.quoted == ""


OUTLOOK_FORWARD = (
    "Bonjour,\n\nÀ la demande de M. Yann Exemple, je vous transmets ci-dessous sa signature.\n\n"
    "Secrétariat des élus\n\n________________________________\n"
    "De : Yann Exemple <yann.exemple@ariege.fr>\nEnvoyé : lundi 18 novembre 2024 08:12\n"
    "À : Secrétariat des élus <secretariat.elus@ariege.fr>\nObjet : Tribune VSA\n\n"
    "Bonjour,\nPouvez-vous transmettre ma signature : Yann Exemple, VP du Département de "
    "l'Ariège, PS.\n\n> Le 4 nov. 2024, Campagne Technopolice a écrit :\n> Signez.\n"
)


def test_an_outlook_header_block_gives_the_message_below_and_its_sender():
    split = split_quotes(OUTLOOK_FORWARD)
    assert "Pouvez-vous" not in split.own
    assert split.replied is not None and split.replied.startswith("Bonjour,\nPouvez-vous")
    assert split.replied_from == "Yann Exemple <yann.exemple@ariege.fr>"


def test_a_separator_above_the_header_block_gives_the_message_below_too():
    text = OUTLOOK_FORWARD.replace("________________________________\n",
                                   "-----Message d'origine-----\n")
    split = split_quotes(text)
    assert "Pouvez-vous" not in split.own and "Message d'origine" not in split.own
    assert split.replied is not None and split.replied.startswith("Bonjour,\nPouvez-vous")
    assert split.replied_from == "Yann Exemple <yann.exemple@ariege.fr>"
    bare = split_quotes("Je signe.\n\n-----Original Message-----\nbla bla\n")
    assert bare.own == "Je signe." and bare.replied is None


def test_an_attribution_line_is_no_header_block():
    split = split_quotes("Je signe.\n\nLe 4 nov. 2024, Lou Exemple a écrit :\nbla\n")
    assert split.replied is None and split.replied_from == ""
