"""Hostile input: read_mail returns what it can read or raises NotAnEmail, and stays fast."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from petition.intake.mime import Mail, NotAnEmail, read_mail
from petition.intake.quotes import split_quotes

DATA = Path(__file__).parent / "data" / "hostile"


def read(name: str) -> Mail:
    return read_mail((DATA / name).read_bytes())


def assert_clean(mail: Mail) -> None:
    """Every string of the Mail is encodable (no lone surrogate) and has no NUL."""
    values = [mail.subject, mail.display_name or "", mail.sender or "",
              *(value for pair in mail.headers for value in pair),
              *(part.text for part in mail.texts), *mail.vcards, *mail.defects]
    for value in values:
        value.encode("utf-8")
        assert "\x00" not in value
    for inner in mail.forwarded:
        assert_clean(inner)


@pytest.mark.parametrize("name, reason", [
    ("not-a-mail.txt", "no 'Name: value' header"),
    ("empty.eml", "empty"),
    ("binary.pdf", "binary"),
])
def test_files_that_are_not_mail(name, reason):
    with pytest.raises(NotAnEmail, match=reason):
        read(name)


def test_truncated_multipart_keeps_what_it_can():
    mail = read("truncated-multipart.eml")
    assert mail.texts[0].text.startswith("Je signe, Basile Marchand, maire de Figeac (46).")
    assert "CloseBoundaryNotFoundDefect" in mail.defects
    assert_clean(mail)


def test_multipart_without_boundary():
    mail = read("no-boundary.eml")
    assert mail.sender == "c.vidal@exemple-mairie.fr"
    assert "NoBoundaryInMultipartDefect" in mail.defects
    assert_clean(mail)


def test_unknown_charset_everywhere():
    mail = read("unknown-charset.eml")
    assert mail.display_name == "José"
    assert mail.subject == "Pétition"
    assert mail.texts[0].text.startswith("Je signe. José Ortiz, adjoint au maire de Perpignan")
    assert any("x-klingon" in defect for defect in mail.defects)


def test_lone_surrogate_display_name():
    mail = read("surrogate-display-name.eml")
    assert mail.sender == "m.roy@exemple-mairie.fr"
    assert "lanie" in (mail.display_name or "")
    assert_clean(mail)


def test_two_from_headers():
    mail = read("two-from.eml")
    assert mail.from_count == 2
    assert mail.sender == "r.morin@exemple-mairie.fr"
    assert mail.display_name == "Raphaël Morin"


def test_raw_latin1_headers():
    mail = read("raw-latin1-headers.eml")
    assert (mail.display_name, mail.subject) == ("Hélène Faure", "Pétition élus")
    assert mail.texts[0].text.startswith("Conseillère municipale d'Évry (91)")


def test_garbage_headers_and_body():
    mail = read("garbage-headers.eml")
    assert mail.sender is None
    assert mail.date is None
    assert mail.message_id is None
    assert_clean(mail)


def test_twenty_megabyte_attachment():
    payload = base64.encodebytes(b"\x00\xff" * 10_000_000)
    raw = (b"From: a@exemple.fr\r\nSubject: gros\r\nContent-Type: multipart/mixed; boundary=Z\r\n"
           b"\r\n--Z\r\nContent-Type: text/plain\r\n\r\nJe signe.\r\n--Z\r\n"
           b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
           b"Content-Disposition: attachment; filename=gros.bin\r\n\r\n" + payload +
           b"\r\n--Z--\r\n")
    assert len(raw) > 20_000_000
    mail = read_mail(raw)
    assert [part.text for part in mail.texts] == ["Je signe."]
    assert mail.attachments == ("application/octet-stream",)


def test_two_megabyte_single_line_body():
    raw = b"From: a@exemple.fr\r\nSubject: ligne\r\n\r\n" + b"x" * 2_000_000
    start = time.perf_counter()
    mail = read_mail(raw)
    split_quotes(mail.texts[0].text)
    assert time.perf_counter() - start < 1.0
    assert len(mail.texts[0].text) == 2_000_000


def test_two_megabyte_single_line_html():
    raw = (b"From: a@exemple.fr\r\nContent-Type: text/html\r\n\r\n<p>" +
           b"mot " * 500_000 + b"</p>")
    start = time.perf_counter()
    mail = read_mail(raw)
    assert time.perf_counter() - start < 1.5
    assert mail.texts[0].text.startswith("mot mot")


def test_ten_thousand_quote_lines():
    raw = (b"From: a@exemple.fr\r\nSubject: cite\r\n\r\nJe signe.\r\n" +
           b"> ligne citee\r\n" * 10_000)
    start = time.perf_counter()
    split = split_quotes(read_mail(raw).texts[0].text)
    assert time.perf_counter() - start < 1.0
    assert split.own == "Je signe."


NESTED_HEAD = (b"From: a@exemple.fr\r\nSubject: nid\r\n"
               b"Content-Type: multipart/mixed; boundary=b0\r\n\r\n")


def opening(level: int) -> bytes:
    return f"--b{level - 1}\r\nContent-Type: multipart/mixed; boundary=b{level}\r\n\r\n".encode()


def test_nesting_two_hundred_deep():
    depth = 200
    raw = NESTED_HEAD + b"".join(opening(level) for level in range(1, depth))
    raw += f"--b{depth - 1}\r\nContent-Type: text/plain\r\n\r\nau fond\r\n".encode()
    for level in reversed(range(depth)):
        raw += f"--b{level}--\r\n".encode()
    start = time.perf_counter()
    mail = read_mail(raw)
    assert time.perf_counter() - start < 1.0
    assert [part.text for part in mail.texts] == ["au fond"]


def test_nesting_far_too_deep_still_returns_the_headers():
    depth = 3000
    raw = NESTED_HEAD + b"".join(opening(level) for level in range(1, depth))
    mail = read_mail(raw)
    assert mail.sender == "a@exemple.fr"
    assert_clean(mail)


SEED = (b"From: =?utf-8?q?L=C3=A9a?= <lea@exemple.fr>\r\nSubject: Je signe\r\n"
        b"Date: Mon, 03 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/alternative; boundary=\"B\"\r\n\r\n"
        b"--B\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\nJe signe, conseill=E8re.\r\n"
        b"> cit\xe9\r\n--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"PGJsb2NrcXVvdGU+PHA+Y2l0w6k8L3A+PC9ibG9ja3F1b3RlPg==\r\n"
        b"--B\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@y.fr\r\n\r\ncorps\r\n--B--\r\n")


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=20))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 200))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), mutated()))
def test_random_and_mutated_bytes_raise_nothing_but_not_an_email(raw):
    try:
        mail = read_mail(raw)
    except NotAnEmail as exc:
        assert str(exc)
        assert "\n" not in str(exc)
        return
    assert_clean(mail)
    for part in mail.texts:
        split_quotes(part.text)
