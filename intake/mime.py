"""Parse: raw bytes → Mail (headers, the texts a person wrote, vCards, defects).

OWNER: mime helper. Interface fixed; implementation to be completed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextPart:
    """One body text: text/plain as is, text/html turned to text."""
    content_type: str  # "text/plain" or "text/html"
    text: str          # decoded, lone surrogates scrubbed, newlines "\n"


@dataclass(frozen=True)
class Mail:
    message_id: str | None
    from_count: int                 # number of From headers (official only when 1)
    sender: str | None              # From address, lower-cased
    display_name: str | None        # From display name, decoded
    subject: str
    date: str | None                # ISO 8601 when parseable
    headers: tuple[tuple[str, str], ...]  # every top-level header, decoded, in order
    content_type: str               # top-level type, e.g. "multipart/report"
    texts: tuple[TextPart, ...]     # the person's texts (both alternatives)
    vcards: tuple[str, ...] = ()    # raw text of attached vCards
    attachments: tuple[str, ...] = ()  # content types of non-text parts
    forwarded: tuple[Mail, ...] = ()   # message/rfc822 parts, parsed
    defects: tuple[str, ...] = field(default=())

    def header(self, name: str) -> str | None:
        """The first header with this name (case-insensitive), or None."""
        low = name.lower()
        for key, value in self.headers:
            if key.lower() == low:
                return value
        return None

    def header_all(self, name: str) -> list[str]:
        low = name.lower()
        return [value for key, value in self.headers if key.lower() == low]


class NotAnEmail(ValueError):
    """The bytes cannot be read as an email (empty, binary, no headers)."""


def read_mail(raw: bytes) -> Mail:
    """Parse raw bytes. Raises NotAnEmail with a one-line reason; nothing else escapes."""
    raise NotImplementedError
