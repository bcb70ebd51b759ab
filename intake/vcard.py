"""The few vCard fields a signature needs: FN, N, TITLE, ORG (RFC 6350, 2.1 to 4.0)."""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Card:
    name: str | None
    title: str | None
    org: str | None

    def text(self) -> str:
        """The card as lines a mandate scanner can read (« name\\ntitle, org »)."""
        parts = [p for p in (self.title, self.org) if p]
        return "\n".join(p for p in (self.name, ", ".join(parts)) if p)


def _unfold(raw: str) -> list[str]:
    lines: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif lines and lines[-1].endswith("=") and "QUOTED-PRINTABLE" in lines[-1].upper():
            lines[-1] = lines[-1][:-1] + line
        else:
            lines.append(line)
    return lines


def _value(params: str, value: str) -> str:
    if "QUOTED-PRINTABLE" in params.upper():
        charset = re.search(r"CHARSET=([\w-]+)", params, re.I)
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        value = raw.decode(charset.group(1) if charset else "utf-8", "replace")
    return re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_vcard(raw: str) -> Card:
    fields: dict[str, str] = {}
    for line in _unfold(raw):
        m = re.match(r"(?:[\w-]+\.)?([A-Za-z-]+)((?:;[^:]*)?):(.*)", line)
        if not m:
            continue
        key = m.group(1).upper()
        if key in ("FN", "N", "TITLE", "ORG", "ROLE") and key not in fields:
            fields[key] = _value(m.group(2), m.group(3)).strip()
    name = fields.get("FN")
    if not name and fields.get("N"):
        parts = [p.strip() for p in fields["N"].split(";")]
        name = " ".join(p for p in (parts[1] if len(parts) > 1 else "", parts[0]) if p)
    org = fields.get("ORG", "").replace(";", ", ").strip(", ") or None
    title = fields.get("TITLE") or fields.get("ROLE")
    return Card(name or None, title or None, org)
