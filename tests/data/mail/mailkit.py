"""Building blocks for the hand-written test mails: headers, MIME parts, mail clients.

Used only by make_mail.py (which holds the cases); deterministic output.
"""

from __future__ import annotations

import base64
import hashlib
import html
import quopri
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formataddr

CRLF = "\r\n"
MX = "mx.technopolice.fr"
CALL_ID = "<appel-vsa-20260112.0930@technopolice.fr>"
CALL_DATE = "lundi 12 janvier 2026 09:30"
CALL_SUBJECT = "Élu·es contre la VSA : signez la tribune"

CALL_TEXT = """Madame l'élue, Monsieur l'élu,

La vidéosurveillance algorithmique (VSA), autorisée « à titre expérimental »
pour les Jeux de 2024, est en passe d'être pérennisée. Elle fait de chaque
passant un suspect et ouvre la voie à la reconnaissance faciale.

Nous invitons les élu·es de toute la France à signer la tribune « Élu·es
contre la VSA ». Pour signer, répondez à ce message, si possible depuis votre
adresse d'élu·e, en indiquant :
 - vos prénom et nom ;
 - votre mandat, par exemple « conseillère municipale de Paris (75) » ;
 - le cas échéant, votre parti ou groupe politique.

Les signatures d'élu·es d'extrême droite ne seront pas retenues.

La campagne Technopolice
https://technopolice.fr/vsa-elus"""


def _h(key: str, n: int = 16) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:n]


def enc_header(text: str, charset: str = "utf-8") -> str:
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, charset, maxlinelen=74).encode(linesep=CRLF + " ")


def addr(name: str | None, address: str, charset: str = "utf-8") -> str:
    if not name:
        return address
    return formataddr((name, address), charset=charset)


def qp(text: str, charset: str) -> str:
    raw = text.replace("\r\n", "\n").replace("\n", "\r\n").encode(charset)
    out = quopri.encodestring(raw).decode("ascii")
    return out.replace("\r\n", "\n").replace("=0D\n", "\n").replace("=0D=\n", "=\n")


def b64(data: bytes) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i : i + 76] for i in range(0, len(s), 76))


@dataclass
class Part:
    """A leaf part: content type, charset, transfer encoding, text or bytes."""

    ctype: str
    body: str | bytes
    charset: str | None = "utf-8"
    cte: str = "quoted-printable"
    params: str = ""
    extra: list[str] = field(default_factory=list)

    def render(self) -> str:
        ct = self.ctype + (f'; charset="{self.charset}"' if self.charset else "") + self.params
        head = [f"Content-Type: {ct}", *self.extra, f"Content-Transfer-Encoding: {self.cte}"]
        if isinstance(self.body, bytes):
            payload = b64(self.body)
        elif self.cte == "quoted-printable":
            payload = qp(self.body, self.charset or "ascii")
        elif self.cte == "base64":
            payload = b64(self.body.replace("\n", "\r\n").encode(self.charset or "ascii"))
        else:
            payload = self.body
        return "\n".join(head) + "\n\n" + payload


@dataclass
class Multi:
    subtype: str
    parts: list
    boundary: str
    params: str = ""
    extra: list[str] = field(default_factory=list)

    def render(self) -> str:
        head = [
            f'Content-Type: multipart/{self.subtype};{self.params} boundary="{self.boundary}"',
            *self.extra,
        ]
        body = (
            ["This is a multi-part message in MIME format.", ""] if self.subtype == "mixed" else []
        )
        for p in self.parts:
            body += [f"--{self.boundary}", p.render(), ""]
        body.append(f"--{self.boundary}--")
        return "\n".join(head) + "\n\n" + "\n".join(body) + "\n"


def auth_header(mode: str, domain: str, mailfrom: str, ip: str) -> list[str]:
    """Authentication-Results headers (top-most first) for a trust mode."""
    spf = (f"spf=pass ({MX}: domain of {mailfrom} designates {ip} as permitted sender)"
           f"\n smtp.mailfrom={mailfrom}")
    b = _h(domain + mode, 8)
    parent = domain.split(".", 1)[1] if domain.count(".") >= 2 else domain
    rows = {
        "pass": [
            f"dkim=pass header.d={domain} header.s=s1 header.b={b}",
            spf,
            f"dmarc=pass (policy=quarantine) header.from={domain}",
        ],
        "dkim_only": [
            f"dkim=pass header.d={domain} header.s=mail header.b={b}",
            "spf=neutral smtp.mailfrom=" + mailfrom,
            f"dmarc=none header.from={domain}",
        ],
        "dkim_parent": [
            f"dkim=pass header.d={parent} header.s=sel1 header.b={b}",
            "spf=softfail smtp.mailfrom=" + mailfrom,
            f"dmarc=none header.from={domain}",
        ],
        "dkim_other": [
            f"dkim=pass header.d=mte1.mailjet-relay.com header.s=k1 header.b={b}",
            f"dkim=fail (body hash mismatch) header.d={domain}",
            "spf=fail smtp.mailfrom=" + mailfrom,
            f"dmarc=fail (p=none dis=none) header.from={domain}",
        ],
        "fail": [
            "dkim=none",
            "spf=fail smtp.mailfrom=" + mailfrom,
            f"dmarc=fail (p=reject dis=none) header.from={domain}",
        ],
        "none": [
            "dkim=none",
            "spf=none smtp.mailfrom=" + mailfrom,
            f"dmarc=none header.from={domain}",
        ],
    }
    if mode == "forged":
        fake = [
            f"Authentication-Results: mx.{domain};",
            f"\tdkim=pass header.d={domain} header.s=s1;",
            f"\tspf=pass smtp.mailfrom={mailfrom};",
            f"\tdmarc=pass header.from={domain}",
        ]
        return _ar(rows["fail"]) + fake
    if mode == "lookalike":
        fake = [
            "Authentication-Results: technopolice.fr;",
            f"\tdkim=pass header.d={domain};",
            f"\tdmarc=pass header.from={domain}",
        ]
        return fake + _ar(rows["none"])
    if mode == "top_fail":
        return _ar(rows["fail"]) + _ar(rows["pass"])
    return _ar(rows[mode])


def _ar(items: list[str]) -> list[str]:
    lines = [f"Authentication-Results: {MX};"]
    for i, it in enumerate(items):
        sep = ";" if i < len(items) - 1 else ""
        first, *rest = it.split("\n")
        lines.append("\t" + first + ("" if rest else sep))
        for j, r in enumerate(rest):
            lines.append(r + (sep if j == len(rest) - 1 else ""))
    return lines


CLIENTS = {
    "gmail": dict(
        relay="mail-wr1-f54.google.com", ip="209.85.221.54", msgid="CA+{h}@mail.gmail.com", extra=[]
    ),
    "outlook": dict(
        relay="mail-pr3eur02on2071.outbound.protection.outlook.com",
        ip="40.107.189.71",
        msgid="PR3P195MB{H}@PR3P195MB3487.EURP195.PROD.OUTLOOK.COM",
        extra=[
            "Thread-Index: AdyD{h}==",
            "Accept-Language: fr-FR, en-US",
            "Content-Language: fr-FR",
            "X-MS-Has-Attach: ",
            "X-MS-TNEF-Correlator: ",
        ],
    ),
    "exchange": dict(
        relay="smtp-out.{dom}",
        ip="194.51.42.17",
        msgid="{h}@EXCH-02.{dom}",
        extra=["Content-Language: fr-FR", "X-MS-Exchange-Organization-AuthAs: Internal"],
    ),
    "thunderbird": dict(
        relay="smtp.{dom}",
        ip="80.12.242.140",
        msgid="{h}@{dom}",
        extra=["User-Agent: Mozilla Thunderbird", "Content-Language: fr"],
    ),
    "apple": dict(
        relay="ms-smtp.{dom}",
        ip="17.58.63.182",
        msgid="{H}@{dom}",
        extra=["X-Mailer: iPhone Mail (22D82)"],
    ),
    "applemac": dict(
        relay="smtp.{dom}",
        ip="17.58.63.190",
        msgid="{H}@{dom}",
        extra=["X-Mailer: Apple Mail (2.3826.400.131.1.6)"],
    ),
    "zimbra": dict(
        relay="zimbra.{dom}",
        ip="193.50.110.22",
        msgid="{h}.{h}@zimbra.{dom}",
        extra=[
            "X-Mailer: Zimbra 10.0.8_GA_4647 (ZimbraWebClient - FF133 (Linux)/10.0.8_GA_4647)",
            "Thread-Index: {h}",
            "Thread-Topic: tribune VSA",
        ],
    ),
    "orange": dict(
        relay="smtp-out.orange.fr",
        ip="80.12.242.15",
        msgid="{h}.{h}@wwinf2204",
        extra=[
            "X-Originating-IP: [90.42.118.7]",
            "X-Wum-Nature: EMAIL-NATURE",
            "X-WUM-FROM: |~|",
            "X-WUM-TO: |~|",
        ],
    ),
    "free": dict(
        relay="smtp6-g21.free.fr",
        ip="212.27.42.6",
        msgid="{h}.{h}.JavaMail.root@zimbra65-e11.priv.proxad.net",
        extra=[
            "X-Mailer: Zimbra 7.2.0-GA2598 (ZimbraWebClient - FF3.0 (Linux)/7.2.0-GA2598)",
            "X-Originating-IP: [82.64.12.99]",
        ],
    ),
    "sfr": dict(
        relay="smtp-out.sfr.fr",
        ip="93.17.128.95",
        msgid="{h}@webmail.sfr.fr",
        extra=["X-Mailer: SFR Webmail"],
    ),
    "proton": dict(
        relay="mail-4316.protonmail.ch",
        ip="185.70.43.16",
        msgid="{h}{h}=@proton.me",
        extra=["Feedback-ID: 4471290:user:proton", "X-Pm-Message-ID: {h}"],
    ),
    "laposte": dict(
        relay="smtp.laposte.net",
        ip="160.92.124.66",
        msgid="{h}.{h}@laposte.net",
        extra=["X-Mailer: Laposte.net webmail"],
    ),
    "mta": dict(relay="{dom}", ip="91.68.209.4", msgid="{H}@{dom}", extra=[]),
}


@dataclass
class Mail:
    """One message to write: envelope, trust mode, headers and MIME tree."""

    key: str
    client: str
    from_name: str | None
    from_addr: str
    subject: str
    date: str
    body: object
    auth: str = "pass"
    reply: bool = True
    extra: list[str] = field(default_factory=list)
    return_path: str | None = None
    subject_charset: str = "utf-8"

    def render(self) -> bytes:
        c = CLIENTS[self.client]
        dom = self.from_addr.split("@")[1]
        h, big = _h(self.key), _h(self.key, 32).upper()
        sub = lambda s: s.replace("{h}", h).replace("{H}", big).replace("{dom}", dom)  # noqa: E731
        relay, ip = sub(c["relay"]), c["ip"]
        rp = self.from_addr if self.return_path is None else self.return_path
        lines = [f"Return-Path: <{rp}>", "Delivered-To: petition@technopolice.fr"]
        lines += auth_header(self.auth, dom, rp or "<>", ip)
        qid = _h(self.key + "q", 11).upper()
        lines += [
            f"Received: from {relay} ({relay} [{ip}])",
            "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))",
            f"\tby {MX} (Postfix) with ESMTPS id {qid}",
            f"\tfor <petition@technopolice.fr>; {self.date}",
        ]
        if self.auth in ("pass", "dkim_only", "dkim_parent"):
            d = dom if self.auth != "dkim_parent" else dom.split(".", 1)[1]
            lines += [
                f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={d};",
                f"\ts=s1; t=1768210000; bh={_h(self.key + 'bh', 43)}=;",
                "\th=From:To:Subject:Date:Message-ID;",
                f"\tb={_h(self.key + 'b', 64)}",
            ]
        lines += [
            f"From: {addr(self.from_name, self.from_addr)}",
            "To: petition@technopolice.fr"
            if self.client != "outlook"
            else "To: Campagne Technopolice <petition@technopolice.fr>",
            f"Subject: {enc_header(self.subject, self.subject_charset)}",
            f"Date: {self.date}",
            f"Message-ID: <{sub(c['msgid'])}>",
        ]
        if self.reply:
            lines += [f"In-Reply-To: {CALL_ID}", f"References: {CALL_ID}"]
        lines += [sub(x) for x in c["extra"]] + self.extra
        lines.append("MIME-Version: 1.0")
        text = "\n".join(lines) + "\n" + self.body.render()
        if not text.endswith("\n"):
            text += "\n"
        return (
            text.replace("\r\n", "\n").replace("\n", "\r\n").encode(_eight_bit_charset(self.body))
        )


def _eight_bit_charset(tree) -> str:
    """The charset the raw 8bit parts are written in (one per message), else ascii."""
    if isinstance(tree, Multi):
        found = {_eight_bit_charset(p) for p in tree.parts} - {"ascii"}
        assert len(found) <= 1, found
        return found.pop() if found else "ascii"
    return (tree.charset or "ascii") if tree.cte == "8bit" else "ascii"


# --- quoting styles ---------------------------------------------------------------


def gt(text: str) -> str:
    return "\n".join(("> " + ln) if ln else ">" for ln in text.split("\n"))


def quote_block(style: str) -> str:
    """The campaign's call as each client quotes it (plain text)."""
    frm = "Campagne Technopolice <petition@technopolice.fr>"
    if style == "gmail":
        return f"Le lun. 12 janv. 2026 à 09:30, {frm} a écrit :\n\n" + gt(CALL_TEXT)
    if style == "outlook":
        return (
            "________________________________\n"
            "De : Campagne Technopolice <petition@technopolice.fr>\n"
            f"Envoyé : {CALL_DATE}\nÀ : Undisclosed recipients\nObjet : {CALL_SUBJECT}\n\n"
            + CALL_TEXT
        )
    if style == "thunderbird":
        return "Le 12/01/2026 à 09:30, Campagne Technopolice a écrit :\n" + gt(CALL_TEXT)
    if style == "apple":
        return f"> Le 12 janv. 2026 à 09:30, {frm} a écrit :\n>\n" + gt(CALL_TEXT)
    if style == "zimbra":
        return (
            '----- Mail original -----\nDe: "Campagne Technopolice" <petition@technopolice.fr>\n'
            f'À: "petition" <petition@technopolice.fr>\nEnvoyé: Lundi 12 Janvier 2026 09:30:00\n'
            f"Objet: {CALL_SUBJECT}\n\n" + gt(CALL_TEXT)
        )
    if style == "orange":
        return (
            "> Message du 12/01/26 09:30\n"
            '> De : "Campagne Technopolice" <petition@technopolice.fr>\n'
            "> A : petition@technopolice.fr\n> Copie à :\n> Objet : "
            + CALL_SUBJECT
            + "\n>\n"
            + gt(CALL_TEXT)
        )
    if style == "proton":
        return (
            "------- Original Message -------\n"
            "Le lundi 12 janvier 2026 à 09:30, Campagne Technopolice "
            "<petition@technopolice.fr> a écrit :\n\n" + gt(CALL_TEXT)
        )
    raise ValueError(style)


def to_html(text: str, quote: str | None, style: str, outlook: bool = False) -> str:
    esc = lambda s: html.escape(s, quote=False)  # noqa: E731
    if outlook:
        paras = "\n".join(
            f'<p class="MsoNormal">{esc(ln) or "&nbsp;"}<o:p></o:p></p>' for ln in text.split("\n")
        )
        q = ""
        if quote:
            head, _, rest = quote.partition("\n\n")
            hl = "<br>\n".join(esc(x) for x in head.split("\n")[1:])
            q = (
                '<div style="border:none;border-top:solid #E1E1E1 1.0pt;'
                'padding:3.0pt 0cm 0cm 0cm">\n'
                f'<p class="MsoNormal"><b>{hl}</b></p></div>\n'
                + "\n".join(
                    f'<p class="MsoNormal">{esc(ln) or "&nbsp;"}</p>' for ln in rest.split("\n")
                )
            )
        return (
            '<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head>\n'
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\n'
            "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; "
            'font-family:"Calibri",sans-serif;} --></style>\n'
            '</head>\n<body lang="FR" link="#0563C1" vlink="#954F72">\n<div class="WordSection1">\n'
            + paras
            + "\n"
            + q
            + "\n</div>\n</body>\n</html>"
        )
    body = "\n".join(
        f"<div>{esc(ln)}</div>" if ln else "<div><br></div>" for ln in text.split("\n")
    )
    q = ""
    if quote:
        lines = [ln[2:] if ln.startswith("> ") else ln.lstrip(">") for ln in quote.split("\n")]
        head = lines[0]
        rest = "<br>\n".join(esc(x) for x in lines[1:])
        cls = {"gmail": 'class="gmail_quote"', "proton": 'class="protonmail_quote"'}.get(
            style, 'type="cite"'
        )
        q = (
            f'<div {cls}><div dir="ltr">{esc(head)}<br></div>'
            '<blockquote style="margin:0px 0px 0px 0.8ex;'
            'border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            f"\n{rest}\n</blockquote></div>"
        )
    return f'<html><head></head><body><div dir="ltr">\n{body}\n</div>\n{q}\n</body></html>'
