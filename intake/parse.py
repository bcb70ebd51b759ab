"""The pure middle of the pipeline: bytes → Record.

parse (mime) → extract (fields, kind) → verify (official address) → decide.
No I/O, no database: `petition parse` and the ingest pipeline both call
`parse_message`, which never raises.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from petition.intake import decide, extract, verify
from petition.intake.mime import NotAnEmail, read_mail
from petition.intake.record import Record, error_record
from petition.settings import AuthSettings, PolicySettings

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "1"


@dataclass(frozen=True)
class ParseSettings:
    auth: AuthSettings = AuthSettings()
    policy: PolicySettings = PolicySettings()


def parse_message(raw: bytes, file: str | None = None,
                  settings: ParseSettings = ParseSettings()) -> Record:
    """Turn one message into its record; bad input gives kind 'error', never an exception."""
    try:
        mail = read_mail(raw)
    except NotAnEmail as exc:
        return error_record(file, str(exc))
    except Exception as exc:
        log.exception("cannot parse %s", file)
        return error_record(file, f"cannot parse message: {type(exc).__name__}: {exc}")
    try:
        return _records_of(mail, file, settings)
    except Exception as exc:
        log.exception("cannot extract %s", file)
        return error_record(file, f"extraction failed: {type(exc).__name__}: {exc}",
                            sender=mail.sender, message_id=mail.message_id)


def _records_of(mail, file: str | None, settings: ParseSettings) -> Record:
    found = extract.extract(mail)
    signatories = found.signatories
    official, why_official = verify.official_address(
        mail, found.kind, signatories, settings.auth.trusted_authserv_ids)
    decision, why_decision = decide.decide(found.kind, official, signatories, settings.policy)
    return Record(
        file=file, message_id=mail.message_id, sender=mail.sender, kind=found.kind,
        official_address=official, decision=decision, signatories=signatories,
        subject=mail.subject, date=mail.date,
        reasons=(*found.reasons, *why_official, *why_decision),
    )


# A mail that takes every lazily built table and scanner on its way (communes, EPCI,
# parties, institutional domains by table and by pattern, vCard): parsed once before
# forking, it leaves nothing for each worker to build again.
_WARM_UP = (
    "From: Marie Exemple <marie.exemple@ville-lunel.fr>\r\n"
    "Subject: Signature\r\nMessage-ID: <warm-up@petition.invalid>\r\n"
    "Authentication-Results: mx.example; dkim=pass header.d=ville-lunel.fr\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Je signe la tribune.\r\n\r\nMarie Exemple\r\n"
    "Conseillère municipale de Lunel (34), conseillère communautaire de Lunel Agglo\r\n"
    "Parti socialiste\r\n\r\n> Le 4 nov. 2024, Paul Exemple <p@paris.fr> a écrit :\r\n> x\r\n"
).encode()


def warm_up(settings: ParseSettings = ParseSettings()) -> None:
    """Load what parsing builds on first use, so that forked workers share it."""
    parse_message(_WARM_UP, "warm-up", settings)
