"""html_to_text: blocks become lines, quotes are marked, junk is dropped."""

from __future__ import annotations

import time

from petition.intake.htmltext import html_to_text
from petition.intake.quotes import split_quotes


def test_paragraphs_divs_and_br_become_lines():
    html = "<div>Bonjour,</div><div><br></div><div>Je signe.<br>Aline Caron</div><p>Maire</p>"
    assert html_to_text(html) == "Bonjour,\n\nJe signe.\nAline Caron\nMaire"


def test_inline_whitespace_is_collapsed_and_entities_decoded():
    html = ("<p>Conseill&egrave;re   municipale\n de  S&#233;te &amp; environs"
            " &laquo;&nbsp;x&nbsp;&raquo;</p>")
    assert html_to_text(html) == "Conseillère municipale de Séte & environs « x »"


def test_script_style_head_are_dropped():
    html = ("<html><head><title>T</title><style>p {color: red}</style></head>"
            "<body><script>alert(1)</script><p>Texte</p></body></html>")
    assert html_to_text(html) == "Texte"


def test_outlook_msonormal_paragraphs_with_nbsp_blank_lines():
    html = ('<div class="WordSection1"><p class="MsoNormal">Bonjour,<o:p></o:p></p>\n'
            '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
            '<p class="MsoNormal">Je signe.<o:p></o:p></p>\n'
            '<p class="MsoNormal">Karim Saïdi<o:p></o:p></p></div>')
    assert html_to_text(html) == "Bonjour,\n\nJe signe.\nKarim Saïdi"


def test_table_rows_become_lines_and_cells_are_tab_separated():
    html = ("<table><tr><td><img src='x.png'></td><td><b>Emma Petit</b><br>Maire de Dole</td></tr>"
            "<tr><td>Parti</td><td>PS</td></tr></table>")
    assert html_to_text(html) == "Emma Petit\nMaire de Dole\nParti\tPS"


def test_list_items_and_headings_are_lines():
    html = "<h2>Signature</h2><ul><li>Nom : Léo Martin</li><li>Mandat : maire</li></ul>"
    assert html_to_text(html) == "Signature\nNom : Léo Martin\nMandat : maire"


def test_blockquote_lines_are_prefixed():
    html = "<p>Je signe.</p><blockquote type='cite'><p>Signez</p><p>votre mandat</p></blockquote>"
    assert html_to_text(html) == "Je signe.\n\n> Signez\n> votre mandat"


def test_nested_blockquotes_are_prefixed_once():
    html = "<blockquote>a<blockquote>b</blockquote>c</blockquote>"
    assert html_to_text(html) == "> a\n> b\n> c"


def test_gmail_quote_with_attribution_is_quoted():
    html = ('<div dir="ltr">Je signe.</div><br><div class="gmail_quote">'
            '<div dir="ltr" class="gmail_attr">Le lun. 3 nov. 2026 à 10:00, X &lt;x@y.fr&gt; '
            'a écrit :<br></div><blockquote class="gmail_quote">Indiquez votre mandat'
            '</blockquote></div>')
    text = html_to_text(html)
    assert text.startswith("Je signe.\n")
    assert "> Le lun. 3 nov. 2026 à 10:00, X <x@y.fr> a écrit :" in text
    assert split_quotes(text).own == "Je signe."


def test_gmail_forward_is_not_marked_as_quote():
    html = ('<div>Pour info</div><div class="gmail_quote"><div class="gmail_attr">'
            '---------- Forwarded message ---------<br>De&nbsp;: <b>Luc</b> &lt;l@m.fr&gt;<br>'
            'Subject: Tribune<br></div><br><div>Je signe, Luc Bernard</div></div>')
    text = html_to_text(html)
    split = split_quotes(text)
    assert split.own == "Pour info"
    assert split.forwarded == "Je signe, Luc Bernard"


def test_outlook_reply_header_div_is_recognised_by_split_quotes():
    html = ('<p class="MsoNormal">Je signe.</p>'
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
            '<p class="MsoNormal"><b>De&nbsp;:</b> Collectif &lt;a@b.org&gt;<br>'
            '<b>Envoyé&nbsp;:</b> lundi 3 novembre 2026 10:00<br>'
            '<b>À&nbsp;:</b> Élus<br><b>Objet&nbsp;:</b> Appel</p></div>'
            '<p class="MsoNormal">Indiquez votre mandat</p>')
    text = html_to_text(html)
    assert "De : Collectif <a@b.org>\nEnvoyé : lundi 3 novembre 2026 10:00" in text
    split = split_quotes(text)
    assert split.own == "Je signe."
    assert split.quoted.endswith("Indiquez votre mandat")


def test_outlook_web_divrplyfwdmsg_is_recognised():
    html = ('<div>Je signe.</div><div id="appendonsend"></div><hr>'
            '<div id="divRplyFwdMsg"><b>From:</b> C &lt;a@b.org&gt;<br><b>Sent:</b> Monday<br>'
            '<b>Subject:</b> Call</div><div>Body of the call</div>')
    assert split_quotes(html_to_text(html)).own == "Je signe."


def test_pre_keeps_its_lines():
    assert html_to_text("<pre>a  b\nc</pre>") == "a  b\nc"


def test_broken_html_does_not_raise():
    assert html_to_text("<div><p>texte <b>gras</div></span></p><td>") == "texte gras"
    assert html_to_text("<<<>>>&&&;") is not None


def test_deep_nesting_and_large_input_are_fast():
    html = "<div>" * 5000 + "fond" + "</div>" * 5000 + "<p>x</p>" * 20_000
    start = time.perf_counter()
    text = html_to_text(html)
    assert time.perf_counter() - start < 2.0
    assert text.startswith("fond")


def test_thunderbird_reply_prefix_and_cite():
    html = ('<p>Je signe.</p><div class="moz-cite-prefix">Le 03/11/2026 à 10:00, Collectif a'
            ' écrit&nbsp;:<br></div><blockquote type="cite">Indiquez votre mandat</blockquote>'
            '<pre class="moz-signature" cols="72">-- \nIris Lenoir\nMaire de Redon (35)</pre>')
    split = split_quotes(html_to_text(html))
    assert split.own == "Je signe.\n\n-- \nIris Lenoir\nMaire de Redon (35)"
    assert "Indiquez votre mandat" in split.quoted


def test_thunderbird_forward_header_table():
    html = ('<p>Pour la tribune.</p><div class="moz-forward-container">'
            '-------- Message transféré --------<table class="moz-email-headers-table"><tbody>'
            '<tr><th>Sujet&nbsp;:</th><td>Tribune</td></tr>'
            '<tr><th>Date&nbsp;:</th><td>Mon, 3 Nov 2026 18:41:00 +0100</td></tr>'
            '<tr><th>De&nbsp;:</th><td>Luc Bernard <a href="mailto:l@m.fr">&lt;l@m.fr&gt;</a>'
            '</td></tr></tbody></table><br><br>Je signe, Luc Bernard, maire de Millau.</div>')
    split = split_quotes(html_to_text(html))
    assert split.own == "Pour la tribune."
    assert split.forwarded == "Je signe, Luc Bernard, maire de Millau."
