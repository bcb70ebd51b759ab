# ruff: noqa: E501  (a table of hand-written mail texts: long string lines read better unbroken)
"""The hand-written cases: one Case per message, with the record the contract expects."""

from __future__ import annotations

from dataclasses import dataclass

from mailkit import CALL_SUBJECT, Mail, Multi, Part, quote_block, to_html

# per client: (charset, transfer encoding, quote style, html alternative?)
STYLE = {
    "gmail": ("utf-8", "quoted-printable", "gmail", True),
    "outlook": ("windows-1252", "quoted-printable", "outlook", True),
    "exchange": ("iso-8859-1", "quoted-printable", "outlook", True),
    "thunderbird": ("utf-8", "8bit", "thunderbird", False),
    "apple": ("utf-8", "quoted-printable", "apple", True),
    "applemac": ("utf-8", "quoted-printable", "apple", True),
    "zimbra": ("utf-8", "quoted-printable", "zimbra", True),
    "orange": ("iso-8859-1", "quoted-printable", "orange", True),
    "free": ("utf-8", "quoted-printable", "zimbra", False),
    "sfr": ("utf-8", "8bit", "orange", True),
    "proton": ("utf-8", "base64", "proton", True),
    "laposte": ("iso-8859-1", "quoted-printable", "thunderbird", False),
    "mta": ("us-ascii", "7bit", "gmail", False),
}

_n = 0


def _b(tag: str) -> str:
    """A fresh MIME boundary (deterministic: numbered in case order)."""
    global _n
    _n += 1
    return f"b{_n:04d}_{tag}_0f3a9c"


def body(client: str, own: str, quote: bool = True, bottom: bool = False, html: bool | None = None,
         html_only: bool = False, charset: str | None = None, cte: str | None = None,
         attach: list[Part] | None = None):
    cs, te, style, alt = STYLE[client]
    cs, te = charset or cs, cte or te
    alt = alt if html is None else html
    q = quote_block(style) if quote else None
    if q and bottom:
        plain = q + "\n\n" + own
    elif q:
        plain = own + "\n\n" + q
    else:
        plain = own
    params = "; format=flowed" if client == "thunderbird" else ""
    outl = client in ("outlook", "exchange")
    hpart = Part("text/html", to_html(own, q, style, outlook=outl), cs, te)
    if html_only:
        tree = hpart
    elif alt:
        tree = Multi("alternative", [Part("text/plain", plain, cs, te, params=params), hpart], _b("alt"))
    else:
        tree = Part("text/plain", plain, cs, te, params=params)
    if attach:
        tree = Multi("mixed", [tree, *attach], _b("mix"))
    return tree


def vcard(fn: str, n: str, title: str, org: str, email: str) -> Part:
    text = (f"BEGIN:VCARD\nVERSION:4.0\nFN:{fn}\nN:{n}\nTITLE:{title}\nORG:{org}\nEMAIL;PREF=1:{email}\n"
            "END:VCARD\n")
    return Part("text/vcard", text, "utf-8", "quoted-printable", params=f'; name="{fn.split()[-1].lower()}.vcf"',
                extra=[f'Content-Disposition: attachment; filename="{fn.split()[-1].lower()}.vcf"'])


def pdf(name: str) -> Part:
    data = (b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] "
            b"/Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n"
            b"trailer <</Root 1 0 R>>\n%%EOF\n")
    return Part("application/pdf", data, None, "base64", params=f'; name="{name}"',
                extra=[f'Content-Disposition: attachment; filename="{name}"'])


def M(type_: str, place: str | None, dep: str | None) -> dict:
    return {"type": type_, "place": place, "departement": dep}


def S(name: str, party: str | None, *mandates: dict) -> dict:
    return {"name": name, "mandates": list(mandates), "party": party}


@dataclass
class Case:
    mail: Mail
    kind: str
    official: bool
    sigs: list
    note: str


def date(i: int) -> str:
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    d = 12 + i // 9
    dow = days[(d - 12) % 7]
    return f"{dow}, {d:02d} Jan 2026 {9 + i % 9:02d}:{(i * 7) % 60:02d}:{(i * 13) % 60:02d} +0100"


RE = "Re: " + CALL_SUBJECT
RE_OUT = "RE: " + CALL_SUBJECT
CASES: list[Case] = []


def add(key, client, from_name, from_addr, own, kind, official, sigs, note, *, subject=RE, auth="pass",
        mail_body=None, extra=None, reply=True, return_path=None, **kw):
    i = len(CASES)
    if subject == RE and client in ("outlook", "exchange"):
        subject = RE_OUT
    b = mail_body if mail_body is not None else body(client, own, **kw)
    mail = Mail(key, client, from_name, from_addr, subject, date(i), b, auth=auth, reply=reply,
                extra=extra or [], return_path=return_path)
    CASES.append(Case(mail, kind, official, sigs, note))


# =============================================================================
# Signatures
# =============================================================================

add("montreuil-apparentee-pcf", "gmail", "Nadia Belkacem", "nadia.belkacem93@gmail.com",
    "Bonjour,\n\nJe signe la tribune avec plaisir.\n\nNadia Belkacem\nConseillère municipale de Montreuil (93), "
    "apparentée PCF",
    "signature", False, [S("Nadia Belkacem", "PCF", M("conseiller_municipal", "Montreuil", "93"))],
    "homonym commune Montreuil with its code in parentheses; 'apparentée PCF' gives PCF; Gmail address")

add("maire-delegue-tourlaville", "outlook", "Yves Quesnel", "yves.quesnel@cherbourg.fr",
    "Madame, Monsieur,\n\nJe vous confirme ma signature de la tribune « Élu·es contre la VSA ».\n\n"
    "Bien à vous,\n\nYves Quesnel\nMaire délégué de Tourlaville – Cherbourg-en-Cotentin (Manche)\nDivers gauche",
    "signature", True, [S("Yves Quesnel", "DVG", M("maire", "Cherbourg-en-Cotentin", "50"))],
    "maire délégué of a commune déléguée: place is the commune nouvelle; département by name; Outlook cp1252")

add("lyon-7e-conseillere-arrondissement", "thunderbird", "Léa Fontanel", "lea.fontanel@lyon.fr",
    "Bonjour,\n\nJe souhaite m'associer à la tribune.\n\n-- \nLéa Fontanel\nConseillère du 7e arrondissement de Lyon\n"
    "Groupe Les Écologistes",
    "signature", True, [S("Léa Fontanel", "EELV", M("conseiller_arrondissement", "Lyon", "69"))],
    "Lyon 7e arrondissement councillor: place Lyon, département inferred 69; Thunderbird 8bit '-- ' signature")

add("marseille-4e-secteur", "outlook", "Karine Sauvaire", "ksauvaire@marseille.fr",
    "Bonjour,\n\nJe signe cette tribune.\n\nKarine Sauvaire\nMaire du 4e secteur de Marseille (6e et 8e arrondissements)\n"
    "Printemps marseillais",
    "signature", True, [S("Karine Sauvaire", None, M("maire_arrondissement", "Marseille", "13"))],
    "maire de secteur in Marseille; 'Printemps marseillais' is a local movement, not a party (null)")

add("rouen-adjoint-vp-metropole", "zimbra", "Mathieu Lecanu", "mathieu.lecanu@rouen.fr",
    "Bonjour,\n\nJe signe.\n\nMathieu Lecanu\nAdjoint au maire de Rouen, vice-président de la Métropole "
    "Rouen Normandie (76)\nParti socialiste",
    "signature", True,
    [S("Mathieu Lecanu", "PS", M("maire_adjoint", "Rouen", "76"),
       M("conseiller_communautaire", "Métropole Rouen Normandie", "76"))],
    "adjoint + vice-président of a métropole; one code after both offices applies to both; Zimbra")

add("plaine-commune-militante", "gmail", "Inès Ferhat", "ines.ferhat@gmail.com",
    "Bonsoir,\n\nInès Ferhat, conseillère municipale de Saint-Denis et conseillère territoriale de Plaine "
    "Commune (93). Militante insoumise.\n\nJe signe !",
    "signature", False,
    [S("Inès Ferhat", "LFI", M("conseiller_municipal", "Saint-Denis", "93"),
       M("conseiller_communautaire", "Plaine Commune", "93"))],
    "EPT member called 'conseillère territoriale' is communautaire; Saint-Denis is a homonym resolved by (93)")

add("assemblee-corse-femu", "orange", "Ghjuvanni Albertini", "g.albertini@orange.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nGhjuvanni Albertini\nConseiller à l'Assemblée de Corse\nFemu a Corsica",
    "signature", False, [S("Ghjuvanni Albertini", "Femu a Corsica", M("conseiller_territorial", "Corse", None))],
    "Assemblée de Corse: territorial, place Corse, département null; Orange webmail iso-8859-1")

add("polynesie-representante", "outlook", "Hinano Teriitahi", "hinano.teriitahi@assemblee.pf",
    "Ia ora na,\n\nJe soutiens votre démarche et je signe la tribune.\n\nHinano Teriitahi\nReprésentante à "
    "l'Assemblée de la Polynésie française\nSans étiquette",
    "signature", True,
    [S("Hinano Teriitahi", None, M("conseiller_territorial", "Polynésie française", "987"))],
    "member of the Assemblée de la Polynésie française from the assembly's domain: territorial, 987, publish")

add("senatrice-loire-atlantique", "outlook", "Gwenaëlle Prigent", "g.prigent@senat.fr",
    "Madame, Monsieur,\n\nJe signe la tribune.\n\nGwenaëlle Prigent\nSénatrice de la Loire-Atlantique\n"
    "Les Écologistes",
    "signature", True, [S("Gwenaëlle Prigent", "EELV", M("senateur", "Loire-Atlantique", "44"))],
    "sénatrice: place is the département's name, code inferred 44")

add("depute-2e-circ-nord", "outlook", "Rachid Bensaïd", "rachid.bensaid@assemblee-nationale.fr",
    "Bonjour,\n\nJe vous confirme ma signature.\n\nRachid Bensaïd\nDéputé de la 2e circonscription du Nord\n"
    "Groupe La France insoumise – NFP",
    "signature", True, [S("Rachid Bensaïd", "LFI", M("depute", "Nord", "59"))],
    "député of a numbered circonscription: place Nord, 59; LFI group named after a party")

add("eurodeputee-europarl", "outlook", "Solène Marchetti", "solene.marchetti@europarl.europa.eu",
    "Dear campaign, chère équipe,\n\nJe signe volontiers.\n\nSolène Marchetti\nEurodéputée Les Écologistes",
    "signature", True, [S("Solène Marchetti", "EELV", M("depute_europeen", None, None))],
    "eurodéputée alone from europarl.europa.eu: no place, no département, still publish")

add("grenoble-elu-inclusif", "gmail", "Camille Roux", "camille.roux@grenoble.fr",
    "Bonjour,\n\nCamille Roux, élu·e municipal·e de Grenoble (38), membre de Génération·s : je signe.\n\n"
    "Bonne journée",
    "signature", True, [S("Camille Roux", "Génération.s", M("conseiller_municipal", "Grenoble", "38"))],
    "inclusive writing 'élu·e municipal·e'; 'membre de Génération·s'")

add("villejuif-cm-abbrev", "free", "Olivier Marquet", "olivier.marquet@free.fr",
    "Bonjour\nje signe\nOlivier Marquet - CM de Villejuif (94) - PCF",
    "signature", False, [S("Olivier Marquet", "PCF", M("conseiller_municipal", "Villejuif", "94"))],
    "abbreviation CM for conseiller municipal; Free webmail plain text")

add("cd94-canton", "outlook", "Bruno Tessier", "bruno.tessier@valdemarne.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nBruno Tessier\nConseiller départemental du Val-de-Marne, canton de "
    "Vitry-sur-Seine-1\nPCF",
    "signature", True, [S("Bruno Tessier", "PCF", M("conseiller_departemental", "Val-de-Marne", "94"))],
    "conseiller départemental from the département's domain; the canton is not a separate office",
    html_only=True)

add("nantes-1ere-adj", "gmail", "Hélène Guérin", "helene.guerin44@gmail.com",
    "Je signe. Hélène Guérin, 1ère adj. au maire de Nantes, socialiste.",
    "signature", False, [S("Hélène Guérin", "PS", M("maire_adjoint", "Nantes", "44"))],
    "'1ère adj.' abbreviation; 'socialiste' gives PS; Nantes inferred 44")

add("vp-region-occitanie", "outlook", "Mireille Cazals", "mireille.cazals@laregion.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nMireille Cazals\nVP Région Occitanie\nParti radical de gauche",
    "signature", True, [S("Mireille Cazals", "PRG", M("conseiller_regional", "Occitanie", None))],
    "'VP Région' is a conseiller régional; région gives département null; publish on the collectivité alone")

add("bobigny-adjointe-tiret-nfp", "gmail", "Samia Haddouche", "samia.haddouche@gmail.com",
    "Bonjour,\n\nJe signe.\n\nSamia Haddouche\nAdjointe au maire de Bobigny - 93\nNFP",
    "signature", False, [S("Samia Haddouche", "NFP", M("maire_adjoint", "Bobigny", "93"))],
    "code written after a dash; coalition NFP alone (no party named)")

add("montreuil-code-postal", "outlook", "Antoine Vasseur", "antoine.vasseur@ville-montreuil.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nAntoine Vasseur\nConseiller municipal de Montreuil\nHôtel de ville, 1 place "
    "Jean-Jaurès, 93100 Montreuil\nEurope Écologie Les Verts",
    "signature", True, [S("Antoine Vasseur", "EELV", M("conseiller_municipal", "Montreuil", "93"))],
    "homonym Montreuil without code beside the office; the département comes from the postal address 93100 Montreuil")

add("beaumont-puy-de-dome", "gmail", "Florian Chassaing", "florian.chassaing@gmail.com",
    "Bonjour,\nJe signe la tribune.\nFlorian Chassaing, conseiller municipal de Beaumont (Puy-de-Dôme)\n"
    "Sans étiquette",
    "signature", False, [S("Florian Chassaing", None, M("conseiller_municipal", "Beaumont", "63"))],
    "homonym Beaumont resolved by the département's name; sans étiquette gives null")

add("saint-paul-homonyme", "laposte", "Jean-Marc Dessaint", "jm.dessaint@laposte.net",
    "Bonjour,\n\nJe signe la tribune.\n\nJean-Marc Dessaint\nMaire de Saint-Paul\nDivers gauche",
    "signature", False, [S("Jean-Marc Dessaint", "DVG", M("maire", "Saint-Paul", None))],
    "Saint-Paul exists in 8 départements and no code is given: département null; laposte.net iso-8859-1")

add("valence-26", "outlook", "Pascal Reynaud", "p.reynaud@mairie-valence.fr",
    "Bonjour,\n\nJe signe la tribune « Élu·es contre la VSA ».\n\nPascal Reynaud\nAdjoint au maire de Valence (26)\n"
    "Délégué à la tranquillité publique",
    "signature", True, [S("Pascal Reynaud", None, M("maire_adjoint", "Valence", "26"))],
    "homonym Valence (16, 26, 82) resolved by (26); no party")

add("lille-cm-cr-hdf", "outlook", "Thomas Vandamme", "tvandamme@mairie-lille.fr",
    "Bonjour,\n\nJe signe.\n\nThomas Vandamme\nConseiller municipal de Lille\nConseiller régional des Hauts-de-France\n"
    "Parti socialiste",
    "signature", True,
    [S("Thomas Vandamme", "PS", M("conseiller_municipal", "Lille", "59"),
       M("conseiller_regional", "Hauts-de-France", None))],
    "two offices: commune (59 inferred) and région (null)")

add("quimper-nom-en-capitales", "zimbra", "Marie-Claire DUBOIS-FERRAND", "mc.dubois-ferrand@quimper.bzh",
    "Bonjour,\n\nJe signe la tribune.\n\nDUBOIS-FERRAND Marie-Claire\nConseillère municipale de Quimper\n"
    "Union démocratique bretonne (UDB)",
    "signature", True,
    [S("Marie-Claire Dubois-Ferrand", "UDB", M("conseiller_municipal", "Quimper", "29"))],
    "surname first in capitals, hyphenated; commune domain in .bzh")

add("carhaix-particule-le", "gmail", "Pierre-Yves Le Floch", "pylefloch@gmail.com",
    "Bonjour,\n\nJe signe !\n\nPierre-Yves Le Floch\nMaire de Carhaix-Plouguer (29)",
    "signature", False, [S("Pierre-Yves Le Floch", None, M("maire", "Carhaix-Plouguer", "29"))],
    "particle 'Le' in the surname; compound first name")

add("calvados-particule-d", "outlook", "Louise d'Harcourt", "louise.dharcourt@calvados.fr",
    "Bonjour,\n\nJe m'associe à cette tribune.\n\nLouise d'Harcourt\nConseillère départementale du Calvados\n"
    "Divers droite",
    "signature", True, [S("Louise d'Harcourt", "DVD", M("conseiller_departemental", "Calvados", "14"))],
    "particle d' in the surname; 'Divers droite' gives DVD")

add("pau-nom-from-seul", "outlook", "ETCHEGARAY Laurent", "l.etchegaray@ville-pau.fr",
    "Bonjour,\n\nJe signe la tribune en tant que conseiller municipal de Pau (64), groupe socialiste.\n\n"
    "Cordialement",
    "signature", True, [S("Laurent Etchegaray", "PS", M("conseiller_municipal", "Pau", "64"))],
    "name only in the From display name (surname first in capitals); 'groupe socialiste' gives PS",
    html_only=True)

add("villeurbanne-vcard", "thunderbird", None, "s.ouali@mairie-villeurbanne.fr",
    "Bonjour,\n\nJe signe la tribune, mes coordonnées sont dans la carte jointe.\n\nBien à vous",
    "signature", True, [S("Sabrina Ouali", None, M("maire_adjoint", "Villeurbanne", "69"))],
    "name and office only in an attached vCard; From has no display name",
    attach=[vcard("Sabrina Ouali", "Ouali;Sabrina;;;", "Adjointe au maire de Villeurbanne (69)",
                  "Ville de Villeurbanne", "s.ouali@mairie-villeurbanne.fr")])

add("besancon-bottom-posting", "thunderbird", "Nicolas Perrin", "nicolas.perrin@gmail.com",
    "Bonjour,\n\nJe signe bien volontiers.\n\nNicolas Perrin\nConseiller municipal d'opposition à Besançon (25)\n"
    "EELV",
    "signature", False, [S("Nicolas Perrin", "EELV", M("conseiller_municipal", "Besançon", "25"))],
    "bottom posting: the quoted call (with its Paris example) comes first, the signature below", bottom=True)

add("smh-top-posting-court", "apple", "Martine Brochier", "martine.brochier@icloud.com",
    "Je signe ! Martine Brochier, maire de Saint-Martin-d'Hères, PCF\n\nEnvoyé de mon iPhone",
    "signature", False, [S("Martine Brochier", "PCF", M("maire", "Saint-Martin-d'Hères", "38"))],
    "iPhone top-post above the quoted call and its example « conseillère municipale de Paris (75) »")

add("tulle-cabinet-maire", "outlook", "Cabinet du Maire", "cabinet.maire@ville-tulle.fr",
    "Madame, Monsieur,\n\nDe la part de Madame la Maire, Christine Aubert, maire de Tulle (19), qui souhaite "
    "signer la tribune « Élu·es contre la VSA ».\nMadame Aubert est membre du Parti socialiste.\n\n"
    "Pour le cabinet,\nJulie Mercier\nCheffe de cabinet",
    "signature", True, [S("Christine Aubert", "PS", M("maire", "Tulle", "19"))],
    "sent by the mayor's cabinet from the town hall's domain on her behalf; the cheffe de cabinet does not sign")

add("rennes-deux-signataires", "gmail", "Claire Fabre", "claire.fabre.rennes@gmail.com",
    "Bonjour,\n\nNous signons tous les deux :\n- Claire Fabre, conseillère municipale de Rennes (35), PCF\n"
    "- Yann Le Du, conseiller municipal de Rennes (35), EELV\n\nBien cordialement",
    "signature", False,
    [S("Claire Fabre", "PCF", M("conseiller_municipal", "Rennes", "35")),
     S("Yann Le Du", "EELV", M("conseiller_municipal", "Rennes", "35"))],
    "two signatories with their own parties in one message")

add("bagneux-trois-elus", "proton", "Bagneux en commun", "bagneux.encommun@proton.me",
    "Bonjour,\n\nLes trois élu·es du groupe « Bagneux en commun » signent la tribune :\n\nAurélie Mendy, "
    "conseillère municipale de Bagneux (92)\nFabien Lopes, conseiller municipal de Bagneux (92)\nJosé Carvalho, "
    "conseiller municipal de Bagneux (92)\n\nLe groupe Bagneux en commun",
    "signature", False,
    [S("Aurélie Mendy", None, M("conseiller_municipal", "Bagneux", "92")),
     S("Fabien Lopes", None, M("conseiller_municipal", "Bagneux", "92")),
     S("José Carvalho", None, M("conseiller_municipal", "Bagneux", "92"))],
    "three signatories from a group mailbox; local list is not a party; Bagneux homonym with (92); Proton base64")

add("gap-ancien-maire", "gmail", "Didier Achard", "didier.achard05@gmail.com",
    "Bonjour,\n\nAncien maire de Gap, aujourd'hui conseiller municipal de Gap (05), je signe la tribune.\n\n"
    "Didier Achard\nDivers gauche",
    "signature", False, [S("Didier Achard", "DVG", M("conseiller_municipal", "Gap", "05"))],
    "former office 'ancien maire' left out; current office kept")

add("isere-ex-conseillere-regionale", "outlook", "Agnès Vial", "agnes.vial@isere.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nAgnès Vial\nConseillère départementale de l'Isère\nEx-conseillère "
    "régionale d'Auvergne-Rhône-Alpes\nLes Écologistes",
    "signature", True, [S("Agnès Vial", "EELV", M("conseiller_departemental", "Isère", "38"))],
    "'ex-conseillère régionale' left out; département from its name")

add("paris-groupe-ecologiste-solidaire", "outlook", "Théo Laurent-Mbaye", "theo.laurent-mbaye@paris.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nThéo Laurent-Mbaye\nConseiller de Paris\nGroupe Écologiste et Solidaire",
    "signature", True, [S("Théo Laurent-Mbaye", "EELV", M("conseiller_municipal", "Paris", "75"))],
    "'conseiller de Paris' is municipal, 75; 'Groupe Écologiste' gives EELV; hyphenated surname")

add("chartreuse-sans-etiquette", "orange", "Mairie de Saint-Pierre-de-Chartreuse",
    "mairie@saint-pierre-de-chartreuse.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nBernard Roux-Fouillet\nMaire de Saint-Pierre-de-Chartreuse\n"
    "Sans étiquette",
    "signature", True, [S("Bernard Roux-Fouillet", None, M("maire", "Saint-Pierre-de-Chartreuse", "38"))],
    "maire writing from the town hall's shared mailbox; name from the sign-off, not the From display name")

add("perpignan-rn", "gmail", "Gérard Pujol", "gerard.pujol66@gmail.com",
    "Bonjour,\n\nGérard Pujol, conseiller municipal de Perpignan, Rassemblement National. Je signe.",
    "signature", False, [S("Gérard Pujol", "RN", M("conseiller_municipal", "Perpignan", "66"))],
    "far right: 'Rassemblement National' gives RN, reject")

add("paca-reconquete", "sfr", "Sandrine Audibert", "sandrine.audibert@sfr.fr",
    "Bonjour,\nJe signe cette tribune.\nSandrine Audibert\nConseillère régionale de Provence-Alpes-Côte d'Azur\n"
    "Reconquête !",
    "signature", False,
    [S("Sandrine Audibert", "Reconquête", M("conseiller_regional", "Provence-Alpes-Côte d'Azur", None))],
    "far right Reconquête: reject; SFR webmail 8bit")

add("henin-rn-officiel", "outlook", "Stéphane Delattre", "s.delattre@mairie-heninbeaumont.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nStéphane Delattre\nAdjoint au maire d'Hénin-Beaumont (62)\n"
    "Élu Rassemblement national",
    "signature", True, [S("Stéphane Delattre", "RN", M("maire_adjoint", "Hénin-Beaumont", "62"))],
    "far right from a verified town-hall address: reject wins over publish")

add("udr-depute", "gmail", "Arnaud Fabre-Ricard", "arnaud.fabrericard@gmail.com",
    "Bonjour,\n\nJe signe.\n\nArnaud Fabre-Ricard\nDéputé des Alpes-Maritimes\nUDR (Union des droites pour la "
    "République)",
    "signature", False, [S("Arnaud Fabre-Ricard", "UDR", M("depute", "Alpes-Maritimes", "06"))],
    "far right UDR: reject")

add("dlf-conseiller", "orange", "Hervé Lemoine", "herve.lemoine@wanadoo.fr",
    "Bonjour,\n\nHervé Lemoine, conseiller municipal d'Évreux, Debout la France, je signe votre tribune.\n\n"
    "Salutations",
    "signature", False, [S("Hervé Lemoine", "Debout la France", M("conseiller_municipal", "Évreux", "27"))],
    "far right Debout la France: reject; wanadoo.fr")

add("sujet-seul-venissieux", "apple", "Karim Haddad", "karim.haddad@icloud.com", "\nEnvoyé de mon iPhone",
    "signature", False, [S("Karim Haddad", "PCF", M("conseiller_municipal", "Vénissieux", "69"))],
    "the signature is only in the Subject; the body holds the iPhone footer and the quote",
    subject="Signature tribune VSA – Karim Haddad, conseiller municipal de Vénissieux (69), PCF")

add("ivry-lettre-pdf", "outlook", "Mehdi Aït-Ali", "m.ait-ali@ivry94.fr",
    "Bonjour,\n\nVeuillez trouver ci-joint mon courrier de soutien. Je signe la tribune.\n\nMehdi Aït-Ali\n"
    "Maire d'Ivry-sur-Seine (94)\nPCF",
    "signature", True, [S("Mehdi Aït-Ali", "PCF", M("maire", "Ivry-sur-Seine", "94"))],
    "PDF attachment beside the text; hyphenated surname with diaeresis",
    attach=[pdf("Soutien_tribune_VSA.pdf")])

add("citoyen-lyon", "gmail", "Thomas Girard", "thomas.girard.69@gmail.com",
    "Bonjour,\n\nJe ne suis pas élu mais je soutiens pleinement cette tribune : pouvez-vous ajouter mon nom ?\n\n"
    "Thomas Girard, habitant de Lyon",
    "signature", False, [S("Thomas Girard", None)],
    "a citizen asks to sign: signature without mandate, review")

add("candidate-municipales", "proton", "Élodie Marchand", "elodie.marchand@proton.me",
    "Bonjour,\n\nCandidate aux dernières municipales à Tours sur la liste « Tours en commun », je souhaite "
    "signer la tribune.\n\nÉlodie Marchand",
    "signature", False, [S("Élodie Marchand", None)],
    "a candidate holds no office: no mandate")

add("correction-adjointe", "gmail", "Sophie Lacombe", "sophie.lacombe31@gmail.com",
    "Bonjour,\n\nPetite correction à ma signature d'hier : je suis adjointe au maire de Toulouse (31) et non "
    "conseillère municipale.\n\nMerci !\nSophie Lacombe, Génération écologie",
    "signature", False, [S("Sophie Lacombe", "Génération écologie", M("maire_adjoint", "Toulouse", "31"))],
    "correction of a signature is a signature; the office she is not ('non conseillère municipale') is left out")

add("depute-spoof-forge", "outlook", "Frédéric Caron", "frederic.caron@assemblee-nationale.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nFrédéric Caron\nDéputé de la Somme\nRenaissance",
    "signature", False, [S("Frédéric Caron", "Renaissance", M("depute", "Somme", "80"))],
    "spoof: our MX says dmarc=fail; a passing Authentication-Results from another authserv-id is forged",
    auth="forged")

add("lookalike-authserv", "zimbra", "Corinne Abgrall", "corinne.abgrall@mairie-brest.fr",
    "Bonjour,\n\nJe signe.\n\nCorinne Abgrall\nConseillère municipale de Brest (29)",
    "signature", False, [S("Corinne Abgrall", None, M("conseiller_municipal", "Brest", "29"))],
    "Authentication-Results from authserv-id 'technopolice.fr' (not ours) says pass; ours says none",
    auth="lookalike")

add("top-most-fail", "outlook", "Jérôme Saillard", "jerome.saillard@ville-arles.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nJérôme Saillard\nConseiller municipal d'Arles (13)\nPCF",
    "signature", False, [S("Jérôme Saillard", "PCF", M("conseiller_municipal", "Arles", "13"))],
    "two Authentication-Results from our MX: the top-most says dmarc=fail, so not official",
    auth="top_fail")

add("bordeaux-dkim-parent", "exchange", "Isabelle Dupuy", "i.dupuy@elus.mairie-bordeaux.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nIsabelle Dupuy\nAdjointe au maire de Bordeaux\nEurope Écologie Les Verts",
    "signature", True, [S("Isabelle Dupuy", "EELV", M("maire_adjoint", "Bordeaux", "33"))],
    "no DMARC; DKIM passes for the parent domain of the From domain; Exchange iso-8859-1",
    auth="dkim_parent")

add("dkim-tiers-mailjet", "outlook", "Romain Castex", "romain.castex@ville-auch.fr",
    "Bonjour,\n\nJe signe.\n\nRomain Castex\nConseiller municipal d'Auch (32)\nPS",
    "signature", False, [S("Romain Castex", "PS", M("conseiller_municipal", "Auch", "32"))],
    "DKIM passes only for a sending service's domain; our MX says dmarc=fail", auth="dkim_other")

add("pantin-adresse-pro-autre-institution", "outlook", "Amélie Karamoko", "amelie.karamoko@seinesaintdenis.fr",
    "Bonjour,\n\nJe vous écris depuis ma messagerie professionnelle (je travaille au Département). Je signe la "
    "tribune en tant que conseillère municipale de Pantin (93).\n\nAmélie Karamoko\nLFI",
    "signature", False, [S("Amélie Karamoko", "LFI", M("conseiller_municipal", "Pantin", "93"))],
    "verified address of a body (the département) in which the signer holds no office: not official")

add("senateur-par-assistante", "outlook", "Anne Guillou", "a.guillou@clb.senat.fr",
    "Bonjour,\n\nJe vous transmets la signature du sénateur Pascal Morvan, sénateur du Finistère, membre du "
    "Parti socialiste, qui soutient votre tribune.\n\nAnne Guillou\nAssistante parlementaire",
    "signature", True, [S("Pascal Morvan", "PS", M("senateur", "Finistère", "29"))],
    "a senator's assistant writing from clb.senat.fr: official; the assistant is not a signatory")

add("paris-11e-maire-adjointe", "applemac", "Fanny Achour", "fanny.achour@paris.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nFanny Achour\nMaire adjointe du 11e arrondissement de Paris\n"
    "Place publique",
    "signature", True, [S("Fanny Achour", "Place publique", M("maire_adjoint", "Paris", "75"))],
    "adjointe d'arrondissement: maire_adjoint, place Paris; party Place publique; Apple Mail")

add("martinique-ppm", "gmail", "Joël Bellemare", "joel.bellemare972@gmail.com",
    "Bonjour,\n\nJe signe la tribune.\n\nJoël Bellemare\nConseiller à l'Assemblée de Martinique\n"
    "Parti progressiste martiniquais",
    "signature", False, [S("Joël Bellemare", "PPM", M("conseiller_territorial", "Martinique", "972"))],
    "Assemblée de Martinique: territorial, 972 inferred")

add("die-diois-communautaire", "laposte", "Mathilde Reboul", "mathilde.reboul@laposte.net",
    "Bonjour,\n\nJe signe.\n\nMathilde Reboul\nConseillère municipale de Die et conseillère communautaire du "
    "Diois (26)\nGénération écologie",
    "signature", False,
    [S("Mathilde Reboul", "Génération écologie", M("conseiller_municipal", "Die", "26"),
       M("conseiller_communautaire", "Communauté de communes du Diois", "26"))],
    "municipal + communauté de communes; one code for both")

add("st-etienne-premier-adjoint", "thunderbird", "Jean Michel Abadie", "jm.abadie@saint-etienne.fr",
    "Bonjour,\n\nJe signe la tribune « Élu·es contre la VSA ».\n\n-- \nJean Michel Abadie\nPremier adjoint au "
    "maire de St-Étienne (42)\nPCF",
    "signature", True, [S("Jean Michel Abadie", "PCF", M("maire_adjoint", "Saint-Étienne", "42"))],
    "'Premier adjoint'; St- abbreviation; compound first name without hyphen")

add("gers-presidente", "outlook", "Véronique Lasserre", "v.lasserre@gers.fr",
    "Madame, Monsieur,\n\nJe signe la tribune.\n\nVéronique Lasserre\nPrésidente du Département du Gers\n"
    "Parti socialiste",
    "signature", True, [S("Véronique Lasserre", "PS", M("conseiller_departemental", "Gers", "32"))],
    "présidente du Département is a conseillère départementale")

add("cmd-chambery", "zimbra", "Lucas Bertrand", "lucas.bertrand@mairie-chambery.fr",
    "Bonjour,\n\nJe signe la tribune.\n\nLucas Bertrand\nConseiller municipal délégué au numérique, Chambéry (73)\n"
    "Parti pirate",
    "signature", True, [S("Lucas Bertrand", "Parti pirate", M("conseiller_municipal", "Chambéry", "73"))],
    "conseiller municipal délégué; Parti pirate")

add("grand-lyon-vp", "gmail", "Aurore Duchêne", "aurore.duchene@gmail.com",
    "Bonjour,\n\nAurore Duchêne, vice-présidente de la Métropole de Lyon (69), écologiste. Je signe !",
    "signature", False,
    [S("Aurore Duchêne", "EELV", M("conseiller_communautaire", "Métropole de Lyon", "69"))],
    "vice-présidente de la Métropole de Lyon is communautaire per the contract")

add("depute-europeen-et-cm", "proton", "Manon Aubry-Sellier", "manon.aubry-sellier@proton.me",
    "Bonjour,\n\nJe signe la tribune.\n\nManon Aubry-Sellier\nDéputée européenne et conseillère municipale "
    "de Limoges (87)\nLa France insoumise",
    "signature", False,
    [S("Manon Aubry-Sellier", "LFI", M("depute_europeen", None, None),
       M("conseiller_municipal", "Limoges", "87"))],
    "a député européen also municipal councillor: the code applies to the commune only")

# =============================================================================
# Withdrawals
# =============================================================================

add("retrait-gmail-maire", "gmail", "Patrick Lemaire", "patrick.lemaire62@gmail.com",
    "Bonjour,\n\nMerci de retirer mon nom de la liste des signataires.\n\nPatrick Lemaire\nMaire de Calais (62)",
    "withdrawal", False, [S("Patrick Lemaire", None, M("maire", "Calais", "62"))],
    "withdrawal 'merci de retirer mon nom' from a Gmail address", quote=False,
    subject="Retrait de ma signature")

add("ne-plus-figurer-officiel", "outlook", "Anne-Laure Joubert", "al.joubert@ville-niort.fr",
    "Madame, Monsieur,\n\nJe ne souhaite plus figurer parmi les signataires de la tribune.\n\nAnne-Laure Joubert\n"
    "Adjointe au maire de Niort (79)",
    "withdrawal", True, [S("Anne-Laure Joubert", None, M("maire_adjoint", "Niort", "79"))],
    "withdrawal from a verified town-hall address: official, withdraw")

add("retrait-from-seul", "orange", "MOREAU Patrice", "patrice.moreau57@orange.fr",
    "Bonjour,\nje retire ma signature.\nCordialement",
    "withdrawal", False, [S("Patrice Moreau", None)],
    "withdrawal whose only name is the From display name; no mandate restated")

add("retrait-par-cabinet-deputee", "outlook", "Cabinet de Mme Kerdraon",
    "cabinet.kerdraon@assemblee-nationale.fr",
    "Bonjour,\n\nMadame Sandrine Kerdraon, députée du Morbihan, vous demande de bien vouloir retirer sa "
    "signature de la tribune.\n\nLe cabinet",
    "withdrawal", True, [S("Sandrine Kerdraon", None, M("depute", "Morbihan", "56"))],
    "a députée's office asks to take her signature off, from assemblee-nationale.fr", quote=False,
    subject="Demande de retrait – tribune VSA")

add("retrait-apple-vote", "applemac", "Gilles Ferrand", "gilles.ferrand@me.com",
    "Bonjour,\n\nAprès réflexion, et suite au vote de notre conseil, je préfère retirer ma signature.\n\n"
    "Gilles Ferrand\nConseiller municipal de Poitiers",
    "withdrawal", False, [S("Gilles Ferrand", None, M("conseiller_municipal", "Poitiers", "86"))],
    "withdrawal in a reply to the call; Apple Mail")

add("retrait-sujet", "sfr", "Christelle Baudry", "christelle.baudry@sfr.fr",
    "Bonjour,\nC'est possible d'enlever ma signature ? Je l'ai envoyée trop vite.\nChristelle Baudry, conseillère "
    "municipale de Creil (60)",
    "withdrawal", False, [S("Christelle Baudry", None, M("conseiller_municipal", "Creil", "60"))],
    "informal withdrawal ('enlever ma signature')", quote=False, subject="Tribune VSA - retrait")

add("retrait-deux-elus", "thunderbird", "Marc Olivier", "marc.olivier@ville-niort.fr",
    "Bonjour,\n\nNous vous demandons de retirer nos deux signatures :\nMarc Olivier, conseiller municipal de "
    "Niort (79)\nAude Pineau, conseillère municipale de Niort (79)\n\nMerci",
    "withdrawal", True,
    [S("Marc Olivier", None, M("conseiller_municipal", "Niort", "79")),
     S("Aude Pineau", None, M("conseiller_municipal", "Niort", "79"))],
    "two signatories withdraw together from a verified town-hall address")

add("retrait-nom-apparaisse", "proton", "Yasmine Kaci", "yasmine.kaci@proton.me",
    "Bonjour,\n\nJe ne souhaite plus que mon nom apparaisse sur la tribune, merci de le supprimer.\n\n"
    "Yasmine Kaci\nConseillère municipale de Sevran (93)",
    "withdrawal", False, [S("Yasmine Kaci", None, M("conseiller_municipal", "Sevran", "93"))],
    "withdrawal worded 'ne souhaite plus que mon nom apparaisse'; Proton base64", quote=False,
    subject="Re: Élu·es contre la VSA")

# =============================================================================
# Auto-replies
# =============================================================================

add("auto-exchange-fr", "exchange", "Laurence Vidal", "laurence.vidal@mairie-montpellier.fr",
    "Bonjour,\n\nJe suis absente du 12 au 19 janvier inclus. Pour toute urgence, merci de contacter le cabinet "
    "du Maire.\n\nLaurence Vidal\nAdjointe au maire de Montpellier (34)",
    "auto_reply", False, [], "Exchange out-of-office with Auto-Submitted; the mandate in it yields nothing",
    subject="Réponse automatique : " + CALL_SUBJECT, quote=False,
    extra=["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"], return_path="")

add("auto-sujet-seul", "gmail", "Franck Ollivier", "franck.ollivier@gmail.com",
    "Bonjour,\n\nJe suis actuellement en congés et je n'aurai pas accès à mes messages avant le 26 janvier.\n\n"
    "Franck Ollivier",
    "auto_reply", False, [], "out-of-office recognised by subject and wording only (no RFC 3834 header)",
    subject="Absence du bureau", quote=False)

add("auto-english", "outlook", "Sarah Benoit", "sarah.benoit@europarl.europa.eu",
    "Thank you for your email. I am out of the office until 20 January with limited access to email.\n\n"
    "Sarah Benoit\nMember of the European Parliament",
    "auto_reply", False, [], "English automatic reply from an MEP's mailbox (Auto-Submitted)",
    subject="Automatic reply: " + CALL_SUBJECT, quote=False,
    extra=["Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All"])

add("auto-zimbra", "zimbra", "Didier Rousset", "didier.rousset@mairie-annecy.fr",
    "Je suis en déplacement jusqu'au 15 janvier. Je prendrai connaissance de votre message à mon retour.\n\n"
    "Didier Rousset, maire adjoint d'Annecy",
    "auto_reply", False, [], "Zimbra vacation reply with Auto-Submitted", subject="Absent : " + CALL_SUBJECT,
    quote=False, extra=["Auto-Submitted: auto-replied (zimbra; vacation)"])

add("auto-orange-xautoreply", "orange", "Jacqueline Perret", "jacqueline.perret@orange.fr",
    "Bonjour, je suis absente pour quelques jours. Je vous répondrai dès mon retour.\nJacqueline",
    "auto_reply", False, [], "Orange webmail absence message with X-Autoreply", subject="Message d'absence",
    quote=False, extra=["X-Autoreply: yes"])

add("auto-accuse-reception-mairie", "mta", "Mairie de Rezé", "ne-pas-repondre@mairie-reze.fr",
    "Bonjour,\n\nNous accusons reception de votre message, qui sera traite dans les meilleurs delais.\n\n"
    "Le Maire de Reze\nHotel de ville - 44400 Reze",
    "auto_reply", False, [], "town hall's automatic acknowledgement with Precedence: auto_reply",
    subject="Accusé de réception de votre message", quote=False,
    extra=["Precedence: auto_reply", "Auto-Submitted: auto-replied"], auth="dkim_only")

add("auto-english-no-header", "gmail", "Tom Keller", "tom.keller.vsa@gmail.com",
    "Hello,\n\nI am currently out of the office and will return on 2 February. I will reply to your email as "
    "soon as possible.\n\nBest regards,\nTom Keller",
    "auto_reply", False, [], "English out-of-office by subject and wording only",
    subject="Out of Office: " + CALL_SUBJECT, quote=False)

add("auto-depute-accuse", "exchange", "Permanence parlementaire", "permanence.caron@assemblee-nationale.fr",
    "Madame, Monsieur,\n\nVotre message a bien été reçu par la permanence de Frédéric Caron, député de la "
    "Somme. Il sera traité dans les meilleurs délais.\n\nCeci est un message automatique, merci de ne pas y "
    "répondre.",
    "auto_reply", False, [], "automatic acknowledgement from a député's office; the office named in it gives nothing",
    subject="Accusé de réception automatique", quote=False, extra=["Auto-Submitted: auto-generated"])

# =============================================================================
# Bounces
# =============================================================================

_POSTFIX = """This is the mail system at host mail.mairie-aubagne.fr.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<c.olmeta@mairie-aubagne.fr>: host mail.mairie-aubagne.fr[local] said: 550 5.1.1
    User unknown (in reply to RCPT TO command)"""

_DSN = """Reporting-MTA: dns; mail.mairie-aubagne.fr
X-Postfix-Queue-ID: 4F2A1C0E31
Arrival-Date: Mon, 12 Jan 2026 09:31:02 +0100

Final-Recipient: rfc822; c.olmeta@mairie-aubagne.fr
Action: failed
Status: 5.1.1
Diagnostic-Code: x-unix; user unknown"""

_RETURNED = ("From: Campagne Technopolice <petition@technopolice.fr>\nTo: c.olmeta@mairie-aubagne.fr\n"
             "Subject: =?utf-8?q?=C3=89lu=C2=B7es_contre_la_VSA_=3A_signez_la_tribune?=\n"
             "Date: Mon, 12 Jan 2026 09:30:00 +0100\nMessage-ID: <appel-vsa-20260112.0930.0211@technopolice.fr>\n"
             "MIME-Version: 1.0\nContent-Type: text/plain; charset=\"us-ascii\"\nContent-Transfer-Encoding: 7bit\n\n"
             "Madame l'elue, Monsieur l'elu,\n\nPour signer, indiquez votre mandat, par exemple\n"
             "conseillere municipale de Paris (75).\n")

add("bounce-postfix", "mta", "Mail Delivery System", "MAILER-DAEMON@mail.mairie-aubagne.fr", "",
    "bounce", False, [], "Postfix DSN multipart/report with the returned call (its example yields nothing)",
    subject="Undelivered Mail Returned to Sender", reply=False, return_path="", auth="none",
    extra=["Auto-Submitted: auto-replied"],
    mail_body=Multi("report", [Part("text/plain", _POSTFIX, "us-ascii", "7bit"),
                               Part("message/delivery-status", _DSN, None, "7bit"),
                               Part("message/rfc822", _RETURNED, None, "7bit")],
                    "b_dsn_postfix_71", params=' report-type=delivery-status;'))

_NDR = """Votre message n'a pas pu être remis à l'adresse suivante :

f.castellani@ville-bastia.fr
Le destinataire est introuvable. Vérifiez l'orthographe de l'adresse.

Informations de diagnostic pour les administrateurs :
Serveur de génération : EXCH01.ville-bastia.local
Code d'erreur : 550 5.1.10 RESOLVER.ADR.RecipientNotFound"""

_NDR_DSN = """Reporting-MTA: dns;EXCH01.ville-bastia.local
Received-From-MTA: dns;mx.technopolice.fr
Arrival-Date: Tue, 13 Jan 2026 10:02:11 +0000

Final-Recipient: rfc822;f.castellani@ville-bastia.fr
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"""

add("bounce-exchange-non-remis", "exchange", "Microsoft Outlook", "postmaster@ville-bastia.fr", "",
    "bounce", False, [], "Exchange « Non remis » NDR in French (multipart/report) from a town hall's postmaster",
    subject="Non remis : " + CALL_SUBJECT, reply=False, return_path="", auth="pass",
    mail_body=Multi("report", [Part("text/plain", _NDR, "utf-8", "quoted-printable"),
                               Part("message/delivery-status", _NDR_DSN, None, "7bit"),
                               Part("text/rfc822-headers",
                                    "From: Campagne Technopolice <petition@technopolice.fr>\n"
                                    "To: f.castellani@ville-bastia.fr\nSubject: tribune\n", None, "7bit")],
                    "b_ndr_exch_72", params=' report-type=delivery-status;'))

add("bounce-orange-auto-submitted", "mta", "Mail Delivery Subsystem", "mailer-daemon@orange.fr",
    "", "bounce", False, [], "mailer-daemon bounce that also carries Auto-Submitted: bounce wins",
    subject="Delivery Status Notification (Failure)", reply=False, return_path="", auth="pass",
    extra=["Auto-Submitted: auto-replied"],
    mail_body=Multi("report", [Part("text/plain", "Delivery to the following recipient failed permanently:\n\n"
                                    "     r.giraud@orange.fr\n\nReason: mailbox full (552 5.2.2)", "us-ascii", "7bit"),
                               Part("message/delivery-status",
                                    "Reporting-MTA: dns; smtp-out.orange.fr\n\nFinal-Recipient: rfc822; "
                                    "r.giraud@orange.fr\nAction: failed\nStatus: 5.2.2", None, "7bit")],
                    "b_dsn_orange_73", params=' report-type=delivery-status;'))

add("bounce-texte-simple", "mta", None, "MAILER-DAEMON@smtp.cc-diois.fr",
    "Hi. This is the qmail-send program at smtp.cc-diois.fr.\nI'm afraid I wasn't able to deliver your message "
    "to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
    "<accueil@cc-diois.fr>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the "
    "message.\n\nSubject: Elu.es contre la VSA : signez la tribune\n\nPour signer, indiquez votre mandat.",
    "bounce", False, [], "qmail bounce as plain text from MAILER-DAEMON (no multipart/report)",
    subject="failure notice", reply=False, return_path="", auth="none", quote=False)

# =============================================================================
# Other
# =============================================================================

add("question-presse", "gmail", "Léna Morvan", "lena.morvan.journaliste@gmail.com",
    "Bonjour,\n\nJe suis journaliste à Mediacités et je prépare un article sur la tribune. Combien d'élu·es "
    "l'ont signée à ce jour ? Pourriez-vous me mettre en contact avec des signataires ?\n\nLéna Morvan",
    "other", False, [], "press request", subject="Demande presse – tribune VSA", quote=False, reply=False)

add("question-elue-avant-signer", "outlook", "Brigitte Hamon", "brigitte.hamon@ville-lannion.fr",
    "Bonjour,\n\nAvant de signer, pourriez-vous m'envoyer le texte complet de la tribune ? Je voudrais le "
    "soumettre à mon groupe.\n\nBrigitte Hamon\nConseillère municipale de Lannion (22)",
    "other", False, [], "an élue asks a question before signing: other, her office yields nothing")

add("newsletter-mairie", "mta", "Ville de Nanterre", "newsletter@nanterre.fr",
    "La lettre d'information de la Ville de Nanterre - janvier 2026\n\nAgenda culturel, travaux, conseil "
    "municipal du 29 janvier...\n\nPour vous desinscrire, cliquez ici.",
    "other", False, [], "a town hall's newsletter (bulk, List-Unsubscribe)", subject="La lettre de Nanterre - janvier 2026",
    reply=False, quote=False, auth="dkim_only",
    extra=["Precedence: bulk", "List-Unsubscribe: <https://nanterre.fr/desinscription?u=81723>",
           "List-Id: <lettre.nanterre.fr>"])

add("spam-seo", "mta", "Julia | Agence Visibilité", "julia@visibilite-top-seo.com",
    "Bonjour,\n\nVotre site technopolice.fr pourrait obtenir 3x plus de visites ! Nos experts SEO vous "
    "proposent un audit gratuit.\n\nRepondez OUI pour en profiter.",
    "other", False, [], "SEO spam", subject="Audit SEO gratuit pour technopolice.fr", reply=False, quote=False,
    auth="none")

add("reponse-vide-quote", "gmail", "Hugo Ferreira", "hugo.ferreira@gmail.com", "",
    "other", False, [], "an empty reply: only the quoted call and its example « conseillère municipale de Paris (75) »")

add("refus-signer", "outlook", "Alain Courtois", "alain.courtois@ville-cergy.fr",
    "Bonjour,\n\nJe ne signerai pas cette tribune : la vidéoprotection est un outil utile à la sécurité de nos "
    "concitoyens.\n\nAlain Courtois\nAdjoint au maire de Cergy (95)",
    "other", False, [], "a refusal to sign is not a signature nor a withdrawal (never signed)")

add("phishing-quota", "mta", "Administrateur Messagerie", "admin@mail-quota-alerte.net",
    "Votre boite aux lettres petition@technopolice.fr a atteint 98% de sa capacite.\nCliquez ici pour augmenter "
    "votre quota avant suspension : http://quota-alerte.example/verif",
    "other", False, [], "phishing", subject="Alerte : votre boite mail est pleine", reply=False, quote=False,
    auth="fail")

add("question-suppleant", "zimbra", "Kevin Morel", "kevin.morel@free.fr",
    "Bonjour,\n\nJe suis suppléant d'un député, est-ce que je peux signer la tribune ou faut-il être titulaire "
    "d'un mandat ?\n\nKevin Morel",
    "other", False, [], "a question whether he may sign is not a request to sign")

add("collaborateur-transmet", "outlook", "Service du courrier", "courrier@ville-dieppe.fr",
    "Bonjour,\n\nNous accusons réception de votre message et le transmettons à Monsieur le Maire.\n\n"
    "Le service du courrier\nVille de Dieppe",
    "other", False, [], "a town hall's mail service forwards the call to the mayor: no signature yet")

add("invitation-reunion", "gmail", "Collectif Technopolice Marseille", "technopolice.marseille@gmail.com",
    "Salut,\n\nOn organise une réunion publique sur la VSA le 28 janvier à la Plaine. Vous pouvez relayer ?\n\n"
    "Le collectif",
    "other", False, [], "an activist group's invitation with a calendar attachment",
    subject="Réunion publique VSA 28/01", reply=False, quote=False,
    attach=[Part("text/calendar", "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\n"
                 "METHOD:REQUEST\nBEGIN:VEVENT\nDTSTART:20260128T180000Z\nDTEND:20260128T200000Z\n"
                 "SUMMARY:Réunion publique VSA\nLOCATION:La Plaine\\, Marseille\nEND:VEVENT\nEND:VCALENDAR\n",
                 "utf-8", "7bit", params="; method=REQUEST")], cte="8bit")

add("newsletter-asso", "mta", "La Quadrature du Net", "lettre@laquadrature.example",
    "Lettre d'information - janvier 2026\n\nCe mois-ci : la VSA au Parlement, signez et faites signer la "
    "petition, nos prochaines rencontres.\n\nSe desabonner : https://laquadrature.example/u",
    "other", False, [], "an association's newsletter that says 'signez' is not a signature",
    subject="Lettre d'information - janvier 2026", reply=False, quote=False, auth="none",
    extra=["Precedence: list", "List-Unsubscribe: <mailto:unsubscribe@laquadrature.example>"])

add("merci-info", "free", "Pierre Dumas", "pierre.dumas@free.fr",
    "Merci pour l'info, je transmets à mes collègues élus.\n\nPierre",
    "other", False, [], "a thank-you that neither signs nor asks anything")
