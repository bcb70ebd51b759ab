"""The demo's sample mailbox: what each mail is, and what the bot must make of it.

The table below is the documentation (samples/README.md says the same in prose):
every sample's kind, address verdict, decision and signatories through
`petition.intake.parse.parse_message` with the default configuration. The files are
read from the installed package, as `petition demo` reads them.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from petition.intake.parse import parse_message


@dataclass(frozen=True)
class Expected:
    kind: str
    official: bool
    decision: str
    # (name, mandate types in order, département of the first mandate, party)
    signatories: tuple[tuple[str, tuple[str, ...], str | None, str | None], ...] = ()


SAMPLES: dict[str, Expected] = {
    "01-paris-conseillere-de-paris.eml": Expected(
        "signature", True, "publish",
        (("Claire Vasseur", ("conseiller_municipal",), "75", "EELV"),)),
    "02-grenoble-adjoint-text-et-html.eml": Expected(
        "signature", True, "publish",
        (("Karim Belkacem", ("maire_adjoint",), "38", "LFI"),)),
    "03-begles-maire-deux-mandats.eml": Expected(
        "signature", True, "publish",
        (("Thomas Rivière", ("maire", "conseiller_communautaire"), "33", "PS"),)),
    "04-gmail-conseillere-villeurbanne.eml": Expected(
        "signature", False, "review",
        (("Nadia Haddad", ("conseiller_municipal",), "69", "PCF"),)),
    "05-reponse-citant-l-appel.eml": Expected(
        "signature", True, "publish",
        (("Hélène Marchal", ("maire_adjoint",), "35", "PCF"),)),
    "06-outlook-html-windows-1252.eml": Expected(
        "signature", True, "publish",
        (("Lucie Ferrand", ("conseiller_departemental",), "33", "PS"),)),
    "07-extreme-droite-rejet.eml": Expected(
        "signature", True, "reject",
        (("Gérard Maillot", ("conseiller_regional",), None, "RN"),)),
    "08-reponse-automatique-absence.eml": Expected("auto_reply", False, "ignore"),
    "09-echec-de-remise.eml": Expected("bounce", False, "ignore"),
    "10-retrait-de-signature.eml": Expected(
        "withdrawal", True, "withdraw",
        (("Bruno Lefort", ("conseiller_municipal",), "34", None),)),
    "11-question-de-journaliste.eml": Expected("other", False, "ignore"),
    "12-deux-signataires.eml": Expected(
        "signature", True, "review",
        (("Sébastien Morel", ("maire_adjoint",), "93", "LFI"),
         ("Amina Diallo", ("conseiller_municipal",), "93", "EELV"))),
    "13-depute.eml": Expected(
        "signature", True, "publish",
        (("Marc Oudin", ("depute",), "93", "LFI"),)),
    "14-senatrice.eml": Expected(
        "signature", True, "publish",
        (("Anne-Sophie Le Goff", ("senateur",), "44", "PS"),)),
    "15-adresse-officielle-non-prouvee.eml": Expected(
        "signature", False, "review",
        (("Paul Lemaire", ("conseiller_municipal",), "75", None),)),
}


@pytest.fixture(scope="module")
def mailbox():
    with as_file(files("petition.samples") / "mailbox") as path:
        yield Path(path)


def raw(mailbox: Path, name: str) -> bytes:
    return (mailbox / name).read_bytes()


def test_the_table_covers_exactly_the_mailbox(mailbox):
    assert sorted(p.name for p in mailbox.iterdir()) == sorted(SAMPLES)


def test_the_readme_lists_every_sample():
    readme = (files("petition.samples") / "README.md").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^\| `([^`]+\.eml)` \|", readme, re.MULTILINE)) == sorted(SAMPLES)


def test_every_kind_and_decision_is_shown():
    assert {e.kind for e in SAMPLES.values()} == {
        "signature", "withdrawal", "auto_reply", "bounce", "other"}
    assert {e.decision for e in SAMPLES.values()} == {
        "publish", "review", "reject", "withdraw", "ignore"}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_is_a_well_formed_message(mailbox, name):
    data = raw(mailbox, name)
    assert b"\n" not in data.replace(b"\r\n", b""), "CRLF line ends only"
    head = data.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # headers are ASCII, accents in RFC 2047 words
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert not msg.defects
    assert len(msg.get_all("From")) == 1
    assert msg["To"].addresses[0].addr_spec == "petition@technopolice.fr"
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", msg["Message-ID"])
    assert parsedate_to_datetime(msg["Date"]).year == 2026
    body = msg.get_body(preferencelist=("plain", "html"))
    assert body is not None and body.get_content().strip()


def test_message_ids_are_unique(mailbox):
    ids = [email.message_from_bytes(raw(mailbox, n), policy=email.policy.default)["Message-ID"]
           for n in SAMPLES]
    assert len(set(ids)) == len(ids)


def test_the_outlook_sample_is_html_only_in_windows_1252(mailbox):
    msg = email.message_from_bytes(raw(mailbox, "06-outlook-html-windows-1252.eml"),
                                   policy=email.policy.default)
    assert msg.get_content_type() == "text/html"
    assert msg.get_content_charset() == "windows-1252"
    assert "Conseillère départementale de la Gironde (33)" in msg.get_content()


def test_the_bounce_is_a_delivery_report(mailbox):
    msg = email.message_from_bytes(raw(mailbox, "09-echec-de-remise.eml"),
                                   policy=email.policy.default)
    assert msg.get_content_type() == "multipart/report"
    assert msg.get_param("report-type") == "delivery-status"
    assert [p.get_content_type() for p in msg.iter_parts()] == [
        "text/plain", "message/delivery-status", "text/rfc822-headers"]


def test_official_samples_carry_the_campaign_servers_verdict(mailbox):
    for name, expected in SAMPLES.items():
        msg = email.message_from_bytes(raw(mailbox, name), policy=email.policy.default)
        results = " ".join(str(h) for h in msg.get_all("Authentication-Results") or [])
        trusted = results.startswith("mx.technopolice.fr;") and "dmarc=pass" in results
        if expected.official:
            assert trusted, name


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_what_the_bot_makes_of_each_sample(mailbox, name):
    expected = SAMPLES[name]
    record = parse_message(raw(mailbox, name), name)
    assert record.error is None, record.error
    got = (record.kind, record.official_address, record.decision)
    assert got == (expected.kind, expected.official, expected.decision), record.reasons
    signatories = tuple(
        (s.name, tuple(m.type for m in s.mandates),
         s.mandates[0].departement if s.mandates else None, s.party)
        for s in record.signatories)
    assert signatories == expected.signatories


def test_the_quoted_example_never_becomes_a_signatory(mailbox):
    record = parse_message(raw(mailbox, "05-reponse-citant-l-appel.eml"))
    assert "Marie Dupont" not in {s.name for s in record.signatories}
