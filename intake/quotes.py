"""Separate what the person wrote from what they quote or forward.

One pass over the lines, in linear time:

- `>` lines are quoted; unquoted text after a `>` block (bottom-posting,
  interleaved answers) is the person's own again;
- a reply header ("Le … a écrit :", "On … wrote:", an Outlook/Zimbra
  "De : / Envoyé : / À : / Objet :" block, "-----Message d'origine-----",
  "----- Mail original -----") quotes everything after it (top-posting), unless
  what follows it is itself a `>` block;
- a forward marker ("---------- Forwarded message ---------", « Message
  transféré », « Début du message réexpédié : », "Begin forwarded message:")
  sends the rest, without its header block, to `forwarded`.

Then the campaign's call pasted without quoting ("indiquez votre mandat, par
exemple « … »") is moved, sentence by sentence, from `own` to `quoted`.
The sign-off and the "-- " signature are the person's own text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Split:
    own: str                 # the person's own text, sign-off block kept
    quoted: str              # what was removed (quotes, reply headers, pasted petition text)
    forwarded: str | None    # the body of a forwarded message, when there is one
    # the message below the first « De : … Objet : » header block, that block removed,
    # and who it is from: Outlook forwards look like replies
    replied: str | None = None
    replied_from: str = ""


_APOS = "'’"
_FORWARD = re.compile(
    r"\s*(?:-{2,}\s*(?:forwarded message|message transf[ée]r[ée]|mail transf[ée]r[ée])"
    r"\s*-{2,}|d[ée]but du message r[ée]exp[ée]di[ée]\s*:|begin forwarded message\s*:)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"\s*-{2,}\s*(?:original message|message d['’]origine|mail original|message original"
    r"|courriel original|r[ée]ponse)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION_END = re.compile(r"(?:a\s+[ée]crit|wrote|schrieb)\s*:?\s*$", re.IGNORECASE)
_ATTRIBUTION_START = re.compile(r"\s*(?:le|on)\s+\S", re.IGNORECASE)
_HEADER = re.compile(
    r"\s*\*?\s*(de|from|envoy[ée]|sent|date|[àa]|to|cc|cci|bcc|objet|subject|sujet"
    r"|r[ée]pondre\s+[àa]|reply-to|importance|pour)\s*\*?\s*:",
    re.IGNORECASE,
)
_FROM_KEYS = frozenset({"de", "from"})
_SUBJECT_KEYS = frozenset({"objet", "subject", "sujet"})
_LEAD_IN = re.compile(r"\s*(?:_{5,}|-{5,}|message du\s+\d.*)\s*$", re.IGNORECASE)
_MAX_ATTRIBUTION = 400
_MAX_HEADER_LINES = 14

# The campaign's call and acknowledgements, as the person may paste them unquoted.
_CALL = re.compile(
    r"\b(?:votre|vos|your)\s+(?:[\w'’·-]+\s+){0,3}?(?:mandats?|mandates?|elected office)\b"
    r"|\b(?:par\s+exemple|p\.\s?ex\.|for\s+example|e\.\s?g\.)\s*[:,(]?\s*[«\"“]"
    r"|\bvos\s+pr[ée]noms?\s+et\s+noms?\b"
    r"|\bvotre\s+parti\b"
    r"|\br[ée]pondez(?:\s+simplement)?\s+[àa]\s+ce\s+(?:message|courriel|mail)"
    r"|\bnous\s+avons\s+bien\s+(?:enregistr[ée]|re[çc]u)\s+votre\s+signature",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|[.!?;]$")


def split_quotes(text: str) -> Split:
    """Split a body text into own text, quoted text and a forwarded body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    own: list[str] = []
    quoted: list[str] = []
    forwarded: str | None = None
    replied: tuple[str, str] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_quoted(line):
            quoted.append(line)
            i += 1
            continue
        if _FORWARD.match(line):
            _move_lead_in(own, quoted)
            forwarded = _forwarded_body(lines[i + 1:])
            break
        end = _reply_header_end(lines, i)
        if end is None:
            own.append(line)
            i += 1
            continue
        _move_lead_in(own, quoted)
        if _next_is_quoted(lines, end):
            quoted.extend(lines[i:end])
            i = end
            continue
        quoted.extend(lines[i:])
        replied = _header_block(lines, i, end) or _header_block_below(lines, i, end)
        break
    own, pasted = _without_call(own)
    return Split(own=_join(_single_blank_lines(own)), quoted=_join(quoted + pasted),
                 forwarded=forwarded, replied=replied and replied[0],
                 replied_from=replied[1] if replied else "")


def _is_quoted(line: str) -> bool:
    return line.lstrip(" \t").startswith(">")


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def _single_blank_lines(lines: list[str]) -> list[str]:
    """Removing a quote in the middle leaves two blank lines: keep one."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line if line.strip() else "")
    return out


def _move_lead_in(own: list[str], quoted: list[str]) -> None:
    """Blank lines and '____' / 'Message du …' lines just above a header are quoted."""
    moved: list[str] = []
    while own and (not own[-1].strip() or _LEAD_IN.match(own[-1])):
        moved.append(own.pop())
        if moved[-1].strip():
            break
    quoted.extend(reversed(moved))


def _next_is_quoted(lines: list[str], start: int) -> bool:
    for line in lines[start:start + 50]:
        if line.strip():
            return _is_quoted(line)
    return False


# -- reply headers -----------------------------------------------------------------

def _reply_header_end(lines: list[str], i: int) -> int | None:
    """If a reply header starts at line i, the index just after it."""
    line = lines[i].replace("\u00a0", " ")
    if not line.strip():
        return None
    if _SEPARATOR.match(line):
        return i + 1
    end = _attribution_end(lines, i)
    if end is not None:
        return end
    return _header_block_end(lines, i)


def _attribution_end(lines: list[str], i: int) -> int | None:
    first = lines[i].replace("\u00a0", " ")
    if len(first) > _MAX_ATTRIBUTION:
        return None
    starts = bool(_ATTRIBUTION_START.match(first))
    if _ATTRIBUTION_END.search(first):
        if starts or any(char.isdigit() for char in first) or "@" in first:
            return i + 1
        return None
    if not (starts and any(char.isdigit() for char in first)):
        return None
    length = len(first)
    for j in range(i + 1, min(i + 3, len(lines))):
        line = lines[j].replace("\u00a0", " ")
        length += len(line)
        if not line.strip() or _is_quoted(line) or length > _MAX_ATTRIBUTION:
            return None
        if _ATTRIBUTION_END.search(line):
            return j + 1
    return None


def _header_block_end(lines: list[str], i: int) -> int | None:
    match = _HEADER.match(lines[i].replace("\u00a0", " "))
    if not match or _key(match) not in _FROM_KEYS:
        return None
    keys = set()
    j = i
    while j < len(lines) and j - i < _MAX_HEADER_LINES:
        line = lines[j].replace("\u00a0", " ")
        if not line.strip():
            break
        match = _HEADER.match(line)
        if match:
            keys.add(_key(match))
        elif j == i or _is_quoted(line):
            break
        j += 1
    return j if keys & _SUBJECT_KEYS and len(keys) >= 2 else None


def _header_block(lines: list[str], i: int, end: int) -> tuple[str, str] | None:
    """(the message below, its « De : » value) when lines i to end are a header block."""
    match = _HEADER.match(lines[i].replace("\u00a0", " "))
    if not match or _key(match) not in _FROM_KEYS or _header_block_end(lines, i) != end:
        return None
    return _join(lines[end:]), lines[i][match.end():].strip()


def _header_block_below(lines: list[str], i: int, end: int) -> tuple[str, str] | None:
    """What ``_header_block`` gives for the block under a separator line at i
    (« -----Message d'origine----- » then « De : … Objet : »)."""
    if end != i + 1 or not _SEPARATOR.match(lines[i].replace("\u00a0", " ")):
        return None
    start = next((j for j in range(end, min(end + 3, len(lines))) if lines[j].strip()), None)
    block_end = _header_block_end(lines, start) if start is not None else None
    return _header_block(lines, start, block_end) if block_end else None


def _key(match: re.Match[str]) -> str:
    return " ".join(match.group(1).lower().split())


# -- forwards ---------------------------------------------------------------------

def _forwarded_body(lines: list[str]) -> str:
    """The forwarded message's body: its header block removed, one quote level removed."""
    body = list(lines)
    if body and all(_is_quoted(line) or not line.strip() for line in body):
        body = [_unquote(line) for line in body]
    start = 0
    while start < len(body) and not body[start].strip():
        start += 1
    if start < len(body) and _HEADER.match(body[start].replace("\u00a0", " ")):
        while start < len(body) and body[start].strip() and start < 40:
            start += 1
    return _join(body[start:])


def _unquote(line: str) -> str:
    stripped = line.lstrip(" \t")
    if stripped.startswith("> "):
        return stripped[2:]
    return stripped[1:] if stripped.startswith(">") else line


# -- the campaign's call pasted as own text ----------------------------------------

def _without_call(lines: list[str]) -> tuple[list[str], list[str]]:
    """Move the lines of sentences that reproduce the campaign's call to `quoted`."""
    drop: set[int] = set()
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        if end > start:
            drop.update(_call_lines(lines, start, end))
        start = end + 1
    if not drop:
        return lines, []
    own = [line for index, line in enumerate(lines) if index not in drop]
    pasted = [line for index, line in enumerate(lines) if index in drop]
    return own, pasted


def _call_lines(lines: list[str], start: int, end: int) -> set[int]:
    """Indexes of the paragraph's lines that overlap a sentence of the call."""
    offsets: list[int] = []
    parts: list[str] = []
    position = 0
    for line in lines[start:end]:
        offsets.append(position)
        parts.append(line)
        position += len(line) + 1
    paragraph = " ".join(parts)
    if not _CALL.search(paragraph):
        return set()
    ends = [match.end() for match in _SENTENCE_END.finditer(paragraph)]
    found: set[int] = set()
    for match in _CALL.finditer(paragraph):
        begin = _sentence_start(ends, match.start())
        while begin < match.start() and paragraph[begin].isspace():
            begin += 1
        finish = _sentence_finish(ends, match.end(), len(paragraph))
        first = max(0, bisect_right(offsets, begin) - 1)
        last = max(first, bisect_left(offsets, finish) - 1)
        found.update(range(start + first, start + last + 1))
    return found


def _sentence_start(ends: list[int], position: int) -> int:
    index = bisect_right(ends, position) - 1
    return ends[index] if index >= 0 else 0


def _sentence_finish(ends: list[int], position: int, length: int) -> int:
    index = bisect_left(ends, position)
    return ends[index] if index < len(ends) else length
