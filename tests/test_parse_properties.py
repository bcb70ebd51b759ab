"""Property-based: no input makes parse_message raise; every input gets a record."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from petition.intake.parse import parse_message
from petition.intake.record import DECISIONS, KINDS, MANDATE_TYPES

BASE = (
    "From: Jeanne Morel <jeanne.morel@mairie-exemple.fr>\r\n"
    "To: petition@technopolice.fr\r\n"
    "Subject: =?utf-8?q?Signature_p=C3=A9tition?=\r\n"
    "Message-ID: <prop-1@mairie-exemple.fr>\r\n"
    "Authentication-Results: mx.technopolice.fr; dkim=pass header.d=mairie-exemple.fr\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/alternative; boundary="XYZ"\r\n\r\n'
    "--XYZ\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    "Je signe. Jeanne Morel, conseill=E8re municipale de Lorient (56), PS\r\n"
    "--XYZ\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    "<p>Je signe.<br>Jeanne Morel</p><blockquote>cit\u00e9</blockquote>\r\n"
    "--XYZ--\r\n"
).encode("utf-8")


def check(record) -> None:
    assert record.kind in KINDS
    assert record.decision in DECISIONS
    if record.kind == "error":
        assert record.error
    for sig in record.signatories:
        for mandate in sig.mandates:
            assert mandate.type in MANDATE_TYPES
    json.dumps(record.to_json(explain=True), ensure_ascii=False).encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_get_a_record(data):
    check(parse_message(data, "random.eml"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(BASE) - 1), st.binary(max_size=8)),
                max_size=12))
def test_mutated_mail_gets_a_record(edits):
    data = bytearray(BASE)
    for pos, chunk in edits:
        data[pos:pos + len(chunk)] = chunk
    check(parse_message(bytes(data), "mutated.eml"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=600))
def test_any_text_body_gets_a_record(body):
    head = "From: a@b.fr\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    check(parse_message((head + body).encode("utf-8", "surrogatepass"), "text.eml"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_display_name_gets_a_record(name):
    raw = f"From: {name} <x@y.fr>\r\nSubject: je signe\r\n\r\nJe signe.\r\n"
    check(parse_message(raw.encode("utf-8", "surrogatepass"), "name.eml"))
