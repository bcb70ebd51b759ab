"""read_mail: headers, charsets, the person's texts, vCards, forwards."""

from __future__ import annotations

import time

import pytest

from petition.intake.mime import NotAnEmail, decode_header_value, read_mail

HEAD = (b"From: =?utf-8?q?Am=C3=A9lie_Fournier?= <Amelie.Fournier@Mairie-Exemple.fr>\r\n"
        b"To: appel@example.org\r\n"
        b"Subject: =?utf-8?q?Re=3A_Tribune_=C3=A9lu=C2=B7es?=\r\n"
        b"Date: Mon, 03 Nov 2026 10:41:07 +0100\r\n"
        b"Message-ID:\r\n <abc.123@mairie-exemple.fr>\r\n")


def mail(body: bytes, content_type: bytes = b"text/plain; charset=utf-8",
         extra: bytes = b"", cte: bytes = b"8bit") -> bytes:
    return (HEAD + extra + b"MIME-Version: 1.0\r\nContent-Type: " + content_type +
            b"\r\nContent-Transfer-Encoding: " + cte + b"\r\n\r\n" + body)


def alternative(plain: bytes, html: bytes, charset: bytes = b"utf-8") -> bytes:
    body = (b"--BB\r\nContent-Type: text/plain; charset=" + charset + b"\r\n\r\n" + plain +
            b"\r\n--BB\r\nContent-Type: text/html; charset=" + charset + b"\r\n\r\n" + html +
            b"\r\n--BB--\r\n")
    return mail(body, b'multipart/alternative; boundary="BB"')


def test_header_fields():
    m = read_mail(mail(b"Je signe.\n"))
    assert m.sender == "amelie.fournier@mairie-exemple.fr"
    assert m.display_name == "Amélie Fournier"
    assert m.subject == "Re: Tribune élu·es"
    assert m.date == "2026-11-03T10:41:07+01:00"
    assert m.message_id == "<abc.123@mairie-exemple.fr>"
    assert m.from_count == 1
    assert m.content_type == "text/plain"
    assert m.texts[0].text == "Je signe.\n"
    assert m.header("to") == "appel@example.org"


def test_all_headers_in_order_and_unfolded():
    extra = (b"Authentication-Results: mx.example.org;\r\n\tdkim=pass header.d=exemple.fr;\r\n"
             b"\tdmarc=pass header.from=exemple.fr\r\nAuto-Submitted: auto-replied\r\n"
             b"Precedence: bulk\r\nX-Autoreply: yes\r\nX-Auto-Response-Suppress: All\r\n")
    m = read_mail(mail(b"x", extra=extra))
    names = [name for name, _ in m.headers]
    assert names[:5] == ["From", "To", "Subject", "Date", "Message-ID"]
    assert m.header("authentication-results") == (
        "mx.example.org; dkim=pass header.d=exemple.fr; dmarc=pass header.from=exemple.fr")
    assert m.header("Auto-Submitted") == "auto-replied"
    assert m.header_all("precedence") == ["bulk"]
    assert m.header("X-Autoreply") == "yes"
    assert m.header("X-Auto-Response-Suppress") == "All"


def test_the_plain_alternative_is_read_without_its_html_twin():
    raw = alternative("Je signe, Zoé".encode(), "<p>Je signe, <b>Zoé</b></p>".encode())
    m = read_mail(raw)
    assert [t.content_type for t in m.texts] == ["text/plain"]
    assert m.texts[0].text == "Je signe, Zoé"
    assert m.content_type == "multipart/alternative"


@pytest.mark.parametrize("plain", [
    b"", b"\r\n", b"-",
    b"Ce message est au format HTML.",
    b"To view this message, please use an HTML-enabled mail client.",
    b"Si ce message ne s'affiche pas, consultez la version en ligne.",
])
def test_html_alternative_read_when_the_plain_one_is_empty_or_a_stub(plain):
    m = read_mail(alternative(plain, "<p>Je signe, <b>Zoé</b></p>".encode()))
    assert "Je signe, Zoé" in [t.text for t in m.texts]


def test_only_the_html_of_an_alternative_is_skipped():
    body = (b"--AA\r\nContent-Type: multipart/alternative; boundary=BB\r\n\r\n"
            b"--BB\r\nContent-Type: text/plain\r\n\r\nJe signe la tribune.\r\n"
            b"--BB\r\nContent-Type: text/html\r\n\r\n<p>Je signe la tribune.</p>\r\n--BB--\r\n"
            b"--AA\r\nContent-Type: text/html\r\n\r\n<p>Texte joint</p>\r\n--AA--\r\n")
    m = read_mail(mail(body, b'multipart/mixed; boundary="AA"'))
    assert [t.text for t in m.texts] == ["Je signe la tribune.", "Texte joint"]


def test_html_first_in_the_message_still_comes_after_plain():
    body = (b"--BB\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
            b"--BB\r\nContent-Type: text/plain\r\n\r\nplain\r\n--BB--\r\n")
    m = read_mail(mail(body, b'multipart/alternative; boundary="BB"'))
    assert [t.text for t in m.texts] == ["plain", "html"]


def test_unlabelled_latin1_keeps_accents():
    raw = mail("Conseillère générale de l'Hérault".encode("latin-1"), b"text/plain")
    m = read_mail(raw)
    assert m.texts[0].text == "Conseillère générale de l'Hérault"
    assert any("cp1252" in d for d in m.defects)


def test_utf8_labelled_but_latin1_bytes():
    m = read_mail(mail("Élodie".encode("latin-1")))
    assert m.texts[0].text == "Élodie"


def test_cp1252_declared_as_iso_8859_1():
    body = "L\u2019élue \u0153uvre \u2013 20\u20ac".encode("cp1252")
    m = read_mail(mail(body, b"text/plain; charset=iso-8859-1"))
    assert m.texts[0].text == "L’élue œuvre – 20€"


def test_unknown_charset_falls_back_to_utf8_then_cp1252():
    m = read_mail(mail("Mairie de Sète".encode(), b"text/plain; charset=x-martien"))
    assert m.texts[0].text == "Mairie de Sète"
    assert any("x-martien" in d for d in m.defects)
    m = read_mail(mail("Mairie de Sète".encode("cp1252"), b"text/plain; charset=x-martien"))
    assert m.texts[0].text == "Mairie de Sète"


def test_quoted_printable_and_base64_bodies():
    m = read_mail(mail(b"Conseill=E8re =E0 Ni=E7oise", b"text/plain; charset=iso-8859-1",
                       cte=b"quoted-printable"))
    assert m.texts[0].text == "Conseillère à Niçoise"
    m = read_mail(mail(b"Sm9uZ2xldXIgw6AgU8OodGU=", cte=b"base64"))
    assert m.texts[0].text == "Jongleur à Sète"


def test_us_ascii_label_on_utf8_bytes():
    m = read_mail(mail("Aurélie".encode(), b"text/plain; charset=us-ascii"))
    assert m.texts[0].text == "Aurélie"


def test_raw_8bit_latin1_subject_and_from_are_decoded():
    raw = ("From: Élodie Brun <e.brun@exemple.fr>\r\nSubject: Pétition signée\r\n\r\nx"
           ).encode("latin-1")
    m = read_mail(raw)
    assert m.subject == "Pétition signée"
    assert m.display_name == "Élodie Brun"
    assert m.sender == "e.brun@exemple.fr"


def test_raw_8bit_utf8_headers():
    m = read_mail("From: Noël Roux <n@exemple.fr>\nSubject: Été\n\nx".encode())
    assert (m.display_name, m.subject) == ("Noël Roux", "Été")


def test_iso_encoded_word_and_split_multibyte_word():
    assert decode_header_value("=?iso-8859-1?q?R=E9ponse_automatique?=") == "Réponse automatique"
    assert decode_header_value("=?utf-8?b?w6k=?= =?utf-8?b?w6k=?=") == "éé"
    # one UTF-8 character split over two encoded words
    assert decode_header_value("=?utf-8?q?=C3?= =?utf-8?q?=A9t=C3=A9?=") == "été"
    assert decode_header_value("Re: =?utf-8?q?=C3=89lu?= et =?x-unknown?q?ok?=") == "Re: Élu et ok"


def test_broken_encoded_words_do_not_raise():
    assert decode_header_value("=?utf-8?b?###?=") == "=?utf-8?b?###?="
    assert decode_header_value("=?utf-8?q?P=C3=A9tition?= =?") == "Pétition =?"


def test_lone_surrogates_are_scrubbed_everywhere():
    raw = (b"From: =?utf-8?q?Jos=ED=A0=80?= \xff\xfe <j@exemple.fr>\r\n"
           b"Subject: \xed\xa0\x80 sujet\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           b"corps \xed\xa0\x80\xff")
    m = read_mail(raw)
    for value in (m.display_name, m.subject, m.texts[0].text, *[v for _, v in m.headers]):
        value.encode("utf-8")  # raises on a lone surrogate
    assert m.sender == "j@exemple.fr"


def test_two_from_headers_are_counted_first_one_used():
    raw = b"From: a@exemple.fr\r\nFrom: b@autre.fr\r\nSubject: x\r\n\r\nx"
    m = read_mail(raw)
    assert m.from_count == 2
    assert m.sender == "a@exemple.fr"


def test_every_address_of_the_first_from_is_kept_for_verification():
    raw = (b"From: Evil <A@evil.example>, Lise Exemple <lise@paris.fr>\r\n"
           b"From: b@autre.fr\r\nSubject: x\r\n\r\nx")
    m = read_mail(raw)
    assert m.sender == "a@evil.example"
    assert m.from_addresses == ("a@evil.example", "lise@paris.fr")
    assert read_mail(b"From: Lise <lise@paris.fr>\r\n\r\nx").from_addresses == ("lise@paris.fr",)
    assert read_mail(b"Subject: x\r\n\r\nx").from_addresses == ()


def test_no_from_and_unparseable_from():
    assert read_mail(b"Subject: x\r\n\r\nbody").sender is None
    m = read_mail(b"From: Jean <jean@@b..fr\r\nSubject: x\r\n\r\nbody")
    assert m.sender is None
    assert m.from_count == 1


def test_bad_date_is_none():
    assert read_mail(b"From: a@b.fr\r\nDate: hier soir\r\n\r\nx").date is None


def test_attachments_are_not_texts():
    body = (b"--MM\r\nContent-Type: text/plain\r\n\r\nJe signe.\r\n"
            b"--MM\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;"
            b" filename=lettre.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n"
            b"--MM\r\nContent-Type: text/plain\r\nContent-Disposition: attachment;"
            b" filename=notes.txt\r\n\r\nnotes privees\r\n"
            b"--MM\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\n"
            b"--MM--\r\n")
    m = read_mail(mail(body, b'multipart/mixed; boundary="MM"'))
    assert [t.text for t in m.texts] == ["Je signe."]
    assert m.attachments == ("application/pdf", "text/plain", "text/calendar")


def test_vcards_any_disposition():
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lina Perrin\r\nTITLE:Maire de Dax\r\nEND:VCARD"
    body = (b"--MM\r\nContent-Type: text/plain\r\n\r\nJe signe.\r\n"
            b"--MM\r\nContent-Type: text/vcard; charset=utf-8\r\nContent-Disposition: attachment;"
            b" filename=lina.vcf\r\n\r\n" + card + b"\r\n"
            b"--MM\r\nContent-Type: text/x-vcard\r\n\r\n" + card + b"\r\n--MM--\r\n")
    m = read_mail(mail(body, b'multipart/mixed; boundary="MM"'))
    assert len(m.vcards) == 2
    assert "FN:Lina Perrin" in m.vcards[0]
    assert [t.text for t in m.texts] == ["Je signe."]


def test_forwarded_message_rfc822_is_parsed_and_not_a_text():
    inner = (b"From: Luc Bernard <luc@mairie.example>\r\nSubject: Tribune\r\n"
             b"Content-Type: text/plain; charset=utf-8\r\n\r\nJe signe, maire de Millau.")
    body = (b"--MM\r\nContent-Type: text/plain\r\n\r\nVoici le message.\r\n"
            b"--MM\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--MM--\r\n")
    m = read_mail(mail(body, b'multipart/mixed; boundary="MM"'))
    assert [t.text for t in m.texts] == ["Voici le message."]
    assert len(m.forwarded) == 1
    assert m.forwarded[0].sender == "luc@mairie.example"
    assert m.forwarded[0].texts[0].text == "Je signe, maire de Millau."


def test_forward_depth_is_limited():
    raw = b"From: a@b.fr\r\nSubject: 0\r\nContent-Type: text/plain\r\n\r\nfin"
    for level in range(1, 10):
        raw = (f"From: a@b.fr\r\nSubject: {level}\r\nContent-Type: message/rfc822\r\n\r\n"
               ).encode() + raw
    m = read_mail(raw)
    depth = 0
    while m.forwarded:
        m = m.forwarded[0]
        depth += 1
    assert depth == 5


def test_delivery_status_is_not_a_forward():
    body = (b"--RR\r\nContent-Type: text/plain\r\n\r\nNon distribue.\r\n"
            b"--RR\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
            b"Final-Recipient: rfc822; x@y.fr\r\nAction: failed\r\n"
            b"--RR\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: x\r\n--RR--\r\n")
    m = read_mail(mail(body, b'multipart/report; report-type=delivery-status; boundary="RR"'))
    assert m.content_type == "multipart/report"
    assert m.forwarded == ()
    assert m.attachments == ("message/delivery-status", "text/rfc822-headers")
    assert [t.text for t in m.texts] == ["Non distribue."]


def test_mbox_from_line_is_accepted():
    m = read_mail(b"From a@b.fr Mon Nov  3 10:00:00 2026\nFrom: a@b.fr\nSubject: s\n\nx")
    assert m.subject == "s"


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"  \r\n\r\n", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "binary"),
    (b"Bonjour, je signe la tribune.\nMarie", "header"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "header"),
])
def test_not_an_email(raw, reason):
    with pytest.raises(NotAnEmail, match=reason):
        read_mail(raw)


def test_leading_blank_lines_are_forgiven():
    assert read_mail(b"\r\n\nFrom: a@b.fr\r\nSubject: s\r\n\r\nx").sender == "a@b.fr"


def test_not_bytes_is_not_an_email():
    with pytest.raises(NotAnEmail):
        read_mail("From: a@b.fr\n\nx")  # type: ignore[arg-type]


def test_ten_kilobyte_mail_parses_fast():
    plain = ("Je signe la tribune, conseillère municipale de Saint-Étienne (42).\n" * 80).encode()
    html = ("<p>Je signe la tribune, conseillère municipale de Saint-Étienne (42).</p>" * 60)
    raw = alternative(plain, html.encode())
    assert 9_000 < len(raw) < 20_000
    start = time.perf_counter()
    for _ in range(200):
        read_mail(raw)
    assert (time.perf_counter() - start) / 200 < 0.005  # well above 600 messages a second
