"""Extract: Mail → kind and signatories (names, mandates, party), with reasons.

The person's own text is the Subject (unless it only repeats ours with « Re: »),
the own part of every body text (both alternatives; duplicates dropped), an
attached vCard, and a forwarded message when the forwarder sends it as the
élu's signature. Offices are found with their offsets, then given to the
person written just before them (« Marie Dupont, maire de… », a sign-off
line above); several people in one mail each get their own, and what nobody
claims goes to everyone (« nous sommes tous trois conseillers municipaux »).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from petition.intake import kind as kinds
from petition.intake import mandates, names, parties
from petition.intake.mime import Mail
from petition.intake.quotes import split_quotes
from petition.intake.record import Mandate, Signatory
from petition.intake.vcard import parse_vcard

SIGNING_KINDS = ("signature", "withdrawal")
REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|tr|fw|fwd|aw|réf|ref)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_FORWARD_INTENT = re.compile(
    r"transm(?:ets|et|ettons|ettre|is)|ci-dessous|ci-joint|de la part d|au nom d"
    r"|message (?:de|du)|fais suivre|faisons suivre", re.I)
_BULLET = re.compile(rf"^{mandates.BULLET}(.+)$", re.M)
# The person's own text is read up to OWN_TEXT_HEAD characters from its start and
# OWN_TEXT_TAIL from its end: a signature mail is a few lines (the longest own text
# in our corpora is under 24,000 characters), and the cap keeps a 2 MB body from
# costing seconds. Cut at a line break (else a space) so no word is read half.
OWN_TEXT_HEAD = 16_000
OWN_TEXT_TAIL = 16_000
# A body text is read up to PART_TEXT_EDGE characters from each end before its quotes
# are looked for: a long thread keeps its top (top-posting) and bottom (bottom-posting).
PART_TEXT_EDGE = 128_000


@dataclass(frozen=True)
class Extraction:
    kind: str
    signatories: tuple[Signatory, ...]
    reasons: tuple[str, ...]


@dataclass
class _Person:
    name: str
    hits: list[mandates.Hit] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    party: str | None = None
    reason: str = ""


def own_text(mail: Mail) -> tuple[str, str, list[str]]:
    """(subject part, body own text, reasons): the words the sender wrote."""
    reasons: list[str] = []
    subject = "" if REPLY_PREFIX.match(mail.subject or "") else (mail.subject or "")
    bodies: list[str] = []
    forwarded: list[str] = []
    for part in mail.texts:
        text, cap = capped(part.text, PART_TEXT_EDGE, PART_TEXT_EDGE, "body text")
        if cap:
            reasons.append(cap)
        split = split_quotes(text)
        own, cap = capped(split.own.strip())
        if cap:
            reasons.append(cap)
        bodies.append(own)
        if split.forwarded:
            forwarded.append(split.forwarded)
        elif split.replied and "technopolice" not in split.replied_from.lower():
            forwarded.append(split.replied)  # « TR: » from Outlook: a header block, no marker
    bodies = _dedupe_texts(bodies)
    body = "\n\n".join(b for b in bodies if b)
    if forwarded and _FORWARD_INTENT.search(body):
        inner = split_quotes(forwarded[0]).own.strip()
        if inner:
            body = f"{body}\n\n{inner}"
            reasons.append("forwarded message sent as the élu's own")
    for fwd in mail.forwarded:
        if _FORWARD_INTENT.search(body) and not _FORWARD_INTENT.search(fwd.subject or ""):
            for part in fwd.texts[:1]:
                inner = split_quotes(part.text).own.strip()
                if inner and "technopolice" not in (fwd.sender or ""):
                    body = f"{body}\n\n{inner}"
                    reasons.append("attached message sent as the élu's own")
    for raw in mail.vcards:
        card = parse_vcard(raw).text()
        if card:
            body = f"{body}\n\n{card}"
            reasons.append("vCard read")
    return subject, body, reasons


def _dedupe_texts(texts: list[str]) -> list[str]:
    """Drop a text whose words another text already holds (the two alternatives)."""
    keyed = [(t, set(re.findall(r"\w+", t.lower()))) for t in texts]
    out: list[str] = []
    for i, (t, words) in enumerate(keyed):
        if not words:
            continue
        dup = False
        for j, (_u, other) in enumerate(keyed):
            if i == j or not other:
                continue
            share = len(words & other) / len(words)
            if share >= 0.9 and (len(other) > len(words) or (len(other) == len(words) and j < i)):
                dup = True
                break
        if not dup:
            out.append(t)
    return out


def capped(body: str, head_size: int = OWN_TEXT_HEAD,
           tail_size: int = OWN_TEXT_TAIL, what: str = "own text") -> tuple[str, str | None]:
    """``body``, or its first and last parts when it is longer than the cap; the reason."""
    if len(body) <= head_size + tail_size:
        return body, None
    head, tail = body[:head_size - 1], body[1 - tail_size:]  # + "\n\n": no longer
    cut = max(head.rfind("\n"), head.rfind(" ")) if "\n" not in head else head.rfind("\n")
    head = head[:cut] if cut > head_size // 2 else head
    cut = tail.find("\n") if "\n" in tail else tail.find(" ")
    tail = tail[cut + 1:] if 0 <= cut < tail_size // 2 else tail
    return f"{head}\n\n{tail}", (
        f"{what} of {len(body):,} characters: only its first {len(head):,} and last "
        f"{len(tail):,} read")


def extract(mail: Mail) -> Extraction:
    subject, body, reasons = own_text(mail)
    body, cap = capped(body)
    if cap:
        reasons.append(cap)
    text = f"{subject}\n\n{body}" if subject else body
    hits = mandates.find_hits(text)
    kind, why = kinds.classify(mail, body, bool(hits))
    reasons.extend(why)
    if kind not in SIGNING_KINDS:
        return Extraction(kind, (), tuple(reasons))
    # Names written in lower case are title-cased in place (offsets hold); offices were
    # read on the text as written (a commune in lower case counts on a lower-case line).
    named_text = names.capitalise_names(text, mail.display_name)
    people = signatories(named_text, hits, mail.display_name, written=text)
    return Extraction(kind, tuple(people), tuple(reasons))


# --- people ---------------------------------------------------------------------------

def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def signatories(text: str, hits: list[mandates.Hit], display: str | None,
                written: str | None = None) -> list[Signatory]:
    """The people who sign with this text, each with their offices and party. WRITTEN is
    the text before names were capitalised (same offsets): a party is read as written,
    where the letter case of a line without capitals says nothing."""
    written = text if written is None else written
    lines = written.split("\n")
    writer = _writer_name(text, display)
    people: dict[str, _Person] = {}
    line_owner: dict[int, list[str]] = {}
    floating: list[mandates.Hit] = []

    def person(name: str, reason: str) -> _Person:
        if writer and names.abbreviates(name, writer.name):  # « P. Béranger » → From's
            name = writer.name
        key = names.fold(name)
        for p in people.values():
            if names.same_person(p.name, name):
                return p
        people[key] = _Person(name, reason=reason)
        return people[key]

    for m in _BULLET.finditer(text):
        name = names.trailing_name(re.split(r"[,(–—:]| - ", m.group(1))[0])
        if name:
            p = person(name, "name from a list line")
            p.lines.add(_line_of(text, m.start(1)))
    for h in hits:
        line = _line_of(text, h.start)
        owners = [writer.name if n == names.WRITER and writer else n
                  for n in names.names_before(text, h.start)]
        owners = [n for n in owners if n and n != names.WRITER]
        if not owners:  # « Le maire, Jean Moulin »
            after = names.name_after(text, h.start, h.end)
            owners = [after] if after else []
        if not owners:
            owners = line_owner.get(line) or line_owner.get(line - 1) or []
        if not owners:
            floating.append(h)
            continue
        for n in owners:
            p = person(n, "name written with the office")
            p.hits.append(h)
            p.lines.update({line, line - 1} if not text.split("\n")[line][:h.start].strip()
                           else {line})
        line_owner[line] = owners
    named = [p for p in people.values() if p.hits or p.lines]
    if not named:
        name = writer
        p = _Person(name.name if name else "", reason=name.reason if name else "no name found")
        p.hits = list(hits)
        named = [p]
        conf_name = name.confidence if name else 0.0
    else:
        conf_name = 0.9
        bare = [p for p in named if not p.hits]
        for p in named:
            if floating and (not p.hits or len(named) == 1):
                p.hits.extend(floating)
        if bare and not floating:
            named = [p for p in named if p.hits] or named
        named = _not_signing_here(text, named, writer.name if writer else None)
    out = []
    for p in named:
        others = set().union(*(o.lines for o in named if o is not p))
        hit, party_reason = _party_of(p, lines, others)
        party = hit.party if hit else None
        found = mandates.merge(sorted(p.hits, key=lambda h: h.start))
        out.append(_signatory(p, found, party, conf_name, party_reason if party else ""))
    return out


# « tient à signer elle-même, depuis sa propre adresse », « vous écrira séparément »
_APART = re.compile(r"\bsigner (?:elle|lui|eux|elles)[ -]memes?\b|\bseparement\b|\bde son cote\b"
                    r"|\bsa propre adresse\b|\bson propre (?:message|courriel|mail)\b"
                    r"|\b(?:vous )?(?:ecrira|signera|enverra)\b")
# « ma propre signature est déjà enregistrée », « j'ai déjà signé »
_ALREADY = re.compile(r"\b(?:ma|mon) (?:propre )?(?:signature|nom) (?:est|figure) deja\b"
                      r"|\bj ai deja signe\b|\bdeja (?:signe|signataire)\b")


def _not_signing_here(text: str, named: list[_Person], writer: str | None) -> list[_Person]:
    """Without those the mail says sign elsewhere: a colleague who « tient à signer
    elle-même » (in the sentence naming her), the writer who has already signed and
    sends someone else's signature."""
    if len(named) < 2:
        return named
    folded = names.fold(text)
    keep = [p for p in named
            if (writer and names.same_person(p.name, writer))
            or not _APART.search(_sentence_naming(text, folded, p.name))]
    if writer and len(keep) > 1 and _ALREADY.search(folded.replace("'", " ")):
        keep = [p for p in keep if not names.same_person(p.name, writer)]
    return keep or named


def _sentence_naming(text: str, folded: str, name: str) -> str:
    """The sentence that names the person, and the one after it (« Vous recevrez son
    message séparément. »)."""
    at = text.find(name)
    if at == -1:
        return ""
    start = max(folded.rfind(c, 0, at) for c in ".!?\n") + 1
    end = at
    for _ in range(2):
        stops = [i for i in (folded.find(c, end + 1) for c in ".!?\n") if i != -1]
        end = min(stops, default=len(folded))
    return folded[start:end]


def _party_of(p: _Person, lines: list[str], others: set[int]
              ) -> tuple[parties.PartyHit | None, str]:
    """The person's party and where it was read: their lines (« sans étiquette » there
    is no party), else the lines of their offices, else the text outside the other
    signatories' lines (the whole text when they are alone)."""
    block = _block(lines, p.lines, others)
    hit = parties.find_party(block) if block else None
    if hit is not None:
        return hit, "party from the person's lines"
    if block and parties.says_no_party(block):
        return None, ""
    hit = _party_by_offices(lines, p, others)
    if hit is not None:
        return hit, "party from the lines of the person's offices"
    theirs = _block_lines(lines, others)  # another signatory's party is not theirs…
    rest = "\n".join("" if i in theirs and not _SHARED.search(line) else line
                     for i, line in enumerate(lines))  # …unless said of both
    where = "the text outside others' lines" if others else "the whole text"
    return parties.find_party(rest), f"party from {where} (-0.1)"


# « Tous deux membres de Place publique »: a party line said of several signatories
# (« Nous, Lise X et Marc Y, adjoints …, membres du groupe écologiste »)
_SHARED = re.compile(r"\b(?:tou(?:te)?s (?:les )?(?:deux|trois|quatre|cinq)|nous (?:sommes|"
                     r"appartenons)|les deux|ensemble|membres (?:du|de|des|d')|nous,)"
                     r"(?!\w)", re.IGNORECASE)


def _party_by_offices(lines: list[str], p: _Person, others: set[int]
                      ) -> parties.PartyHit | None:
    """The party on the lines of the person's own offices (« je signe, en tant qu'élu
    communiste et conseiller municipal de Sauve »), before the whole text is read,
    where others' parties may be named (« les élus RN ont réclamé des caméras »)."""
    text = "\n".join(lines)
    own = {_line_of(text, h.start) for h in p.hits} - others
    for i in sorted(own):
        found = parties.find_party(" ".join(lines[max(0, i - 1):i + 1]))
        if found:
            return found
    return None


def _block(lines: list[str], owned: set[int], others: set[int] = frozenset()) -> str:
    """The person's lines and the sign-off lines right after them (party, group), up
    to a line of someone else's."""
    return "\n".join(lines[i] for i in sorted(_block_lines(lines, owned, others))
                     if 0 <= i < len(lines))


def _block_lines(lines: list[str], owned: set[int], others: set[int] = frozenset()
                 ) -> set[int]:
    if not owned:
        return set()
    keep = set(owned) - others if set(owned) - others else set(owned)
    last = max(keep)
    for i in range(last + 1, min(len(lines), last + 4)):
        if not lines[i].strip() or i in others:
            break
        keep.add(i)
    return keep


def _writer_name(text: str, display: str | None) -> names.NameGuess | None:
    """Who wrote the mail: « je soussigné·e », the sign-off, else the From display name."""
    guess = names.soussigne_name(text) or names.signoff_name(text, display)
    if guess:
        return guess
    titled = names.titled_name(text)
    if titled and _PROXY.search(text):
        return titled
    shown = names.clean_display_name(display)
    if shown:
        return names.NameGuess(shown, 0.7, "name from From display name (-0.2)")
    return titled


_PROXY = re.compile(r"de la part d|au nom d|pour le compte d|souhaite signer|m'a charg|me charge"
                    r"|vous transmets|transmettre", re.I)


def _signatory(p: _Person, found: list[Mandate], party: str | None, conf_name: float,
               party_reason: str) -> Signatory:
    reasons = [p.reason] if p.reason else []
    if party_reason:
        reasons.append(party_reason)
    dep_conf = 1.0 if found and all(m.departement for m in found) else 0.6
    confidence = {
        "name": conf_name if p.name else 0.0,
        "mandates": 0.9 if found else 0.3,
        "departement": dep_conf if found else 0.0,
        "party": 0.9 if party and "person" in party_reason else (0.7 if party else 0.5),
    }
    return Signatory(name=p.name or None, mandates=tuple(found), party=party,
                     confidence=confidence, reasons=tuple(reasons))
