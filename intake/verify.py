"""Verify: is the sender's address the élu's official one, proved by our MX?

OWNER: kind/verify helper. Interface fixed; implementation to be completed.
"""

from __future__ import annotations

from collections.abc import Sequence

from petition.intake.mime import Mail
from petition.intake.record import Signatory


def official_address(mail: Mail, kind: str, signatories: Sequence[Signatory],
                     trusted_authserv_ids: Sequence[str]) -> tuple[bool, tuple[str, ...]]:
    raise NotImplementedError
