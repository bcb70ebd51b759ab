"""Extraction over whole mails: who signs, with which offices and party."""

import time

from petition.intake.extract import OWN_TEXT_HEAD, OWN_TEXT_TAIL, capped, extract
from petition.intake.mime import read_mail


def run(make_email, body, sender="Lou Garnier <lou.garnier@example.org>", subject="Tribune",
        **kw):
    return extract(read_mail(make_email(body, sender=sender, subject=subject, **kw)))


def people(found):
    return [(s.name, [(m.type, m.place, m.departement) for m in s.mandates], s.party)
            for s in found.signatories]


def test_sign_off_block(make_email):
    body = ("Bonjour,\nJe signe la tribune.\n\nLou Garnier\nConseillère municipale de Millau (12)\n"
            "Parti socialiste\n")
    found = run(make_email, body)
    assert found.kind == "signature"
    assert people(found) == [("Lou Garnier", [("conseiller_municipal", "Millau", "12")], "PS")]


def test_quoted_example_is_not_a_mandate(make_email):
    body = ("Je signe !\nLou Garnier, adjointe au maire de Millau (12), EELV\n\n"
            "Le lun. 3 nov. 2026 à 09:30, Campagne <petition@technopolice.fr> a écrit :\n"
            "> votre mandat, par exemple « conseillère municipale de Paris (75) » ;\n")
    assert people(run(make_email, body)) == [
        ("Lou Garnier", [("maire_adjoint", "Millau", "12")], "EELV")]


def test_name_from_the_display_name_when_not_signed(make_email):
    body = "Bonjour,\nJe signe, en tant que maire de Lagrasse (11).\n"
    found = run(make_email, body, sender="ARNAL Paul <p.arnal@example.org>")
    assert [s.name for s in found.signatories] == ["Paul ARNAL"]
    assert any("display name" in r for r in found.signatories[0].reasons)
    assert found.signatories[0].confidence["name"] < 0.9


def test_assistant_writes_for_the_elu(make_email):
    body = ("Madame, Monsieur,\nJe vous écris de la part de Mme Odile Serre, sénatrice du Gard, "
            "qui signe la tribune. Elle est membre du PCF.\n\nBien cordialement,\nLéo Brun\n"
            "Collaborateur parlementaire de la sénatrice\n")
    found = run(make_email, body, sender="Léo Brun <l.brun@clb.senat.fr>")
    assert people(found) == [("Odile Serre", [("senateur", "Gard", "30")], "PCF")]


def test_list_of_signatories_with_a_shared_office(make_email):
    body = ("Bonjour,\nLes élu·es de notre groupe signent la tribune :\n"
            "- Inès Morel (EELV)\n- Hugo Fabre (PCF)\n\n"
            "Nous sommes tous deux conseillers municipaux de Millau.\n")
    found = run(make_email, body, sender="Groupe Millau Demain <groupe@example.org>")
    assert people(found) == [
        ("Inès Morel", [("conseiller_municipal", "Millau", "12")], "EELV"),
        ("Hugo Fabre", [("conseiller_municipal", "Millau", "12")], "PCF")]


def test_colleague_and_writer(make_email):
    body = ("Mon collègue Hugo Fabre et moi-même, conseillers municipaux de Millau (12), "
            "signons la tribune. Nous sommes tous deux communistes.\n\nLou Garnier\n")
    found = run(make_email, body)
    assert sorted(people(found)) == [
        ("Hugo Fabre", [("conseiller_municipal", "Millau", "12")], "PCF"),
        ("Lou Garnier", [("conseiller_municipal", "Millau", "12")], "PCF")]


def test_withdrawal_carries_who_withdraws(make_email):
    body = "Bonjour,\nJe retire ma signature.\n\nLou Garnier\nmaire de Lagrasse (11)\n"
    found = run(make_email, body, subject="Retrait")
    assert found.kind == "withdrawal"
    assert people(found) == [("Lou Garnier", [("maire", "Lagrasse", "11")], None)]


def test_other_kinds_have_no_signatories(make_email):
    body = "Bonjour,\nQuand la liste sera-t-elle publiée ?\nLou Garnier\nmaire de Lagrasse\n"
    found = run(make_email, body, subject="Question")
    assert found.kind == "other" and found.signatories == ()


def test_party_only_in_the_persons_lines_wins_over_a_mention(make_email):
    body = ("Face au RN qui veut la VSA partout, je signe.\n"
            "Lou Garnier, conseillère municipale de Millau (12), PS\n")
    assert people(run(make_email, body))[0][2] == "PS"


def test_sans_etiquette_gives_no_party(make_email):
    body = "Je signe.\nLou Garnier\nMaire de Lagrasse (11)\nSans étiquette\n"
    assert people(run(make_email, body))[0][2] is None


def test_each_listed_person_keeps_their_own_party_or_none(make_email):
    body = ("Je vous transmets les signatures de trois élu·es :\n"
            "- MORVAN Léa, conseillère municipale de Lorient (56), PCF\n"
            "- CORDIER Yanis, conseiller municipal de Lanester (56), sans étiquette\n"
            "- TANGUY Rose, conseillère municipale de Quimperlé (29), EELV\n")
    assert [p[2] for p in people(run(make_email, body))] == ["PCF", None, "EELV"]


def test_two_people_withdrawing_under_one_plural_office(make_email):
    body = ("Bonjour,\nLéa Morvan et moi-même souhaitons retirer nos deux signatures.\n\n"
            "Yanis Cordier et Léa Morvan\nConseillers municipaux de Lorient\n")
    found = run(make_email, body)
    assert found.kind == "withdrawal"
    assert sorted(p[0] for p in people(found)) == ["Léa Morvan", "Yanis Cordier"]


def test_subject_counts(make_email):
    found = run(make_email, "", subject="Signature : Lou Garnier, maire de Lagrasse (11), PS")
    assert people(found) == [("Lou Garnier", [("maire", "Lagrasse", "11")], "PS")]


def test_cabinet_names_the_elu_by_title(make_email):
    body = ("Bonjour,\nMadame la Maire, Anne Roy, souhaite signer la tribune. Elle est maire "
            "d'Albi (81).\nLe cabinet\n")
    found = run(make_email, body, sender="Cabinet du maire <cabinet@example.org>")
    assert people(found) == [("Anne Roy", [("maire", "Albi", "81")], None)]


def test_capped_keeps_short_texts_whole():
    text = "Je signe.\n" * 100
    assert capped(text) == (text, None)


def test_capped_keeps_both_ends_cut_at_line_breaks():
    text = "".join(f"ligne {i}\n" for i in range(20_000))
    kept, reason = capped(text)
    assert len(kept) <= OWN_TEXT_HEAD + OWN_TEXT_TAIL
    assert kept.startswith("ligne 0\n") and kept.endswith("ligne 19999\n")
    assert all(line.startswith("ligne ") for line in kept.split("\n") if line)
    assert "ligne 10000\n" not in kept
    assert reason is not None and f"{len(text):,} characters" in reason


def test_long_own_text_is_read_at_both_ends_with_a_reason(make_email):
    body = ("Bonjour,\nJe signe la tribune.\n\n" + "bla " * 200_000
            + "\n\nLou Garnier\nConseillère municipale de Millau (12)\n")
    start = time.perf_counter()
    found = run(make_email, body)
    assert time.perf_counter() - start < 1.0
    assert found.kind == "signature"
    assert people(found) == [("Lou Garnier", [("conseiller_municipal", "Millau", "12")], None)]
    assert any("only its first" in r for r in found.reasons)


def test_office_in_the_skipped_middle_is_not_read(make_email):
    body = ("Je signe.\n" + "bla\n" * 10_000 + "Maire de Millau\n" + "bla\n" * 10_000
            + "Lou Garnier\n")
    found = run(make_email, body)
    assert all(not s.mandates for s in found.signatories)


def test_a_huge_body_is_read_at_both_ends_only():
    from petition.intake.extract import PART_TEXT_EDGE, capped

    body = "Je signe.\n" + "> cité\n" * 400_000 + "Zoé Martin, maire de Die (26)\n"
    text, reason = capped(body, PART_TEXT_EDGE, PART_TEXT_EDGE, "body text")
    assert reason is not None and reason.startswith("body text of ")
    assert text.startswith("Je signe.") and text.endswith("maire de Die (26)\n")
    assert len(text) <= 2 * PART_TEXT_EDGE + 2


def test_signatories_with_particles_on_list_lines(make_email):
    body = ("Bonjour,\nNous signons :\n"
            "- Lina Roux, conseillère municipale de Lorient (56), PCF\n"
            "- Erwan Le Du, conseiller municipal de Lorient (56), EELV\n"
            "- Noor Van der Meer, conseillère municipale de Lorient (56)\n\nBien à vous\n")
    found = run(make_email, body, sender="Lina Roux <lina.roux@example.org>")
    assert [s.name for s in found.signatories] == [
        "Lina Roux", "Erwan Le Du", "Noor Van der Meer"]
    assert all(len(s.mandates) == 1 for s in found.signatories)


def test_two_names_with_particles_share_an_office(make_email):
    body = "Bonjour,\nInès de La Roche et Louis d'Estrées, conseillers municipaux de Loches.\n"
    found = run(make_email, body)
    assert people(found) == [
        ("Inès de La Roche", [("conseiller_municipal", "Loches", "37")], None),
        ("Louis d'Estrées", [("conseiller_municipal", "Loches", "37")], None)]


def test_surname_first_in_capitals_in_the_sign_off(make_email):
    body = "Bonjour,\nJe signe.\n\nLE BRIS Gwenaëlle\nConseillère municipale de Lorient (56)\n"
    found = run(make_email, body, sender="Gwenaëlle Le Bris <g.lebris@example.org>")
    assert [s.name for s in found.signatories] == ["Gwenaëlle LE BRIS"]


def test_initials_in_the_sign_off_with_the_full_name_in_from(make_email):
    body = "Bonjour,\nJe signe.\n\nH. Castagnol, maire de Loches (37)\n"
    found = run(make_email, body, sender="Hélène Castagnol <h.castagnol@example.org>")
    assert people(found) == [("Hélène Castagnol", [("maire", "Loches", "37")], None)]


def test_name_after_the_office_is_the_signer(make_email):
    body = "Bonjour,\nJe signe la tribune.\n\nLe maire, Hugo Ferrand\nMairie de Loches (37)\n"
    found = run(make_email, body, sender="Mairie de Loches <accueil@example.org>")
    assert [s.name for s in found.signatories] == ["Hugo Ferrand"]


def test_name_after_another_persons_title_is_not_the_signer(make_email):
    body = ("Bonjour,\nJe signe la tribune, comme l'a fait le cabinet du sénateur Hugo Ferrand.\n"
            "\nLina Roux\nConseillère municipale de Loches (37)\n")
    found = run(make_email, body, sender="Lina Roux <lina.roux@example.org>")
    assert people(found) == [("Lina Roux", [("conseiller_municipal", "Loches", "37")], None)]


def test_maire_delegue_and_postcode_in_a_sign_off(make_email):
    body = ("Bonjour,\nJe signe.\n\nLina Roux\nMaire déléguée de Seynod\n\n"
            "Hugo Ferrand\nConseiller municipal de Valence\n1 place de la Liberté, 26000 Valence\n")
    found = run(make_email, body)
    assert people(found) == [("Lina Roux", [("maire", "Annecy", "74")], None),
                             ("Hugo Ferrand", [("conseiller_municipal", "Valence", "26")], None)]


def test_office_in_capitals_with_initials_takes_the_from_name(make_email):
    body = "Bonjour,\nje signe la tribune.\n\nR. FAURE ADJOINT MAIRE DE VALENCE (26)\n"
    found = run(make_email, body, sender="Rémi Faure <r.faure@mairie-valence.fr>")
    assert people(found) == [("Rémi Faure", [("maire_adjoint", "Valence", "26")], None)]


def test_office_in_capitals_with_initials_and_another_from(make_email):
    body = "Bonjour,\nje signe la tribune.\n\nR. FAURE ADJOINT MAIRE DE VALENCE (26)\n"
    found = run(make_email, body, sender="Secrétariat <secretariat@mairie-valence.fr>")
    assert people(found) == [("R. Faure", [("maire_adjoint", "Valence", "26")], None)]


def test_name_in_lower_case_agreeing_with_the_from_name(make_email):
    body = "bonjour\nje signe la pétition\nnadia benali\nconseilere municipal de Roubaix\n"
    found = run(make_email, body, sender="nadia benali <nadia.benali@ville-roubaix.fr>")
    assert people(found) == [
        ("Nadia Benali", [("conseiller_municipal", "Roubaix", "59")], None)]


def test_name_in_lower_case_after_a_closing(make_email):
    body = ("bonjour\nje souhaite signer\n\ncordialement\nnadia benali\n"
            "conseillere muncipale, roubaix (59)\n")
    found = run(make_email, body, sender="N.B. <nb@example.org>")
    assert people(found) == [
        ("Nadia Benali", [("conseiller_municipal", "Roubaix", "59")], None)]


def test_an_office_with_no_name_near_it_goes_to_the_person(make_email):
    body = ("je suis conseillère municipale de Roubaix et je signe.\n\n"
            "cordialement\nnadia benali\nvice-présidente de la Métropole Européenne de Lille\n")
    found = run(make_email, body, sender="nadia benali <nb@example.org>")
    assert [s.name for s in found.signatories] == ["Nadia Benali"]
    assert [m.type for m in found.signatories[0].mandates] == [
        "conseiller_municipal", "conseiller_communautaire"]


def test_abbreviated_offices_of_one_person(make_email):
    body = "Je signe.\n\nYves Kerleau\nCM Brest & CD Finistère\n"
    found = run(make_email, body, sender="Yves Kerleau <y.kerleau@mairie-brest.fr>")
    assert people(found) == [("Yves Kerleau", [("conseiller_municipal", "Brest", "29"),
                                                ("conseiller_departemental", "Finistère", "29")],
                              None)]


def test_abbreviation_is_not_taken_for_a_name(make_email):
    body = "Je signe.\n\nAnne Morvan\nCR Bretagne, CM Rennes\n"
    found = run(make_email, body, sender="Anne Morvan <am@example.org>")
    assert people(found) == [("Anne Morvan", [("conseiller_regional", "Bretagne", None),
                                               ("conseiller_municipal", "Rennes", "35")], None)]


BEGLES = [("conseiller_municipal", "Bègles", "33")]


def test_names_one_per_line_share_the_office_line_below(make_email):
    body = ("Bonjour, nous signons la tribune.\n\nMarc Duval\nSophie Lacaze\nRémi Tessier\n"
            "conseillers municipaux de Bègles (33)\n")
    found = run(make_email, body, sender="Groupe Bègles Écologie <groupe@example.org>")
    assert people(found) == [("Marc Duval", BEGLES, None), ("Sophie Lacaze", BEGLES, None),
                             ("Rémi Tessier", BEGLES, None)]


def test_names_in_a_sentence_share_a_plural_office(make_email):
    body = ("Bonjour, nous signons : Marc Duval, Sophie Lacaze et Rémi Tessier, conseillers "
            "municipaux de Bègles.\n")
    found = run(make_email, body, sender="Marc Duval <md@example.org>")
    assert people(found) == [("Marc Duval", BEGLES, None), ("Sophie Lacaze", BEGLES, None),
                             ("Rémi Tessier", BEGLES, None)]


def test_code_after_several_offices(make_email):
    body = ("Je signe.\n\nClaire Bonnefous\nMaire de Nant, vice-présidente de la Communauté de "
            "communes Millau Grands Causses et conseillère départementale du canton de "
            "Millau-2 (12)\n")
    found = run(make_email, body, sender="Claire Bonnefous <cb@example.org>")
    assert people(found) == [("Claire Bonnefous", [
        ("maire", "Nant", "12"),
        ("conseiller_communautaire", "Communauté de communes Millau Grands Causses", "12"),
        ("conseiller_departemental", "Aveyron", "12")], None)]


def test_lower_case_commune_on_a_lower_case_line(make_email):
    body = "je signe\npaul roche, adjoint au maire de st etienne\n"
    found = run(make_email, body, sender="paul roche <p.roche@example.org>")
    assert people(found) == [("Paul Roche", [("maire_adjoint", "Saint-Étienne", "42")], None)]


def test_a_phone_line_without_capitals_gives_name_office_and_party(make_email):
    """Names are capitalised to be read; the party is read as written, where a line
    without capitals says nothing by its letter case."""
    found = run(make_email, "ok pour moi je signe\nmathilde exemple cons. mun. st brieuc, ps\n",
                sender="Mathilde Exemple <m.exemple@gmail.com>")
    assert people(found) == [("Mathilde Exemple", [("conseiller_municipal", "Saint-Brieuc",
                                                    "22")], "PS")]


def test_an_outlook_forward_for_an_elu_is_read_below_its_header_block(make_email):
    """« TR: » from Outlook has no forward marker, only a « De : … Objet : » block: with
    the forwarder's intent (« je vous transmets ci-dessous sa signature »), the message
    below is the élu's own."""
    body = ("Bonjour,\n\nÀ la demande de M. Yann Exemple, je vous transmets ci-dessous sa "
            "signature.\n\nCordialement,\n\nSecrétariat des élus\n\n"
            "________________________________\n"
            "De : Yann Exemple <yann.exemple@ariege.fr>\nEnvoyé : lundi 18 novembre 2024\n"
            "À : Secrétariat des élus <secretariat.elus@ariege.fr>\nObjet : Tribune VSA\n\n"
            "Bonjour,\nPouvez-vous transmettre ma signature : Yann Exemple, VP du Département "
            "de l'Ariège, PS.\nMerci.\n")
    found = run(make_email, body, sender="Secrétariat des élus <secretariat.elus@ariege.fr>",
                subject="TR: Tribune VSA")
    assert people(found) == [("Yann Exemple", [("conseiller_departemental", "Ariège", "09")],
                              "PS")]


def test_the_campaigns_own_message_below_a_header_block_is_not_read(make_email):
    body = ("Je vous transmets ma signature ci-dessous.\n\nLou Exemple\n\n"
            "De : Campagne Technopolice <petition@technopolice.fr>\nEnvoyé : lundi\n"
            "À : Lou Exemple\nObjet : Signez\n\nIndiquez votre mandat, par exemple "
            "« maire adjoint de Nantes (44) ».\nLéa Exemple, maire de Lunel\n")
    found = run(make_email, body)
    assert [name for name, _, _ in people(found)] == ["Lou Exemple"]
    assert people(found)[0][1] == []


def test_the_party_on_the_lines_of_the_persons_office_beats_others_named_earlier(make_email):
    body = ("Au dernier conseil communautaire, les élus RN ont réclamé des caméras.\n\n"
            "Je signe la tribune, en tant qu'élu communiste et conseiller municipal de\n"
            "Sauve (Gard).\n\nMathis Exemple\n")
    found = run(make_email, body, sender="Mathis Exemple <m.exemple@laposte.net>")
    assert people(found) == [("Mathis Exemple", [("conseiller_municipal", "Sauve", "30")],
                              "PCF")]


def test_a_forwarder_without_party_does_not_take_the_forwarded_signers(make_email):
    body = ("Je vous transmets ci-dessous la signature de Line Exemple. Et je signe aussi.\n\n"
            "Gérard Exemple\nMaire de Désaignes (Ardèche)\n\n"
            "---------- Forwarded message ---------\nDe : Line Exemple <line@laposte.net>\n"
            "Subject: Tribune\n\nJe veux signer la tribune.\n\nLine Exemple\n"
            "Conseillère municipale de Désaignes\nPCF\n")
    found = run(make_email, body, sender="Gérard Exemple <g.exemple@mairie-desaignes.fr>")
    assert {name: party for name, _, party in people(found)} == {
        "Gérard Exemple": None, "Line Exemple": "PCF"}


def test_a_we_sentence_naming_both_gives_its_party_to_both(make_email):
    body = ("Nous, Lise Exemple et Marc Exemple, adjoints au maire de Roubaix (59), membres du "
            "groupe écologiste, signons la tribune.\n\nLise Exemple\nAdjointe au maire "
            "déléguée à la culture\n")
    found = run(make_email, body, sender="Lise Exemple <lise@gmail.com>")
    assert {name: party for name, _, party in people(found)} == {
        "Lise Exemple": "EELV", "Marc Exemple": "EELV"}


def test_a_party_line_said_of_both_signatories_is_both(make_email):
    body = ("Avec mon collègue Mathis Exemple, conseiller régional de Normandie, nous signons.\n\n"
            "Anaïs Exemple, députée européenne\nTous deux membres de Place publique.\n")
    found = run(make_email, body, sender="Anaïs Exemple <anais@gmail.com>")
    assert {name: party for name, _, party in people(found)} == {
        "Anaïs Exemple": "Place publique", "Mathis Exemple": "Place publique"}


def test_a_colleague_who_will_sign_apart_is_no_signatory(make_email):
    body = ("Bonjour,\n\nJe signe la tribune.\n\nMa collègue Anne Exemple, adjointe au maire de "
            "Metz, partage notre position mais tient à signer elle-même, depuis sa propre "
            "adresse. Vous recevrez son message séparément.\n\nJulien Exemple\nConseiller "
            "municipal de Metz (57)\n")
    found = run(make_email, body, sender="Julien Exemple <julien@gmail.com>")
    assert [name for name, _, _ in people(found)] == ["Julien Exemple"]


def test_a_writer_already_signed_who_sends_a_colleague_is_no_signatory(make_email):
    body = ("Bonjour,\n\nMa propre signature est déjà enregistrée ; ma collègue Lise Exemple "
            "souhaite à son tour signer la tribune.\n\nLise Exemple est conseillère municipale "
            "de Niort (Deux-Sèvres), membre d'EELV.\n\nThomas Exemple\nConseiller municipal "
            "de Niort\n")
    found = run(make_email, body, sender="Thomas Exemple <thomas@gmail.com>")
    assert people(found) == [("Lise Exemple", [("conseiller_municipal", "Niort", "79")], "EELV")]
