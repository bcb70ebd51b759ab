"""Read Authentication-Results headers (RFC 8601).

A small, fail-closed parser: comments in parentheses (nested, escaped), quoted
strings, folded lines, a version after the authserv-id, several results of one
method, and a trailing or doubled ";" are handled; a result that cannot be read
is dropped rather than guessed. The PyPI `authres` package was tried and not
used: it rejects a whole header for one stray ";", which real MTAs write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_AROUND_EQUALS = re.compile(r"\s*=\s*")
_SPACE = re.compile(r"\s+")
_PARENTHESIS = re.compile(r"[()]")


@dataclass(frozen=True)
class MethodResult:
    """One `method=result` with its `ptype.property=value` pairs."""
    method: str  # lower-cased: "dkim", "dmarc", "spf"…
    result: str  # lower-cased: "pass", "fail", "none"…
    properties: tuple[tuple[str, str], ...] = ()  # ("header.d", "paris.fr"), keys lower-cased

    def prop(self, name: str) -> str | None:
        """The first value of a property such as "header.d", or None."""
        low = name.lower()
        for key, value in self.properties:
            if key == low:
                return value
        return None


@dataclass(frozen=True)
class AuthResults:
    authserv_id: str  # lower-cased
    results: tuple[MethodResult, ...] = ()

    def of(self, method: str) -> tuple[MethodResult, ...]:
        return tuple(r for r in self.results if r.method == method.lower())


def parse_authres(value: str) -> AuthResults | None:
    """Parse one header value; None when it has no readable authserv-id."""
    text = _strip_comments(_SPACE.sub(" ", value))
    segments = _split_outside_quotes(text, ";")
    head = segments[0].split()
    if not head:
        return None
    authserv_id = _unquote(head[0]).lower().rstrip(".")
    if not authserv_id or not _TOKEN.match(authserv_id):
        return None
    results = tuple(r for r in map(_resinfo, segments[1:]) if r is not None)
    return AuthResults(authserv_id=authserv_id, results=results)


def _resinfo(segment: str) -> MethodResult | None:
    words = _split_outside_quotes(_AROUND_EQUALS.sub("=", segment.strip()), " ")
    words = [w for w in words if w]
    if not words or "=" not in words[0]:
        return None
    method, result = words[0].split("=", 1)
    method = method.split("/", 1)[0].lower()
    result = _unquote(result).lower()
    if not _TOKEN.match(method) or not _TOKEN.match(result):
        return None
    props: list[tuple[str, str]] = []
    for word in words[1:]:
        key, sep, val = word.partition("=")
        if not sep:
            continue
        key = key.lower()
        if key == "reason" or "." not in key:
            continue
        props.append((key, _unquote(val)))
    return MethodResult(method=method, result=result, properties=tuple(props))


def _strip_comments(text: str) -> str:
    """Replace (comments) by a space, honouring quotes and backslash escapes."""
    if "(" not in text:
        return text
    if '"' not in text and "\\" not in text:
        return _strip_plain_comments(text)
    out: list[str] = []
    depth = 0
    quoted = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and (quoted or depth):
            if not depth:
                out.append(text[i:i + 2])
            i += 2
            continue
        if depth:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if not depth:
                out.append(" ")
        elif ch == '"':
            quoted = not quoted
            out.append(ch)
        elif ch == "(" and not quoted:
            depth = 1
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _strip_plain_comments(text: str) -> str:
    """_strip_comments for a text without quotes or backslashes: only parentheses count."""
    out: list[str] = []
    depth = 0
    start = 0
    for match in _PARENTHESIS.finditer(text):
        if match.group() == "(":
            if not depth:
                out.append(text[start:match.start()])
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                out.append(" ")
                start = match.end()
    if not depth:
        out.append(text[start:])
    return "".join(out)


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    if '"' not in text:
        return text.split(sep)
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and quoted:
            current.append(text[i:i + 2])
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def trusted_results(values: list[str] | tuple[str, ...],
                    trusted_ids: tuple[str, ...] | list[str]) -> AuthResults | None:
    """The top-most header written by a trusted server; the others prove nothing."""
    trusted = {t.lower().rstrip(".") for t in trusted_ids}
    for value in values:
        parsed = parse_authres(value)
        if parsed is not None and parsed.authserv_id in trusted:
            return parsed
    return None
