"""Generated French mails for the benchmarks: a signature on top of a quoted thread.

``padded_mail(i, size)`` is the i-th mail (7 kinds in rotation: quoted-printable,
base64 and 8bit; utf-8 and iso-8859-1; plain text or with an Outlook-like HTML
alternative), about ``size`` bytes, its size made by the quoted call for signatures
as real replies carry it. Message-IDs differ with ``i``.
"""

from __future__ import annotations

import base64
import quopri

_SIGNERS = [  # fictional people; real communes, départements and parties
    ("Élodie Marchand", "elodie.marchand@mairie-rennes.fr",
     "Conseillère municipale de Rennes (35)", "EELV"),
    ("Jean-Noël Perrot", "jn.perrot@ville-grenoble.fr", "Adjoint au maire de Grenoble",
     "PS"),
    ("Hélène Bérard", "helene.berard@loire-atlantique.fr",
     "Conseillère départementale de Loire-Atlantique", "LFI"),
    ("François Lemaître", "f.lemaitre@assemblee-nationale.fr",
     "Député de la 3e circonscription du Val-de-Marne", "PCF"),
    ("Anaïs Du Pont", "anais.dupont@montreuil.fr", "Maire adjointe de Montreuil (93)",
     "Génération·s"),
    ("Gérard Côté", "gerard.cote@gmail.com", "Conseiller régional d'Occitanie", "PS"),
    ("Maëlle Kerbrat", "maelle.kerbrat@orange.fr", "Maire de Plougastel-Daoulas", ""),
]
_CALL = (
    "Madame, Monsieur, la vidéosurveillance algorithmique (VSA) s'installe dans nos "
    "villes sans débat public. Nous, élu·es locaux et nationaux, demandons son "
    "interdiction. Pour signer, répondez simplement à ce message en indiquant vos "
    "prénom et nom, votre mandat, par exemple « conseillère municipale de Lyon », et "
    "votre parti si vous le souhaitez. Merci de faire circuler cet appel autour de vous "
    "et auprès de vos collègues élu·es, à l'échelle municipale comme nationale."
)


def _wrap(text: str, width: int = 72) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _thread(size: int) -> list[str]:
    """Quoted reply history ("Le … a écrit :" then "> " lines), nested, about size bytes."""
    lines: list[str] = []
    depth, total = 1, 0
    while total < size:
        prefix = "> " * depth
        block = [f"{prefix[:-1] if depth > 1 else ''}"
                 f"Le lun. {depth + 3} nov. 2024 à 09:{depth + 10:02d}, Technopolice "
                 "<petition@technopolice.fr> a écrit :".strip(),
                 *[prefix + x for x in _wrap(_CALL)], prefix.rstrip()]
        lines += block
        total += sum(len(x) + 1 for x in block)
        depth = depth % 4 + 1
    return lines


def _html(own: list[str], quoted: list[str]) -> str:
    """An Outlook-like alternative: styles, MsoNormal paragraphs, a blockquote thread."""
    css = "".join(f"p.Mso{i} {{margin:0cm; font-size:11.0pt; font-family:Calibri;}}\n"
                  for i in range(12))
    body = "".join(f'<p class="MsoNormal">{x or "&nbsp;"}<o:p></o:p></p>\n' for x in own)
    quote = "".join(f"<div>{x.lstrip('> ') or '<br>'}</div>\n" for x in quoted)
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=utf-8"><style><!--\n{css}--></style></head><body lang="FR">'
            f'<div class="WordSection1">\n{body}<div id="divRplyFwdMsg"><b>De :</b> '
            "Technopolice &lt;petition@technopolice.fr&gt;<br><b>Envoyé :</b> lundi 4 "
            "novembre 2024 09:30<br><b>Objet :</b> Élu·es contre la VSA</div>\n"
            f'<blockquote style="margin-left:0.8ex">\n{quote}</blockquote></div>'
            "</body></html>")


def _encoded(text: str, charset: str, cte: str) -> bytes:
    data = text.encode(charset, "replace")
    if cte == "base64":
        return base64.encodebytes(data)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    return data


def _part(ctype: str, text: str, charset: str, cte: str) -> bytes:
    return (f"Content-Type: {ctype}; charset=\"{charset}\"\r\n"
            f"Content-Transfer-Encoding: {cte}\r\n\r\n").encode() + _encoded(
                text, charset, cte).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def padded_mail(i: int, size: int) -> bytes:
    """The i-th generated mail, about ``size`` bytes (7 kinds in rotation)."""
    name, _, office, party = _SIGNERS[i % len(_SIGNERS)]
    own = ["Bonjour,", "", "Je signe la tribune contre la VSA.", "",
           name, office + (f", {party}" if party else ""), ""]
    kind = i % 7
    charset = "iso-8859-1" if kind in (2, 3, 5) else "utf-8"
    cte = ("quoted-printable", "base64", "quoted-printable", "8bit", "quoted-printable",
           "quoted-printable", "quoted-printable")[kind]
    quoted = _thread(size)
    low, high = 0, len(quoted)  # the most quoted lines that keep the mail within size
    while low < high:
        mid = (low + high + 1) // 2
        if len(_assemble(i, kind, own, quoted[:mid], charset, cte)) <= size * 1.05:
            low = mid
        else:
            high = mid - 1
    return _assemble(i, kind, own, quoted[:low], charset, cte)


def _assemble(i: int, kind: int, own: list[str], quoted: list[str], charset: str,
              cte: str) -> bytes:
    name, address, _, _ = _SIGNERS[i % len(_SIGNERS)]
    plain = "\n".join(own + quoted) + "\n"
    subject = base64.b64encode("Re: Élu·es contre la VSA : signez la tribune".encode())
    display = base64.b64encode(name.encode()).decode()
    head = (f"Return-Path: <{address}>\r\n"
            "Authentication-Results: mx.technopolice.fr; dkim=pass header.d="
            f"{address.split('@')[1]} header.s=s1; spf=pass; dmarc=pass "
            f"header.from={address.split('@')[1]}\r\n"
            f"From: =?utf-8?b?{display}?= <{address}>\r\n"
            "To: petition@technopolice.fr\r\n"
            f"Subject: =?utf-8?b?{subject.decode()}?=\r\n"
            f"Date: Mon, 04 Nov 2024 10:{i % 60:02d}:00 +0100\r\n"
            f"Message-ID: <bench-{i}@example.org>\r\n"
            "In-Reply-To: <tribune-vsa-20241104.0930@technopolice.fr>\r\n"
            "MIME-Version: 1.0\r\n").encode()
    if kind < 4:
        return head + _part("text/plain", plain, charset, cte)
    html_cte = "base64" if kind == 4 else "quoted-printable"
    html = _html(own, quoted)
    boundary = f"=_bench_{i}"
    return (head + f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\n".encode() + _part("text/plain", plain, charset, cte)
            + f"\r\n--{boundary}\r\n".encode() + _part("text/html", html, charset, html_cte)
            + f"\r\n--{boundary}--\r\n".encode())


