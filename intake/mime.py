"""Parse: raw bytes → Mail (headers, the texts a person wrote, vCards, defects).

The stdlib `email` parser with the compat32 policy does the MIME walk (it is several
times faster than `policy.default` and never raises on bad input); decoding is done
here: every text part is decoded from its raw bytes (declared charset → utf-8 →
cp1252), headers are decoded from RFC 2047 and from raw 8-bit bytes, and lone
surrogates are scrubbed everywhere, so nothing undecodable reaches the database.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email
import email.errors
import email.header
import email.message
import email.utils
import logging
import re
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from functools import cached_property

from petition.intake.htmltext import html_to_text

log = logging.getLogger(__name__)


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
    texts: tuple[TextPart, ...]     # the person's texts (text/plain of an alternative)
    vcards: tuple[str, ...] = ()    # raw text of attached vCards
    attachments: tuple[str, ...] = ()  # content types of non-text parts
    forwarded: tuple[Mail, ...] = ()   # message/rfc822 parts, parsed
    defects: tuple[str, ...] = field(default=())
    from_addresses: tuple[str, ...] = ()  # every address the first From names, lower-cased

    def header(self, name: str) -> str | None:
        """The first header with this name (case-insensitive), or None."""
        found = self._by_name.get(name.lower())
        return found[0] if found else None

    def header_all(self, name: str) -> list[str]:
        return list(self._by_name.get(name.lower(), ()))

    @cached_property
    def _by_name(self) -> dict[str, tuple[str, ...]]:
        """Lower-cased name → its values in order (built on the first lookup)."""
        out: dict[str, list[str]] = {}
        for key, value in self.headers:
            out.setdefault(key.lower(), []).append(value)
        return {k: tuple(v) for k, v in out.items()}


class NotAnEmail(ValueError):
    """The bytes cannot be read as an email (empty, binary, no headers)."""


MAX_FORWARD_DEPTH = 5     # message/rfc822 inside message/rfc822 …
MAX_PARTS = 2000          # MIME parts looked at in one message
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_MBOX_FROM = re.compile(rb"From [^\r\n]*\r?\n")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([qQbB])\?([^?\s]*)\?=")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_FOLD = re.compile(r"\r?\n[ \t]*")
_ADDR_SPEC = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+")
_FORWARD_TYPES = frozenset({"message/rfc822", "message/global"})
_VCARD_TYPES = frozenset({"text/vcard", "text/x-vcard", "text/directory"})
# Labels that mean "Western European" in practice: decode them as cp1252, which is a
# superset of latin-1 for printable text (curly quotes, €, œ sent as "iso-8859-1").
_WESTERN = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "iso_8859-1",
                      "cp819", "windows-1252", "cp1252"})
_ASCII = frozenset({"us-ascii", "ascii", "ansi_x3.4-1968", "us"})


def read_mail(raw: bytes) -> Mail:
    """Parse raw bytes. Raises NotAnEmail with a one-line reason; nothing else escapes."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise NotAnEmail(f"not bytes but {type(raw).__name__}")
    raw = bytes(raw).lstrip(b"\r\n")
    _check_looks_like_mail(raw)
    try:
        message = _parse(raw)
        return _mail_of(message, depth=0)
    except NotAnEmail:
        raise
    except Exception as exc:  # a bug or an input the stdlib chokes on: say so, do not crash
        log.exception("unreadable message")
        raise NotAnEmail(f"unreadable message ({type(exc).__name__})") from exc


# -- is it a mail at all --------------------------------------------------------

def _check_looks_like_mail(raw: bytes) -> None:
    if not raw.strip():
        raise NotAnEmail("empty message")
    start = raw[:4096]
    mbox = _MBOX_FROM.match(start)
    if mbox:
        start = start[mbox.end():]
    if not _HEADER_LINE.match(start):
        if start[:5] == b"%PDF-" or b"\x00" in start[:512]:
            raise NotAnEmail("not an email: binary data without a header block")
        raise NotAnEmail("not an email: no 'Name: value' header block at the start")


def _parse(raw: bytes) -> email.message.Message:
    try:
        return email.message_from_bytes(raw)  # compat32
    except RecursionError:
        message = BytesHeaderParser().parsebytes(raw)
        message.defects.append(_Defect("MIME nesting too deep: body not read"))
        message.set_payload("")
        return message


class _Defect(email.errors.MessageDefect):
    """A defect found here rather than by the stdlib parser."""


# -- the Mail --------------------------------------------------------------------

def _mail_of(message: email.message.Message, depth: int) -> Mail:
    raw_items = list(message.raw_items())
    headers = tuple((_scrub(name), decode_header_value(value)) for name, value in raw_items)
    first: dict[str, str] = {}  # lower-cased raw name → its first value, decoded
    from_values = []
    for (name, value), (_, decoded) in zip(raw_items, headers, strict=True):
        low = name.lower()
        if low == "from":
            from_values.append(value)
        if low not in first:  # what decode_header_value(_raw_header(message, name)) gives
            first[low] = decoded if isinstance(value, str | email.header.Header) else (
                decode_header_value(str(value)))
    sender, display_name, from_addresses = (_sender(from_values[0]) if from_values
                                            else (None, None, ()))
    walk = _Walk(depth)
    walk.visit(message)
    texts = sorted(walk.texts, key=lambda part: part.content_type != "text/plain")
    defects = _defects_of(message) + walk.defects
    return Mail(
        message_id="".join(first.get("message-id", "").split()) or None,
        from_count=len(from_values),
        sender=sender,
        display_name=display_name,
        subject=first.get("subject", ""),
        date=_iso_date(first.get("date", "")),
        headers=headers,
        content_type=_content_type(message),
        texts=tuple(texts),
        vcards=tuple(walk.vcards),
        attachments=tuple(walk.attachments),
        forwarded=tuple(walk.forwarded),
        defects=tuple(dict.fromkeys(defects)),
        from_addresses=from_addresses,
    )


class _Walk:
    """Sort the leaves of one message: texts, vCards, attachments, forwarded mails."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.texts: list[TextPart] = []
        self.vcards: list[str] = []
        self.attachments: list[str] = []
        self.forwarded: list[Mail] = []
        self.defects: list[str] = []
        self.count = 0

    def visit(self, root: email.message.Message) -> None:
        stack = [root]
        while stack:
            part = stack.pop()
            self.count += 1
            if self.count > MAX_PARTS:
                self.defects.append(f"more than {MAX_PARTS} MIME parts: the rest ignored")
                return
            if part is not root:
                self.defects.extend(_defects_of(part))
            ctype = _content_type(part)
            payload = part._payload  # no decoding here; get_payload() can raise
            if ctype in _FORWARD_TYPES and isinstance(payload, list):
                self._forwarded(ctype, payload)
            elif ctype.startswith("message/"):
                self.attachments.append(ctype)  # delivery-status, partial, external-body
            elif isinstance(payload, list):
                children = [p for p in payload if isinstance(p, email.message.Message)]
                if ctype == "multipart/alternative":
                    children = _preferred(children)
                stack.extend(reversed(children))
            else:
                self._leaf(part, ctype)

    def _forwarded(self, ctype: str, payload: object) -> None:
        inner = payload[0] if isinstance(payload, list) and payload else None
        if not isinstance(inner, email.message.Message):
            self.attachments.append(ctype)
        elif self.depth >= MAX_FORWARD_DEPTH:
            self.defects.append("forwarded messages nested too deep: inner ones ignored")
        else:
            self.forwarded.append(_mail_of(inner, self.depth + 1))

    def _leaf(self, part: email.message.Message, ctype: str) -> None:
        filename = _filename(part)
        if ctype in _VCARD_TYPES or (filename or "").lower().endswith(".vcf"):
            self.vcards.append(self._decode(part))
            return
        disposition = _raw_header(part, "Content-Disposition").split(";")[0].strip().lower()
        if ctype in ("text/plain", "text/html") and not (disposition == "attachment"
                                                          and filename):
            text = self._decode(part)
            if ctype == "text/html":
                text = html_to_text(text)
            self.texts.append(TextPart(ctype, text))
        else:
            self.attachments.append(ctype)

    def _decode(self, part: email.message.Message) -> str:
        text, note = decode_bytes(_payload_bytes(part), _charset_param(part))
        if note:
            self.defects.append(note)
        return text.replace("\r\n", "\n").replace("\r", "\n")


# A plain alternative that only says to read the HTML one (« Ce message est au format
# HTML », "view this email in your browser") is no text of the person's.
_STUB = re.compile(r"html|navigateur|browser|afficher ce (?:message|courriel)|version en ligne",
                   re.I)


def _preferred(children: list[email.message.Message]) -> list[email.message.Message]:
    """The parts of a multipart/alternative worth reading: text/plain when it holds the
    person's words, without its HTML twin (one text, and no HTML to parse); all of them
    when the plain one is empty or a stub."""
    plain = [c for c in children if _content_type(c) == "text/plain"]
    if not any(_has_words(c) for c in plain):
        return children
    return [c for c in children if _content_type(c) != "text/html"]


def _has_words(part: email.message.Message) -> bool:
    text, _ = decode_bytes(_payload_bytes(part), _charset_param(part))
    words = text.split()
    return len(words) >= 2 and not (len(words) < 60 and _STUB.search(text))


def _raw_header(part: email.message.Message, name: str) -> str:
    """The first header of that name as a str (compat32 may give Header objects)."""
    low = name.lower()
    for key, value in part.raw_items():
        if key.lower() == low:
            return value if isinstance(value, str) else str(value)
    return ""


def _charset_param(part: email.message.Message) -> object:
    if not _raw_header(part, "Content-Type"):
        return None
    try:
        return part.get_param("charset")
    except Exception:
        return None


def _payload_bytes(part: email.message.Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # a broken transfer encoding: keep the raw text
        data = None
    if isinstance(data, bytes):
        return data
    payload = part._payload
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return b""


def _content_type(part: email.message.Message) -> str:
    try:
        return _scrub(part.get_content_type()).lower()
    except Exception:
        value = _unescape_bytes(_raw_header(part, "Content-Type")).split(";")[0].strip()
        return value.lower() if value.count("/") == 1 else "text/plain"


def _filename(part: email.message.Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        return None
    if isinstance(name, str):
        return decode_header_value(name)
    return None


def _defects_of(part: email.message.Message) -> list[str]:
    out = []
    for defect in getattr(part, "defects", ()):
        name = type(defect).__name__
        out.append(str(defect) if isinstance(defect, _Defect) else name)
    return out


# -- decoding --------------------------------------------------------------------

def decode_bytes(data: bytes, charset: object = None) -> tuple[str, str | None]:
    """Decode with the declared charset, then utf-8, then cp1252; say when falling back."""
    declared = _charset_name(charset)
    note = None
    if declared in _ASCII:
        declared = None  # 8-bit text labelled ascii is most often utf-8
    elif declared in _WESTERN:
        declared = "cp1252"
    elif declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            note = f"unknown charset {declared[:40]!r}"
            declared = None
    if declared:
        try:
            return _scrub(data.decode(declared)), note
        except (UnicodeDecodeError, LookupError, ValueError):
            note = f"text is not {declared}"
    try:
        return _scrub(data.decode("utf-8")), note
    except UnicodeDecodeError:
        pass
    note = f"{note}, read as cp1252" if note else "undeclared 8-bit text read as cp1252"
    return _scrub(data.decode("cp1252", errors="replace")), note


def _is_ascii(data: bytes) -> bool:
    return data.isascii()


def _charset_name(charset: object) -> str | None:
    if isinstance(charset, tuple):  # RFC 2231 (charset, language, value)
        charset = charset[2] if len(charset) == 3 else None
    if not isinstance(charset, str):
        return None
    name = _scrub(charset).strip().strip('"').lower()
    return name or None


def _scrub(text: str) -> str:
    """Replace lone surrogates (from undecodable bytes) and drop NULs."""
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "")


def _has_escaped_bytes(text: str) -> bool:
    return not text.isascii() and _ESCAPED_BYTE.search(text) is not None


def _unescape_bytes(text: str) -> str:
    """Header text from the bytes parser carries raw 8-bit bytes as surrogates."""
    if not _has_escaped_bytes(text):
        return text
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return _scrub(text)
    return decode_bytes(data)[0]


def decode_header_value(value: object) -> str:
    """Unfold, decode RFC 2047 words and raw 8-bit bytes, scrub; never raises."""
    if isinstance(value, email.header.Header):
        value = str(value)
    if not isinstance(value, str):
        return ""
    if value.isascii() and "\n" not in value and "=?" not in value:
        return value.replace("\x00", "").strip()  # the common case, nothing to decode
    text = _FOLD.sub(" ", _unescape_bytes(value))
    if "=?" in text:
        text = _decode_encoded_words(text)
    return _scrub(text).strip()


def _decode_encoded_words(text: str) -> str:
    out: list[str] = []
    pending: bytes = b""
    pending_charset: str | None = None
    position = 0
    for match in _ENCODED_WORD.finditer(text):
        between = text[position:match.start()]
        charset = match.group(1).split("*")[0].lower()
        data = _decode_word(match.group(2), match.group(3))
        if data is None:
            continue  # left as it is, in `between` of the next word
        if between and not (pending_charset and between.isspace()):
            out.append(_flush_word(pending, pending_charset))
            pending, pending_charset = b"", None
            out.append(between)
        if pending_charset not in (None, charset):
            out.append(_flush_word(pending, pending_charset))
            pending = b""
        pending += data
        pending_charset = charset
        position = match.end()
    out.append(_flush_word(pending, pending_charset))
    out.append(text[position:])
    return "".join(out)


def _decode_word(encoding: str, data: str) -> bytes | None:
    try:
        if encoding in "qQ":
            return binascii.a2b_qp(data.replace("_", " ").encode("ascii", "replace"))
        data = data.rstrip("=")
        return base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _flush_word(data: bytes, charset: str | None) -> str:
    if not data:
        return ""
    return decode_bytes(data, charset)[0]


# -- header fields ---------------------------------------------------------------

def _sender(value: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(sender address, display name, every address named) of a raw From value."""
    text = _FOLD.sub(" ", _unescape_bytes(value))
    try:
        pairs = email.utils.getaddresses([text])
    except Exception:
        pairs = []
    named = tuple(dict.fromkeys(_scrub(a).lower() for _, a in pairs if "@" in a))
    for name, address in pairs:
        if _ADDR_SPEC.fullmatch(address or ""):
            display = decode_header_value(name) if name else ""
            return _scrub(address).lower(), (display or None), named
    display = decode_header_value(text.split("<")[0].strip().strip('"')) if "<" in text else ""
    return None, (display or None), named


def _iso_date(text: str) -> str | None:
    """The decoded Date header as ISO 8601, or None."""
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except Exception:  # the stdlib raises several types on odd dates
        return None
