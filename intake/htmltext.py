"""HTML body → plain text lines, with quoted blocks marked by "> ".

A small renderer on the stdlib `html.parser`: block elements, `<br>`, table rows and
list items become lines; cells of a row are separated by a tab; script, style and
head are dropped; entities are decoded. A `<blockquote>` or a Gmail `gmail_quote`
block is prefixed with "> " on every line (unless it holds a forwarded message), so
that `quotes.split_quotes` treats it as quoted. Outlook reply header blocks
(`divRplyFwdMsg`, the `border-top` header div) are rendered as ordinary
"De : … / Envoyé : … / Objet : …" lines, which `split_quotes` recognises.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

log = logging.getLogger(__name__)

_BLOCK = frozenset({
    "p", "div", "br", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
    "h4", "h5", "h6", "pre", "hr", "section", "article", "header", "footer", "address",
    "center", "form", "blockquote", "tbody", "thead", "tfoot", "caption", "body", "nav",
    "aside", "main", "figure", "figcaption",
})
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "object"})
_VOID = frozenset({
    "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "param",
    "source", "track", "wbr",
})
_CELL = frozenset({"td", "th"})
_QUOTE_TAGS = frozenset({"blockquote", "div"})  # the only tags whose attributes matter
_SPACES = re.compile(r"[ \t\r\n\f\v\u200b]+")
_FORWARD_START = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|message transf[ée]r[ée])"
    r"|d[ée]but du message r[ée]exp[ée]di[ée]|begin forwarded message)",
    re.IGNORECASE,
)
_MAX_DEPTH = 500
_INNER_QUOTE, _OUTER_QUOTE = 1, 2


def _is_quote_container(tag: str, attrs: dict[str, str]) -> bool:
    if tag == "blockquote":
        return True
    if tag == "div":
        classes = attrs.get("class", "").split()
        return "gmail_quote" in classes or "gmail_quote_container" in classes
    return False


class _Renderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.buffers: list[list[str]] = [[]]  # one per open quote container (outermost only)
        self.line: list[str] = []
        self.has_content = False
        self.tags: list[str] = []  # the open elements, outermost first
        self.quotes: list[int] = []  # for each: 0, _INNER_QUOTE or _OUTER_QUOTE
        self.skip_depth = 0
        self.quote_depth = 0
        self.pre_depth = 0

    def updatepos(self, i: int, j: int) -> int:
        """No line and column bookkeeping: nothing here reports positions."""
        return j

    # -- output --------------------------------------------------------------
    def _flush(self, blank: bool = False) -> None:
        """End the current line; an empty line is kept only for `<br>` or `&nbsp;`."""
        text = "".join(self.line).replace("\u00a0", " ").strip(" \t")
        if text == "--":
            text = "-- "  # the signature separator keeps its space
        keep = bool(text) or self.has_content or blank
        self.line = []
        self.has_content = False
        out = self.buffers[-1]
        if keep and (text or (out and out[-1] != "")):
            out.append(text)

    def _text(self, data: str) -> None:
        if self.pre_depth:
            parts = data.replace("\r\n", "\n").split("\n")
            for index, part in enumerate(parts):
                if index:
                    self._flush(blank=True)
                self.line.append(part)
            self.has_content = True
            return
        if "\u00a0" in data:
            self.has_content = True
        data = _SPACES.sub(" ", data)
        if not data:
            return
        if data == " " and (not self.line or self.line[-1].endswith((" ", "\t"))):
            return
        if self.line and self.line[-1].endswith((" ", "\t")) and data.startswith(" "):
            data = data[1:]
        self.line.append(data)

    # -- parser callbacks ----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip_depth += 1
                self.tags.append(tag)
                self.quotes.append(0)
            return
        if self.skip_depth:
            return
        if tag == "br":
            self._flush(blank=True)
        elif tag in _BLOCK:
            self._flush()
        elif tag in _CELL and self.line:
            self.line.append("\t")
        if tag in _VOID:
            return
        if len(self.tags) >= _MAX_DEPTH:
            return
        quote = 0
        if tag in _QUOTE_TAGS and _is_quote_container(
                tag, {key: value or "" for key, value in attrs}):
            quote = _INNER_QUOTE if self.quote_depth else _OUTER_QUOTE
            if quote == _OUTER_QUOTE:
                self.buffers.append([])
            self.quote_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        self.tags.append(tag)
        self.quotes.append(quote)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth:
            return
        if tag == "br":
            self._flush(blank=True)
        elif tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.tags:
            if tag in _BLOCK and not self.skip_depth:
                self._flush()
            return
        while self.tags:
            open_tag = self.tags.pop()
            self._close(open_tag, self.quotes.pop())
            if open_tag == tag:
                break

    def _close(self, tag: str, quote: int) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in _BLOCK:
            self._flush()
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if quote:
            self.quote_depth -= 1
        if quote == _OUTER_QUOTE:
            self._flush()
            self._close_quote()

    def _close_quote(self) -> None:
        lines = self.buffers.pop()
        while lines and not lines[-1]:
            lines.pop()
        first = next((line for line in lines if line), "")
        target = self.buffers[-1]
        if target and target[-1] != "":
            target.append("")
        if _FORWARD_START.match(first):
            target.extend(lines)
        else:
            target.extend(f"> {line}" if line else ">" for line in lines)
        target.append("")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self._text(data)

    def finish(self) -> str:
        self.close()
        while self.tags:
            self._close(self.tags.pop(), self.quotes.pop())
        self._flush()
        while len(self.buffers) > 1:
            self._close_quote()
        lines = self.buffers[0]
        return "\n".join(lines).strip("\n")


def html_to_text(html: str) -> str:
    """Render HTML as text: one line per block, quoted blocks prefixed with "> "."""
    renderer = _Renderer()
    try:
        renderer.feed(html)
        return renderer.finish()
    except Exception:  # html.parser is lenient; this is a last resort
        log.warning("HTML rendering failed; falling back to tag stripping", exc_info=True)
        return _SPACES.sub(" ", re.sub(r"<[^<>]*>", " ", html)).strip()
