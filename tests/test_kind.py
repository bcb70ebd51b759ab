import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition.intake import kind
from petition.intake.kind import classify, header_kind, text_kind
from petition.intake.mime import Mail, TextPart, read_mail


def mail(subject="Tribune", sender="a.martin@ville-exemple.fr", content_type="text/plain",
         headers=(), text="") -> Mail:
    all_headers = (("From", sender), ("Subject", subject), *headers)
    return Mail(message_id="<x@example.org>", from_count=1, sender=sender,
                display_name="A. Martin", subject=subject, date=None, headers=all_headers,
                content_type=content_type, texts=(TextPart("text/plain", text),))


# --- header_kind -----------------------------------------------------------------------

def test_delivery_report_is_a_bounce_even_with_auto_submitted():
    m = mail(content_type="multipart/report", sender="robot@relay.example",
             headers=(("Content-Type", 'multipart/report; report-type="delivery-status";'
                       ' boundary="b"'), ("Auto-Submitted", "auto-replied")))
    assert header_kind(m) == ("bounce", ("kind bounce: Content-Type multipart/report",))


def test_read_receipt_report_is_an_auto_reply_not_a_bounce():
    m = mail(content_type="multipart/report", sender="lea.petit@ville-exemple.fr",
             headers=(("Content-Type", "multipart/report; report-type=disposition-notification"),))
    assert header_kind(m)[0] == "auto_reply"


@pytest.mark.parametrize("sender", ["MAILER-DAEMON@mx.example.org", "postmaster@mairie.example"])
def test_daemon_senders_are_bounces(sender):
    assert header_kind(mail(sender=sender.lower()))[0] == "bounce"


def test_failed_recipients_header_is_a_bounce():
    assert header_kind(mail(headers=(("X-Failed-Recipients", "x@y.fr"),)))[0] == "bounce"


@pytest.mark.parametrize("subject", [
    "Undeliverable: Tribune", "Delivery Status Notification (Failure)",
    "Non remis : Relance", "Échec de la remise du message", "Echec de remise du message",
    "Mail delivery failed: returning message to sender", "Returned mail: see transcript",
])
def test_bounce_subjects(subject):
    assert header_kind(mail(subject=subject))[0] == "bounce"


@pytest.mark.parametrize("headers", [
    (("Auto-Submitted", "auto-replied"),),
    (("Auto-Submitted", "auto-replied (zimbra; vacation)"),),
    (("Auto-Submitted", "auto-generated"),),
    (("X-Autoreply", "yes"),),
    (("X-Autorespond", "vacation"),),
    (("Precedence", "auto_reply"),),
])
def test_auto_reply_headers(headers):
    assert header_kind(mail(subject="Re: Tribune", headers=headers))[0] == "auto_reply"


@pytest.mark.parametrize("headers", [
    (("Auto-Submitted", "no"),),
    (("Precedence", "bulk"),),
    (("Precedence", "list"),),
    (("Precedence", "junk"),),
    (("X-Auto-Response-Suppress", "All"),),
    (("X-MS-Exchange-Inbox-Rules-Loop", "a.martin@ville-exemple.fr"),),
])
def test_headers_that_do_not_make_an_auto_reply_alone(headers):
    assert header_kind(mail(subject="Re: Tribune", headers=headers)) == (None, ())


@pytest.mark.parametrize("subject", [
    "Réponse automatique : Relance", "Absence du bureau", "Absent(e) du bureau",
    "Message d'absence", "Automatic reply: Tribune", "Auto: Tribune",
    "Out of Office: Relance", "Je suis absente", "Absente jusqu'au 20 novembre",
])
def test_auto_reply_subjects(subject):
    kind, why = header_kind(mail(subject=subject))
    assert kind == "auto_reply"
    assert why[0].startswith("kind auto_reply: Subject")


def test_exchange_header_with_subject_is_named_in_the_reason():
    m = mail(subject="Réponse automatique : Tribune",
             headers=(("X-Auto-Response-Suppress", "All"),))
    assert header_kind(m) == ("auto_reply", (
        "kind auto_reply: Subject 'Réponse automatique : Tribune' with X-Auto-Response-Suppress",))


def test_ordinary_message_has_no_header_kind():
    assert header_kind(mail(subject="Je signe la tribune")) == (None, ())


# --- text_kind -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Bonjour,\nJe suis absente du bureau jusqu'au 12 mars.\nCordialement",
    "Je serai de retour le 4 janvier.",
    "Je suis en congé jusqu'au lundi 6 et ne consulte pas ma messagerie.",
    "I am out of the office until Monday with limited access to email.",
    "Ceci est une réponse automatique.",
])
def test_out_of_office_wording(text):
    assert text_kind("Tribune", text)[0] == "auto_reply"


@pytest.mark.parametrize("text", [
    "Merci de retirer ma signature de la tribune.",
    "Retirez mon nom de la liste, s'il vous plaît.",
    "Je souhaite me retirer de la liste des signataires.",
    "Pouvez-vous supprimer ma signature ?",
    "Merci de ne plus faire figurer mon nom parmi les signataires.",
    "Je souhaite annuler ma signature.",
    "Je retire mon soutien à cette tribune.",
    "Paul Exemple et Jeanne Modèle retirent leur signature.",
    "Il souhaite retirer sa signature de la tribune.",
    "Le conseil ne s'est pas prononcé, je préfère donc, par prudence, retirer ma signature.",
    "Pouvez-vous me retirer des signataires ?",
    "Merci de nous enlever de la liste, svp.",
    # a sentence wrapped onto the next line reads as one
    "Réflexion faite, je préfère que mon nom\nn'apparaisse pas sur la liste.",
])
def test_withdrawal_wording(text):
    assert text_kind("Tribune", text)[0] == "withdrawal"


@pytest.mark.parametrize("text", [
    "Bonjour, merci d'ôter nos trois signatures : Paul Exemple, Jeanne Modèle, Rémi Essai.",
    "Nous vous prions de supprimer nos 2 noms de la liste.",
    "Toutes deux, nous retirons nos signatures.",
    "Rayez mon nom, s'il vous plaît.",
    "Pourriez-vous effacer mes deux signatures (j'avais signé deux fois) ?",
    "Nous ne souhaitons plus que nos noms figurent au bas de ce texte.",
    "Je ne voudrais plus voir mon nom parmi les signataires.",
    "Ma signature ne peut plus apparaître : le conseil a voté contre.",
    "Nos noms ne doivent plus figurer sur votre site.",
    "Je vous demande de ne plus être signataire de ce texte.",
    "Après réflexion, je me désolidarise.",
    "Nous nous désolidarisons de cette tribune.",
    "Je me désolidarise de l'appel, merci d'en prendre note.",
    "Je demande à ne plus être associée à cette initiative.",
    "Nous nous retirons de la liste.",
    "Merci de retirer les noms de Paul Exemple et Jeanne Modèle.",
    "Je souhaite que mon nom soit retiré de la liste des signataires.",
    "Merci de faire en sorte que nos signatures soient supprimées.",
    "Je me vois contraint de revenir sur mon soutien.",
    "Nous revenons sur notre signature, le conseil en a décidé autrement.",
    "Pourriez-vous faire le nécessaire pour que ma signature n'apparaisse plus ?",
    "Merci de veiller à ce que mon nom ne figure plus sur la liste.",
])
def test_plural_counted_and_indirect_withdrawals(text):
    assert text_kind("Tribune", text, has_mandate=True)[0] == "withdrawal"


@pytest.mark.parametrize("text", [
    "Je ne souhaite pas retirer nos deux signatures.",
    "Nous ne retirons pas nos noms, bien au contraire.",
    "Je me désolidarise des propos du préfet : je signe la tribune.",
    "Merci de corriger ma signature : je suis adjointe, plus conseillère.",
    "Je signe ; le maire souhaite que son nom ne figure pas, c'est son choix.",
    "Je signe et j'affirme radicalement mon soutien à la tribune.",
    "Je signe : rayonnons ensemble contre la VSA, mon nom est Lise Exemple.",
    "Je signe ; je ne souhaite pas que mon nom soit retiré, au contraire.",
    "Je signe, et je ne reviendrai pas sur ma signature.",
    "Je signe pour que mon nom figure enfin parmi les vôtres.",
    "Je signe ; faites le nécessaire pour que mon nom n'apparaisse pas comme adjointe mais "
    "comme conseillère.",
])
def test_negated_or_unrelated_removal_words_are_not_withdrawals(text):
    assert text_kind("Tribune", text, has_mandate=True)[0] == "signature"


def test_withdrawal_in_the_subject_alone():
    assert text_kind("Retrait de ma signature – Lise Exemple", "")[0] == "withdrawal"


@pytest.mark.parametrize("text", [
    "Je ne retire pas ma signature, au contraire.",
    "Je ne souhaite pas retirer ma signature.",
    "Je ne souhaite pas, pour l'instant, retirer ma signature.",
])
def test_negated_withdrawal_is_not_a_withdrawal(text):
    assert text_kind("Tribune", text)[0] != "withdrawal"


@pytest.mark.parametrize("text", [
    "Je signe pour que le gouvernement retire l'article 7.",
    "Je signe pour que le préfet retire son soutien à ce projet.",
])
def test_someone_else_withdrawing_something_is_a_signature(text):
    assert text_kind("Tribune", text)[0] == "signature"


@pytest.mark.parametrize("text", [
    "Je signe !",
    "Je souhaite signer la tribune.",
    "J'apporte ma signature à votre tribune.",
    "Je m'associe à cette démarche.",
    "Je soutiens la tribune.",
    "Ajoutez mon nom : Lise Exemple, maire de Die.",
    "Ajoutez-moi à la liste.",
    "Je voudrais être signataire.",
    "Pouvez-vous corriger ma signature ? Je suis adjointe, pas conseillère.",
    "Une rectification : je suis conseillère départementale.",
    "J'ai oublié de préciser mon parti dans mon message d'hier : PCF.",
    "J'ai oublié d'indiquer mon mandat : adjointe au maire.",
    "Je soussignée Lise Exemple déclare soutenir la tribune.",
    # written for someone by a cabinet or an assistant
    "Madame la Maire souhaite signer la tribune.",
    "De la part de M. Paul Arnal, qui signe la tribune.",
    "Le sénateur tient à apporter sa signature.",
    "Je confirme ma signature.",
    "OK pour moi, vous pouvez mettre mon nom.",
    "Je vous donne mon accord pour figurer parmi les signataires.",
    # a negation before a comma and a new « je » is not the signing clause's
    "Ne tenez pas compte de mon précédent mail, je signe bien.",
    # passing someone's signature on
    "Je vous transfère ci-dessous la signature de Léa Morvan. Pouvez-vous l'ajouter ?",
    "Il m'a demandé de vous faire suivre sa signature, ci-dessous.",
    "Peux-tu envoyer ma signature à la campagne pour la tribune ?",
    "Pourriez-vous transmettre ma signature aux organisateurs ?",
])
def test_signature_wording(text):
    assert text_kind("Tribune", text)[0] == "signature"


@pytest.mark.parametrize("text", [
    "Je ne signe pas.",
    "Je ne peux donc pas signer votre tribune, mais bravo.",
    "Je ne signerai jamais cette tribune.",
    "Désolé, je signe pas ce genre de texte.",
])
def test_refusals_are_other(text):
    assert text_kind("Tribune", text, has_mandate=True)[0] == "other"


@pytest.mark.parametrize("text", [
    "Monsieur le Maire ne souhaite pas signer cette tribune.",
    "La personne qui signe ce courrier vous remercie.",
])
def test_someone_else_not_signing_is_no_signature(text):
    assert text_kind("Tribune", text)[0] != "signature"


@pytest.mark.parametrize("text", [
    "Avant de signer, je voudrais savoir qui porte la tribune.",
    "Quand la liste sera-t-elle publiée ?",
    "COMMUNIQUÉ DE PRESSE\nLa section locale se réjouit du vote.",
    "Merci de me désinscrire de votre liste d'envoi.",
])
def test_questions_press_and_unsubscribe_are_other(text):
    assert text_kind("Tribune", text, has_mandate=True)[0] == "other"


@pytest.mark.parametrize("text", [
    "Le maire de Lille et les conseillers municipaux vous invitent à une réunion publique.",
    "Invitation à la soirée de lancement, en présence de la maire.",
])
def test_invitations_naming_offices_are_other(text):
    assert text_kind("Tribune", text, has_mandate=True)[0] == "other"


def test_mandate_and_name_alone_make_a_signature():
    text = "Lise Exemple\nConseillère municipale de Die (26)"
    assert text_kind("Tribune", text, has_mandate=True)[0] == "signature"
    assert text_kind("Tribune", text, has_mandate=False) == (None, ())


def test_empty_reply_is_other():
    assert text_kind("RE: Relance : signez la tribune", "  \n") == (
        "other", ("kind other: no text of its own",))


def test_reply_subject_is_not_the_persons_own_words():
    assert text_kind("Re: Élu·es contre la VSA : signez la tribune", "Merci !") == (None, ())


def test_signing_wins_over_a_question_and_withdrawal_over_signing():
    assert text_kind("Tribune", "Je signe. Sera-t-elle publiée ?")[0] == "signature"
    assert text_kind("Tribune", "Je signe… non, retirez mon nom.")[0] == "withdrawal"


@pytest.mark.parametrize("text, kind", [
    ("Je vous avais demandé en décembre de retirer ma signature. Après réflexion, je souhaite "
     "signer à nouveau la tribune.", "signature"),
    ("J'avais retiré mon nom ; je voudrais le remettre : je signe de nouveau la tribune.",
     "signature"),
    # signing again comes first, or is refused: the withdrawal stands
    ("Je souhaite signer à nouveau... non, finalement retirez ma signature.", "withdrawal"),
    ("Je ne souhaite pas signer à nouveau. Merci de retirer ma signature.", "withdrawal"),
    ("Je vous avais demandé de retirer ma signature, ce n'est toujours pas fait.", "withdrawal"),
])
def test_signing_again_after_an_earlier_withdrawal_is_a_signature(text, kind):
    assert text_kind("RE: Retrait de votre signature", text)[0] == kind


def test_auto_reply_wording_wins_over_signing():
    assert text_kind("Tribune", "Je suis absent jusqu'au 3 mai. Je signe.")[0] == "auto_reply"


# --- classify ------------------------------------------------------------------------

def test_classify_bounce_wins_over_text():
    m = mail(sender="mailer-daemon@mx.example.org", text="Je signe")
    assert classify(m, "Je signe", True)[0] == "bounce"


def test_classify_falls_back_to_other():
    assert classify(mail(), "Bonne journée", False) == (
        "other", ("kind other: no request to sign or withdraw",))


def test_classify_from_raw_email():
    raw = (b"From: Lise Exemple <lise@ville-exemple.fr>\r\nTo: petition@technopolice.fr\r\n"
           b"Subject: =?utf-8?q?R=C3=A9ponse_automatique?=\r\nMessage-ID: <1@x>\r\n"
           b"X-Auto-Response-Suppress: All\r\n\r\nJe suis absente.\r\n")
    m = read_mail(raw)
    assert classify(m, "Je suis absente.", False)[0] == "auto_reply"
    raw2 = (b"From: Lise Exemple <lise@ville-exemple.fr>\r\nSubject: Tribune\r\n"
            b"Message-ID: <2@x>\r\n\r\nJe signe la tribune.\r\n")
    assert classify(read_mail(raw2), "Je signe la tribune.", False)[0] == "signature"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.text(max_size=300), st.booleans())
def test_text_kind_never_raises(subject, text, has_mandate):
    kind, why = text_kind(subject, text, has_mandate)
    assert kind in (None, "auto_reply", "withdrawal", "signature", "other")
    assert bool(why) == (kind is not None)


def _affirmed_by_definition(pattern, text):
    """The quadratic definition of kind._affirmed: clause from the text's start."""
    for found in pattern.finditer(text):
        start = found.start()
        clause_start = max((m.end() for m in kind.CLAUSE_END.finditer(text, 0, start)),
                           default=0)
        before = " ".join(text[clause_start:start].split()[-kind.NEGATION_WINDOW:])
        if not kind.negated(before):
            return found.group(0)
    return None


_PIECES = ["je signe", "je ne", "pas", "n", "jamais", "souhaite", "retirer ma signature",
           ".", ";", "\n", " ", "  ", "mot", "tres" * 20, "ne plus figurer", "je me retire"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_affirmed_matches_its_definition(pieces):
    text = " ".join(pieces)
    for pattern in (kind.SIGN_TEXT, kind.WITHDRAW_TEXT):
        assert kind._affirmed(pattern, text) == _affirmed_by_definition(pattern, text)


def test_affirmed_is_linear_on_long_negated_text():
    text = "je ne veux pas " + "tres " * 30 + ". je ne le veux pas je signe " * 20_000
    start = time.perf_counter()
    assert kind._affirmed(kind.SIGN_TEXT, text) is None
    assert time.perf_counter() - start < 1.0


# --- English, preferences, clause boundaries, advertising ------------------------------

@pytest.mark.parametrize("text", [
    "Please remove my name from the list of signatories. I signed a little too quickly.",
    "Could you take my name off the list?",
    "Please take off my name, thank you.",
    "I withdraw my signature.",
    "I would like to withdraw my support for this op-ed.",
    "Please delete my signature.",
    "Please unsign me.",
    "I no longer wish to be listed among the signatories.",
    "We no longer want to be associated with this text.",
    "I'd rather not be listed after all.",
    "I don't want my name to appear on the list.",
    "I did not mean to sign, please remove my name.",
    "Hi, remove our names please: Ruth Example and Tom Sample.",
])
def test_english_withdrawals(text):
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] == "withdrawal"


@pytest.mark.parametrize("text", [
    "I do not wish to remove my name, on the contrary.",
    "I won't withdraw my signature.",
    "We never asked you to remove our names: we sign.",
])
def test_negated_english_withdrawals_are_not_withdrawals(text):
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] != "withdrawal"


@pytest.mark.parametrize("text", [
    "I sign.",
    "I'd like to sign the op-ed.",
    "I would like to sign, as mayor of Die.",
    "Count me in!",
    "Please add my name: Ruth Example, city councillor of Grenoble.",
    "I support this call.",
    "We fully support the petition.",
    "Happy to sign.",
    "I'm not an elected official but I'd like to sign.",
])
def test_english_signatures(text):
    assert text_kind("Re: Tribune", text)[0] == "signature"


@pytest.mark.parametrize("text", [
    "I will not sign this.",
    "Sorry, I can't sign it.",
    "I decline to sign.",
    "Please do not add my name.",
])
def test_english_refusals_are_not_signatures(text):
    assert text_kind("Re: Tribune", text)[0] != "signature"


@pytest.mark.parametrize("text", [
    "Non, finalement je préfère que mon nom n'apparaisse pas. Désolée.",
    "Je préfère ne pas figurer parmi les signataires.",
    "Finalement je ne souhaite pas apparaître.",
    "Je ne souhaite finalement pas figurer sur la liste.",
    "Je retire mon accord, excusez-moi.",
    "Ne publiez pas mon nom, s'il vous plaît.",
    "Merci de ne pas publier mon nom.",
    "Nous préférons que nos noms ne figurent pas.",
    "Je voudrais que ma signature n'apparaisse plus.",
    "Mon nom ne doit pas apparaître, le conseil n'a pas délibéré.",
])
def test_withdrawals_written_as_a_preference(text):
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] == "withdrawal"


def test_preference_above_a_quoted_acknowledgement_is_a_withdrawal():
    raw = ("From: Lise Exemple <lise.exemple@mairie-die.fr>\r\nSubject: Re: Merci pour votre"
           " signature\r\nMessage-ID: <3@x>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           "Non, finalement je préfère que mon nom n'apparaisse pas. Désolée.\r\n\r\n"
           "Le 3 mars 2025, Technopolice a écrit :\r\n> Merci, votre signature est "
           "enregistrée.\r\n> Lise Exemple, maire de Die\r\n").encode()
    m = read_mail(raw)
    own = "Non, finalement je préfère que mon nom n'apparaisse pas. Désolée."
    assert classify(m, own, True)[0] == "withdrawal"


@pytest.mark.parametrize("text", [
    "Je préfère ne pas apparaître en tant que maire mais en tant que conseillère.",
    "Je souhaite que mon nom n'apparaisse pas comme adjoint : je suis conseiller.",
    "Je ne préfère pas que mon nom n'apparaisse pas : je signe.",
])
def test_preferences_about_how_the_name_appears_are_corrections(text):
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] == "signature"


@pytest.mark.parametrize("text", [
    "Je ne suis pas élue mais je voudrais signer aussi",
    "Je ne suis pas élu, cependant je souhaite signer.",
    "Je n'ai plus de mandat ; je soutiens la tribune.",
    "Je n'ai pas de mandat. Je signe quand même.",
    "Je ne suis pas maire, par contre je m'associe à la démarche.",
    "Je n'ai jamais signé de pétition\nmais je signe celle-ci.",
])
def test_a_negation_ends_with_its_clause(text):
    assert text_kind("Re: Tribune", text)[0] == "signature"


@pytest.mark.parametrize("text", [
    "Je ne souhaite toutefois pas retirer ma signature.",
    "Je ne veux cependant pas retirer ma signature.",
])
def test_a_negation_closed_after_a_clause_word_still_negates(text):
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] == "signature"


@pytest.mark.parametrize("before, expected", [
    ("je ne suis pas elue mais", False),
    ("je ne souhaite toutefois pas", True),
    ("je ne souhaite pas", True),
    ("i do not wish to", True),
    ("i did not mean to sign please", False),
    ("i m not an elected official but", False),
    ("", False),
])
def test_negated(before, expected):
    assert kind.negated(before) is expected


SPAM = ("Tous les maires, adjoints et conseillers municipaux de France, emails vérifiés, "
        "à partir de 199 € HT. Commandez votre fichier dès aujourd'hui.")


def test_offices_as_an_audience_in_advertising_are_other():
    assert text_kind("Fichier des élus 2025", SPAM, has_mandate=True)[0] == "other"


@pytest.mark.parametrize("text", [
    "Les élus de France vous donnent rendez-vous : webinaire gratuit le 12 juin, cliquez ici.",
    "Offre spéciale pour les communes de France : abonnement à partir de 49 € HT par mois.",
])
def test_audience_with_two_advertising_signs_is_other_even_with_sign_words(text):
    assert text_kind("Offre", f"Je m'engage pour vous. {text}", has_mandate=True)[0] == "other"


def test_html_advertising_mail_is_other():
    raw = ("From: Fichiers Publics <contact@fichiers-publics.example>\r\n"
           "Subject: Tous les maires de France dans votre CRM\r\nMessage-ID: <4@x>\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n"
           "<html><body><h1>Tous les maires, adjoints et conseillers municipaux de France"
           "</h1><p>Emails v\u00e9rifi\u00e9s, \u00e0 partir de 199 \u20ac HT.</p></body>"
           "</html>\r\n").encode()
    m = read_mail(raw)
    own = m.texts[0].text
    assert classify(m, own, True)[0] == "other"


@pytest.mark.parametrize("headers", [
    (("List-Unsubscribe", "<mailto:u@lettre.example>"),),
    (("List-Id", "Lettre des communes <lettre.example>"),),
    (("Precedence", "bulk"),),
    (("X-Campaign-Id", "2025-06"),),
])
def test_an_office_in_bulk_mail_makes_no_signature(headers):
    text = "Marc Sample\nMaire de Crest (26)\nLa lettre de juin est parue."
    m = mail(subject="La lettre de juin", headers=headers, text=text)
    assert kind.bulk_headers(m)
    assert classify(m, text, True)[0] == "other"


def test_an_office_beside_a_price_makes_no_signature():
    text = "Marc Sample, maire de Crest\nRepas des aînés : 12 € par personne."
    assert text_kind("Repas", text, has_mandate=True)[0] == "other"


def test_explicit_signature_wins_over_a_price_or_a_list_header():
    text = "Je signe la tribune. La VSA a coûté 300 000 € à notre ville.\nMarc Sample, maire"
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] == "signature"
    m = mail(headers=(("List-Id", "elus <elus.example>"),), text="Je signe.")
    assert classify(m, "Je signe.", True)[0] == "signature"


def test_personal_mail_has_no_bulk_header():
    assert kind.bulk_headers(mail(headers=(("Precedence", "first-class"),))) is None


@pytest.mark.parametrize("text", [
    "Je préfère ne pas signer.",
    "J'ai décidé de ne jamais signer ce genre de texte.",
    "Je ne suis pas en mesure de signer.",
    "I am not able to sign.",
    "I'm unable to sign this.",
])
def test_refusals_beside_an_office_are_other(text):
    assert text_kind("Re: Tribune", f"{text}\nMarc Sample, maire de Crest", True)[0] == "other"


@pytest.mark.parametrize("text", [
    "Une question : si je signe en indiquant mon mandat, est-ce que cela engage la commune ?",
    "Au cas où je signe, mon nom sera-t-il publié ?",
    "S'il faut retirer ma signature plus tard, comment faire ?",
])
def test_a_condition_is_no_signature_nor_withdrawal(text):
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] == "other"


@pytest.mark.parametrize("text", ["Si je signe ? Oui : je signe.", "Si possible, je signe."])
def test_a_condition_then_the_act_is_the_act(text):
    assert text_kind("Re: Tribune", text)[0] == "signature"


@pytest.mark.parametrize("text, kind", [
    ("Votre tribune prolonge ce combat : je la signe avec conviction.", "signature"),
    ("Nous la signons, toutes et tous.", "signature"),
    ("Cette tribune, je ne la signerai pas.", "other"),
    ("Je préfère ne pas la signer.", "other"),
])
def test_the_text_named_by_a_pronoun(text, kind):
    assert text_kind("Re: Tribune", text, has_mandate=True)[0] == kind


@pytest.mark.parametrize("text", [
    "J'ai le plaisir de vous confirmer ma signature de la tribune.",
    "Je suis heureuse de vous apporter mon soutien.",
])
def test_signing_with_pleasure(text):
    assert text_kind("Ma signature", text)[0] == "signature"
