from email.utils import getaddresses

import pytest

from petition.intake.mime import Mail, TextPart, read_mail
from petition.intake.record import Mandate, Signatory
from petition.intake.verify import official_address

OURS = ("mx.technopolice.fr",)


def ar(domain: str, dkim: str | None = None, dmarc: str = "pass",
       server: str = "mx.technopolice.fr") -> str:
    signer = dkim or domain
    return (f"{server};\r\n\tdkim=pass header.d={signer} header.s=s1 header.b=abc;\r\n"
            f"\tspf=pass smtp.mailfrom=x@{domain};\r\n"
            f"\tdmarc={dmarc} (policy=none) header.from={domain}")


def mail(sender: str, auth: tuple[str, ...], from_count: int = 1,
         from_value: str | None = None) -> Mail:
    from_value = from_value or f"Lise Exemple <{sender}>"
    headers = (*(("Authentication-Results", v) for v in auth),
               ("From", from_value), ("Subject", "Tribune"))
    return Mail(message_id="<1@example.org>", from_count=from_count, sender=sender,
                display_name="Lise Exemple", subject="Tribune", date=None, headers=headers,
                content_type="text/plain", texts=(TextPart("text/plain", "Je signe"),),
                from_addresses=tuple(a.lower() for _, a in getaddresses([from_value])))


def person(*mandates: Mandate, name: str = "Lise Exemple") -> tuple[Signatory, ...]:
    return (Signatory(name, mandates, None),)


MUNICIPAL_PARIS = Mandate("conseiller_municipal", "conseillère de Paris", "Paris", "75")
MAIRE_LORIENT = Mandate("maire_adjoint", "adjointe au maire de Lorient", "Lorient", "56")
SENATRICE = Mandate("senateur", "sénatrice de l'Essonne", "Essonne", "91")
DEPUTE = Mandate("depute", "député du Nord", "Nord", "59")


def check(m: Mail, signatories, kind: str = "signature") -> tuple[bool, tuple[str, ...]]:
    return official_address(m, kind, signatories, OURS)


# --- what makes an address official ---------------------------------------------------

def test_dmarc_pass_from_our_server_for_a_tied_commune():
    ok, why = check(mail("lise@paris.fr", (ar("paris.fr"),)), person(MUNICIPAL_PARIS))
    assert ok
    assert why == ("official: dmarc=pass header.from=paris.fr by mx.technopolice.fr; "
                   "paris.fr is the commune of Paris, office conseiller_municipal",)


def test_aligned_dkim_without_dmarc_is_enough():
    auth = ("mx.technopolice.fr; dkim=pass header.d=mairie-lorient.fr; dmarc=none"
            " header.from=mairie-lorient.fr",)
    ok, why = check(mail("l@mairie-lorient.fr", auth), person(MAIRE_LORIENT))
    assert ok
    assert why[0].startswith("official: dkim=pass header.d=mairie-lorient.fr by mx.technopolice.fr")


def test_withdrawal_can_be_official():
    assert check(mail("lise@paris.fr", (ar("paris.fr"),)), person(MUNICIPAL_PARIS),
                 kind="withdrawal")[0]


def test_assistant_at_the_senate_with_parent_dkim():
    auth = ("mx.technopolice.fr; dkim=pass header.d=senat.fr; dmarc=none header.from=clb.senat.fr",)
    ok, why = check(mail("l.assistant@clb.senat.fr", auth), person(SENATRICE))
    assert ok
    assert "dkim=pass header.d=senat.fr" in why[0] and "office senateur" in why[0]


def test_cabinet_mailbox_of_the_commune_counts():
    maire = Mandate("maire", "maire d'Aubenas", "Aubenas", "07")
    assert check(mail("cabinet.maire@aubenas.fr", (ar("aubenas.fr"),)), person(maire))[0]


def test_one_of_several_dkim_results_may_be_the_aligned_one():
    auth = ("mx.technopolice.fr; dkim=pass header.d=sendgrid.net; dkim=pass"
            " header.d=ville-villejuif.fr; dmarc=none header.from=ville-villejuif.fr",)
    adj = Mandate("maire_adjoint", "adjointe au maire", "Villejuif", "94")
    assert check(mail("a@ville-villejuif.fr", auth), person(adj))[0]


@pytest.mark.parametrize(("sender", "mandate"), [
    ("n.exemple@assemblee-nationale.fr", Mandate("depute", "députée", "Seine-Saint-Denis", "93")),
    ("n.exemple@europarl.europa.eu", Mandate("depute_europeen", "eurodéputée")),
    ("n.exemple@herault.fr", Mandate("conseiller_departemental", "conseillère départementale",
                                      "Hérault", "34")),
    ("n.exemple@cd31.fr", Mandate("conseiller_departemental", "c. d.", "Haute-Garonne", None)),
    ("n.exemple@laregion.fr", Mandate("conseiller_regional", "conseiller régional", "Occitanie")),
    ("n.exemple@maregionsud.fr", Mandate("conseiller_regional", "c. r.", "Région Sud")),
    ("n.exemple@isula.corsica", Mandate("conseiller_territorial", "Assemblée de Corse", "Corse")),
    ("n.exemple@grandlyon.com", Mandate("conseiller_communautaire", "conseillère métropolitaine",
                                        "Métropole de Lyon", "69")),
    ("n.exemple@brest-metropole.fr", Mandate("conseiller_communautaire", "c. c.",
                                             "Brest métropole", "29")),
    ("n.exemple@paysdelunel.fr", Mandate("conseiller_communautaire", "c. c.",
                                         "Communauté de communes du Pays de Lunel", "34")),
    ("maire@mairie-sainte-colombe.fr", Mandate("maire", "maire", "Sainte-Colombe", None)),
    ("n.exemple@grigny91.fr", Mandate("conseiller_municipal", "c. m.", "Grigny", "91")),
    ("n.exemple@saintmartindheres.fr", Mandate("maire", "maire", "Saint-Martin-d'Hères", "38")),
    ("n.exemple@paris.fr", Mandate("maire_arrondissement", "maire du 12e", "Paris", "75")),
    ("n.exemple@fontenay94.fr", Mandate("maire_adjoint", "adjointe", "Fontenay-sous-Bois", "94")),
    ("n.exemple@ville-chalons-en-champagne.fr",
     Mandate("conseiller_municipal", "c. m.", "Châlons-en-Champagne", "51")),
    ("n.exemple@bagnols30.fr", Mandate("maire", "maire délégué", "Bagnols-sur-Cèze", "30")),
    ("n.exemple@assemblee.pf", Mandate("conseiller_territorial", "représentant à l'APF",
                                       "Polynésie française", "987")),
    ("n.exemple@congres.nc", Mandate("conseiller_territorial", "membre du Congrès",
                                     "Nouvelle-Calédonie", "988")),
    ("n.exemple@ct975.fr", Mandate("conseiller_territorial", "conseiller territorial",
                                   "Saint-Pierre-et-Miquelon", "975")),
    ("n.exemple@comstbarth.fr", Mandate("conseiller_territorial", "conseillère territoriale",
                                        "Saint-Barthélemy", "977")),
    ("n.exemple@com-saint-martin.fr", Mandate("conseiller_territorial", "c. t.",
                                              "Saint-Martin", "978")),
    ("n.exemple@ctguyane.fr", Mandate("conseiller_territorial", "c. t.", "Guyane", "973")),
    ("n.exemple@collectivitedemartinique.mq", Mandate("conseiller_territorial", "c. t.",
                                                      "Martinique", "972")),
])
def test_each_institution_tied_to_its_office(sender, mandate):
    domain = sender.split("@")[1]
    assert check(mail(sender, (ar(domain),)), person(mandate))[0]


def test_second_signatory_may_hold_the_tied_office():
    signatories = (Signatory("Paul Exemple", (MAIRE_LORIENT,)),
                   Signatory("Lise Exemple", (MUNICIPAL_PARIS,)))
    assert check(mail("lise@paris.fr", (ar("paris.fr"),)), signatories)[0]


# --- what does not ---------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["other", "auto_reply", "bounce", "error"])
def test_other_kinds_are_never_official(kind):
    ok, why = check(mail("lise@paris.fr", (ar("paris.fr"),)), person(MUNICIPAL_PARIS), kind)
    assert not ok and why == (f"not official: kind {kind}",)


def test_another_authserv_id_proves_nothing():
    auth = (ar("paris.fr", server="mx.technopolice.fr.mail-filter.net"),
            ar("paris.fr", server="mx1.paris.fr"))
    ok, why = check(mail("lise@paris.fr", auth), person(MUNICIPAL_PARIS))
    assert not ok
    assert "no Authentication-Results header from a trusted server" in why[0]


def test_forged_pass_below_our_failing_header_is_ignored():
    auth = (ar("paris.fr", dkim="evil.example", dmarc="fail"), ar("paris.fr"))
    ok, why = check(mail("lise@paris.fr", auth), person(MUNICIPAL_PARIS))
    assert not ok
    assert why[0].startswith("not official: mx.technopolice.fr reports no dmarc=pass")


def test_forged_pass_from_a_lookalike_server_above_ours_is_ignored():
    ours = "mx.technopolice.fr; dkim=none; spf=fail; dmarc=fail header.from=paris.fr"
    forged = ar("paris.fr", server="mx.technopolice.fr.mail-filter.net")
    assert not check(mail("lise@paris.fr", (forged, ours)), person(MUNICIPAL_PARIS))[0]


def test_dmarc_fail_and_no_aligned_dkim():
    auth = ("mx.technopolice.fr; dkim=none; spf=fail smtp.mailfrom=lise@paris.fr;"
            " dmarc=fail (policy=quarantine) header.from=paris.fr",)
    assert not check(mail("lise@paris.fr", auth), person(MUNICIPAL_PARIS))[0]


@pytest.mark.parametrize("signer", ["sendgrid.net", "gmail.com", "roubaix.fr", "fr",
                                    "aris.fr", "paris.fr.evil.net", "mail.paris.fr"])
def test_dkim_for_a_domain_that_is_not_the_from_domain_or_its_parent(signer):
    auth = (f"mx.technopolice.fr; dkim=pass header.d={signer}; dmarc=fail header.from=paris.fr",)
    assert not check(mail("lise@paris.fr", auth), person(MUNICIPAL_PARIS))[0]


def test_dmarc_pass_for_another_from_domain_does_not_count():
    auth = ("mx.technopolice.fr; dkim=none; dmarc=pass header.from=evil.example",)
    assert not check(mail("lise@paris.fr", auth), person(MUNICIPAL_PARIS))[0]


def test_dkim_fail_with_the_right_domain_does_not_count():
    auth = ("mx.technopolice.fr; dkim=fail header.d=paris.fr; dmarc=fail header.from=paris.fr",)
    assert not check(mail("lise@paris.fr", auth), person(MUNICIPAL_PARIS))[0]


def test_pass_written_only_inside_a_comment_does_not_count():
    auth = ("mx.technopolice.fr; dkim=none (dkim=pass header.d=paris.fr);"
            " dmarc=fail (dmarc=pass) header.from=paris.fr",)
    assert not check(mail("lise@paris.fr", auth), person(MUNICIPAL_PARIS))[0]


@pytest.mark.parametrize("count", [0, 2])
def test_zero_or_two_from_headers(count):
    ok, why = check(mail("lise@paris.fr", (ar("paris.fr"),), from_count=count),
                    person(MUNICIPAL_PARIS))
    assert not ok and why == (f"not official: {count} From headers",)


def test_two_addresses_in_one_from_header():
    m = mail("lise@paris.fr", (ar("paris.fr"),), from_value="a@evil.example, lise@paris.fr")
    assert not check(m, person(MUNICIPAL_PARIS))[0]


def test_gmail_sender_is_never_official():
    ok, why = check(mail("lise.exemple@gmail.com", (ar("gmail.com"),)), person(MUNICIPAL_PARIS))
    assert not ok and why == ("not official: gmail.com is a webmail domain",)


def test_party_domain_is_never_official():
    ok, why = check(mail("lise@eelv.fr", (ar("eelv.fr"),)), person(MUNICIPAL_PARIS))
    assert not ok and why == ("not official: eelv.fr is a party domain",)


def test_commune_domain_of_another_commune():
    romainville = Mandate("conseiller_municipal", "c. m.", "Romainville", "93")
    ok, why = check(mail("k@ville-montreuil.fr", (ar("ville-montreuil.fr"),)), person(romainville))
    assert not ok
    assert why == ("not official: ville-montreuil.fr is the commune of Montreuil, "
                   "not tied to an office of a signatory",)


def test_same_commune_name_in_another_departement():
    grigny_rhone = Mandate("conseiller_municipal", "c. m.", "Grigny", "69")
    assert not check(mail("n@grigny91.fr", (ar("grigny91.fr"),)), person(grigny_rhone))[0]


def test_senate_domain_for_a_depute_is_not_tied():
    assert not check(mail("n@senat.fr", (ar("senat.fr"),)), person(DEPUTE))[0]


def test_commune_domain_for_a_departemental_office_is_not_tied():
    dep = Mandate("conseiller_departemental", "c. d.", "Paris", "75")
    assert not check(mail("n@lorient.fr", (ar("lorient.fr"),)), person(dep))[0]


def test_departement_domain_for_another_departement():
    dep = Mandate("conseiller_departemental", "c. d.", "Gers", "32")
    assert not check(mail("n@herault.fr", (ar("herault.fr"),)), person(dep))[0]


def test_region_domain_for_another_region():
    reg = Mandate("conseiller_regional", "c. r.", "Bretagne")
    assert not check(mail("n@laregion.fr", (ar("laregion.fr"),)), person(reg))[0]


def test_no_signatory_or_no_mandate_is_not_official():
    assert not check(mail("lise@paris.fr", (ar("paris.fr"),)), ())[0]
    assert not check(mail("lise@paris.fr", (ar("paris.fr"),)), person())[0]


def test_state_domain_is_not_an_elected_office():
    prefet = Mandate("other", "préfet")
    assert not check(mail("p@ain.gouv.fr", (ar("ain.gouv.fr"),)), person(prefet))[0]


def test_unknown_private_domain():
    ok, why = check(mail("n@lasentinelle-info.fr", (ar("lasentinelle-info.fr"),)),
                    person(MUNICIPAL_PARIS))
    assert not ok and "not a known public institution" in why[0]


def test_from_a_raw_message_with_a_forged_header_below_ours():
    raw = (b"Authentication-Results: mx.technopolice.fr;\r\n\tdkim=none;\r\n"
           b"\tdmarc=fail (policy=reject) header.from=assemblee-nationale.fr\r\n"
           b"Authentication-Results: mx.technopolice.fr;\r\n"
           b"\tdkim=pass header.d=assemblee-nationale.fr; dmarc=pass"
           b" header.from=assemblee-nationale.fr\r\n"
           b"From: Paul Exemple <p.exemple@assemblee-nationale.fr>\r\n"
           b"Subject: Tribune\r\nMessage-ID: <3@x>\r\n\r\nJe signe.\r\n")
    assert not check(read_mail(raw), person(DEPUTE))[0]
    honest = raw.replace(b"dkim=none", b"dkim=pass header.d=assemblee-nationale.fr", 1)
    assert check(read_mail(honest), person(DEPUTE))[0]


def test_raw_message_with_two_from_headers():
    raw = (b"Authentication-Results: mx.technopolice.fr; dmarc=pass header.from=paris.fr\r\n"
           b"From: Lise Exemple <lise@paris.fr>\r\nFrom: Autre <x@evil.example>\r\n"
           b"Subject: Tribune\r\nMessage-ID: <4@x>\r\n\r\nJe signe.\r\n")
    assert not check(read_mail(raw), person(MUNICIPAL_PARIS))[0]


# --- a commune named without its complement: the domain still names one commune only ------

@pytest.mark.parametrize(("sender", "mandate"), [
    # Issy-l'Évêque (71) shares the short name with Issy-les-Moulineaux (92)
    ("n@issy92.fr", Mandate("maire", "maire", "Issy-l'Évêque", "71")),
    # a short name several communes share ties at most to one of them
    ("n@noisy93.fr", Mandate("maire", "maire", "Noisy-le-Roi", "78")),
    ("n@noisy.fr", Mandate("conseiller_municipal", "c. m.", "Noisy-sur-Oise", "93")),
    # a neighbour or a namesake in another département
    ("n@fontenay94.fr", Mandate("maire", "maire", "Fontenay-aux-Roses", "92")),
    ("n@fontenay94.fr", Mandate("maire", "maire", "Vincennes", "94")),
    ("n@bagnols30.fr", Mandate("maire", "maire", "Bagnols-en-Forêt", "83")),
    # a full name wins: champigny.fr is Champigny (51, 89), not Champigny-sur-Marne
    ("n@champigny.fr", Mandate("maire", "maire", "Champigny-sur-Marne", "94")),
    # "saint" alone is no short name
    ("n@saint92.fr", Mandate("maire", "maire", "Saint-Cloud", "92")),
    # a short name under a generic TLD is anybody's
    ("n@fontenay94.com", Mandate("maire", "maire", "Fontenay-sous-Bois", "94")),
])
def test_a_short_commune_name_never_ties_to_another_commune(sender, mandate):
    domain = sender.split("@")[1]
    assert not check(mail(sender, (ar(domain),)), person(mandate))[0]


def test_a_short_commune_name_still_needs_our_servers_proof():
    maire = Mandate("maire", "maire", "Fontenay-sous-Bois", "94")
    auth = ("mx.technopolice.fr; dkim=pass header.d=sendgrid.net; dmarc=fail"
            " header.from=fontenay94.fr",)
    ok, why = check(mail("n@fontenay94.fr", auth), person(maire))
    assert not ok and "reports no dmarc=pass" in why[0]
    forged = (ar("fontenay94.fr", server="mx.technopolice.fr.evil.example"),)
    assert not check(mail("n@fontenay94.fr", forged), person(maire))[0]


@pytest.mark.parametrize(("sender", "mandate"), [
    ("n@assemblee.pf", Mandate("conseiller_territorial", "c. t.", "Nouvelle-Calédonie", "988")),
    ("n@congres.nc", Mandate("conseiller_territorial", "c. t.", "Polynésie française", "987")),
    ("n@assemblee.pf", Mandate("maire", "tavana", "Papeete", "987")),
    ("n@comstbarth.fr", Mandate("conseiller_territorial", "c. t.", "Saint-Martin", "978")),
    ("n@com-saint-martin.fr", Mandate("maire", "maire", "Saint-Martin", "978")),
    ("n@ct975.fr", Mandate("depute", "député", "Saint-Pierre-et-Miquelon", "975")),
])
def test_territorial_assembly_domain_for_another_collectivite_or_office(sender, mandate):
    domain = sender.split("@")[1]
    assert not check(mail(sender, (ar(domain),)), person(mandate))[0]


# --- a domain two bodies share ---------------------------------------------------------

@pytest.mark.parametrize("mandate", [
    Mandate("conseiller_communautaire", "conseillère de l'Eurométropole de Strasbourg",
            "Eurométropole de Strasbourg", "67"),
    Mandate("conseiller_municipal", "conseillère municipale de Strasbourg", "Strasbourg", "67"),
])
def test_a_shared_domain_is_tied_to_each_of_its_bodies(mandate):
    ok, why = check(mail("l.exemple@strasbourg.eu", (ar("strasbourg.eu"),)), person(mandate))
    assert ok, why


def test_a_shared_domain_is_tied_to_none_of_its_bodies_elsewhere():
    other = Mandate("conseiller_communautaire", "conseillère de la Métropole de Lyon",
                    "Métropole de Lyon", "69")
    ok, why = check(mail("l.exemple@strasbourg.eu", (ar("strasbourg.eu"),)), person(other))
    assert not ok
    assert "not tied to an office" in why[0]


def test_an_official_address_does_not_settle_a_homonym_commune(make_email):
    """« Adjoint au maire de Montreuil » from montreuil.fr, authenticated: the address is
    official, but the contract takes a département from the text alone, and Montreuil is
    a commune of 28, 85 and 93: null, hence review, not publish."""
    from petition.intake.parse import parse_message

    raw = make_email(
        "Je signe la tribune.\n\nBaptiste Exemple\nAdjoint au maire de Montreuil\nPCF\n",
        sender="Baptiste Exemple <b.exemple@montreuil.fr>",
        headers={"Authentication-Results": "mx.technopolice.fr; dkim=pass "
                 "header.d=montreuil.fr; dmarc=pass header.from=montreuil.fr"})
    record = parse_message(raw)
    assert record.official_address is True
    assert [(m.place, m.departement) for m in record.signatories[0].mandates] == [
        ("Montreuil", None)]
    assert record.decision == "review"
