import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition.intake.authres import (
    _split_outside_quotes,
    _strip_comments,
    parse_authres,
    trusted_results,
)

OURS = "mx.technopolice.fr"


def test_folded_header_with_comments_and_two_dkim_results():
    value = (
        "mx.technopolice.fr;\r\n\tdkim=pass header.d=relay.example header.s=s1 header.b=ab/+=;\r\n"
        "\tdkim=pass (2048-bit key) header.d=ville-nogent.fr header.i=@ville-nogent.fr;\r\n"
        "\tspf=pass (mx.technopolice.fr: domain of x@ville-nogent.fr\r\n designates 192.0.2.1"
        " as permitted sender) smtp.mailfrom=x@ville-nogent.fr;\r\n"
        "\tdmarc=pass (policy=none) header.from=ville-nogent.fr"
    )
    parsed = parse_authres(value)
    assert parsed is not None
    assert parsed.authserv_id == OURS
    dkim = parsed.of("dkim")
    assert [r.prop("header.d") for r in dkim] == ["relay.example", "ville-nogent.fr"]
    assert dkim[0].prop("header.b") == "ab/+="
    assert dkim[1].prop("header.i") == "@ville-nogent.fr"
    assert parsed.of("spf")[0].prop("smtp.mailfrom") == "x@ville-nogent.fr"
    assert parsed.of("dmarc")[0].result == "pass"
    assert parsed.of("dmarc")[0].prop("header.from") == "ville-nogent.fr"


def test_result_inside_a_comment_is_not_read():
    parsed = parse_authres("mx.technopolice.fr; dkim=fail (was dkim=pass header.d=paris.fr)"
                           " header.d=paris.fr")
    assert parsed is not None
    assert [(r.method, r.result) for r in parsed.results] == [("dkim", "fail")]


def test_nested_and_escaped_comments():
    parsed = parse_authres(r"mx.technopolice.fr (a (b \) dmarc=pass) c); dmarc=fail"
                           " header.from=x.fr")
    assert parsed is not None
    assert [(r.method, r.result) for r in parsed.results] == [("dmarc", "fail")]


def test_quoted_string_keeps_semicolons_inside():
    parsed = parse_authres('mx.technopolice.fr; spf=pass smtp.mailfrom="a;dkim=pass"@evil.example;'
                           " dmarc=fail header.from=paris.fr")
    assert parsed is not None
    assert [(r.method, r.result) for r in parsed.results] == [("spf", "pass"), ("dmarc", "fail")]
    assert parsed.of("spf")[0].prop("smtp.mailfrom") == '"a;dkim=pass"@evil.example'


def test_trailing_and_doubled_semicolons_and_spaces_around_equals():
    parsed = parse_authres("MX.Technopolice.FR 1; dkim = pass header.d = Senat.fr;; dmarc=none;")
    assert parsed is not None
    assert parsed.authserv_id == OURS
    assert parsed.of("dkim")[0].prop("header.d") == "Senat.fr"
    assert parsed.of("dmarc")[0].result == "none"


def test_quoted_property_value_is_unquoted():
    parsed = parse_authres('mx.technopolice.fr; dkim=pass header.d="paris.fr"')
    assert parsed is not None
    assert parsed.of("dkim")[0].prop("header.d") == "paris.fr"


def test_none_and_garbage():
    none = parse_authres("mx.technopolice.fr; none")
    assert none is not None and none.results == ()
    assert parse_authres("") is None
    assert parse_authres("   ;dkim=pass header.d=paris.fr") is None
    garbage = parse_authres("mx.technopolice.fr; =pass; dkim; dkim=; x")
    assert garbage is not None and garbage.results == ()


def test_version_after_method_is_dropped():
    parsed = parse_authres("mx.technopolice.fr; dkim/1=pass header.d=paris.fr")
    assert parsed is not None
    assert parsed.of("dkim")[0].result == "pass"


def test_trusted_results_takes_the_top_most_trusted_header():
    forged_other = "mx.technopolice.fr.mail-filter.net; dmarc=pass header.from=paris.fr"
    ours = "mx.technopolice.fr; dmarc=fail header.from=paris.fr"
    forged_below = "mx.technopolice.fr; dmarc=pass header.from=paris.fr"
    chosen = trusted_results([forged_other, ours, forged_below], (OURS,))
    assert chosen is not None
    assert chosen.of("dmarc")[0].result == "fail"


def test_trusted_results_none_without_our_header():
    assert trusted_results(["mx1.assemblee-nationale.fr; dmarc=pass"], (OURS,)) is None
    assert trusted_results([], (OURS,)) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab.=;()"\\ \t\r\n/@-pasfildkmrx1')), max_size=80))
def test_any_text_parses_or_returns_none(value):
    parsed = parse_authres(value)
    assert parsed is None or parsed.authserv_id


@pytest.mark.parametrize(("text", "expected"), [
    ("a (b) c", "a   c"),
    ("a (b (c) d) e", "a   e"),
    ("a ) b", "a ) b"),
    ("a (b", "a "),
    ("a (b) (c", "a   "),
    ('a "(b)" c', 'a "(b)" c'),
    ("a (b \\) c) d", "a   d"),
    ('a ("b)") c', 'a  ") c'),  # no quoting inside a comment
])
def test_comments_with_and_without_quotes(text, expected):
    assert _strip_comments(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a;b;;c", ["a", "b", "", "c"]),
    ('a;"b;c";d', ["a", '"b;c"', "d"]),
    ('a;"b\\";c";d', ["a", '"b\\";c"', "d"]),
])
def test_split_outside_quotes(text, expected):
    assert _split_outside_quotes(text, ";") == expected
