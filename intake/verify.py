"""Verify: is the sender's address the élu's official one, proved by our MX?

Official means, for a signature or withdrawal only, all of:
1. exactly one From header, whose domain belongs to a public institution
   (``domains.institutions_of``: a shared domain belongs to each of its bodies);
2. that institution is tied to an office a signatory of the message holds
   (assemblee-nationale.fr ↔ député, a commune's domain ↔ a communal office in that
   commune…); a cabinet or assistant mailbox at the same institution counts;
3. the top-most Authentication-Results header written by a trusted server (its
   authserv-id is configured) reports dmarc=pass for that From domain, or dkim=pass
   with header.d equal to the From domain or a parent of it. Headers written by anyone
   else prove nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from petition.intake import geo
from petition.intake.authres import AuthResults, trusted_results
from petition.intake.domains import (
    Institution,
    institutions_of,
    never_official,
    normalise_domain,
    slug,
)
from petition.intake.mime import Mail
from petition.intake.record import Mandate, Signatory

COMMUNAL = ("maire", "maire_adjoint", "maire_arrondissement", "conseiller_arrondissement",
            "conseiller_municipal")
NATIONAL_OFFICE = {"assemblee": "depute", "senat": "senateur",
                   "parlement_europeen": "depute_europeen"}
MIN_EPCI_KEY = 5  # shorter domain cores ("lyon") must match the body's full name

Verdict = tuple[bool, tuple[str, ...]]


def official_address(mail: Mail, kind: str, signatories: Sequence[Signatory],
                     trusted_authserv_ids: Sequence[str]) -> Verdict:
    """True only when the domain is an institution tied to a signatory's office and
    our own server authenticated it; the reasons say which test decided."""
    if kind not in ("signature", "withdrawal"):
        return False, (f"not official: kind {kind}",)
    problem = _from_problem(mail)
    if problem:
        return False, (f"not official: {problem}",)
    domain = _domain_of(mail.sender)
    if domain is None:
        return False, (f"not official: no usable From address ({mail.sender!r})",)
    blocked = never_official(domain)
    if blocked:
        return False, (f"not official: {domain} is a {blocked} domain",)
    institutions = institutions_of(domain)
    if not institutions:
        return False, (f"not official: {domain} is not a known public institution",)
    institution, office = _tied(institutions, signatories)
    if office is None:
        return False, (f"not official: {domain} is {institution.describe()}, "
                       "not tied to an office of a signatory",)
    proof = _authenticated(mail, domain, trusted_authserv_ids)
    if proof.startswith("not official"):
        return False, (proof,)
    return True, (f"official: {proof}; {domain} is {institution.describe()}, office {office}",)


def _from_problem(mail: Mail) -> str | None:
    """Why the From header cannot name one sender, or None."""
    if mail.from_count != 1:
        return f"{mail.from_count} From headers"
    addresses = mail.from_addresses
    if len(addresses) > 1:
        return f"the From header names {len(addresses)} addresses"
    if addresses and mail.sender not in addresses:
        return f"the From header does not name {mail.sender}"
    return None


def _domain_of(sender: str | None) -> str | None:
    if not sender or sender.count("@") != 1:
        return None
    local, domain = sender.rsplit("@", 1)
    if not local:
        return None
    return normalise_domain(domain)


# ---------------------------------------------------------------- the office

def _tied(institutions: Sequence[Institution], signatories: Sequence[Signatory]
          ) -> tuple[Institution, str | None]:
    """The institution a signatory's office belongs to, with that office's type; the
    first institution and None when none does (a domain two bodies share, such as
    strasbourg.eu for the commune and the Eurométropole, is tried for each)."""
    for institution in institutions:
        office = _tied_office(institution, signatories)
        if office is not None:
            return institution, office
    return institutions[0], None


def _tied_office(institution: Institution, signatories: Sequence[Signatory]) -> str | None:
    """The mandate type of the first signatory's office the institution belongs to."""
    for signatory in signatories:
        for mandate in signatory.mandates:
            if _ties(institution, mandate):
                return mandate.type
    return None


def _ties(institution: Institution, mandate: Mandate) -> bool:
    kind = institution.kind
    if kind in NATIONAL_OFFICE:
        return mandate.type == NATIONAL_OFFICE[kind]
    if not mandate.place:
        return False
    if kind == "commune":
        return mandate.type in COMMUNAL and _same_commune(institution, mandate)
    if kind == "departement":
        return mandate.type == "conseiller_departemental" and _same_departement(
            institution, mandate)
    if kind == "region":
        return mandate.type in ("conseiller_regional", "conseiller_territorial") and (
            _same_region(institution, mandate))
    if kind == "epci":
        return mandate.type == "conseiller_communautaire" and _same_epci(institution, mandate)
    return False


def _same_commune(institution: Institution, mandate: Mandate) -> bool:
    place = mandate.place or ""
    if slug(place) not in {institution.key, slug(institution.place or "")} - {""}:
        return False
    if not geo.communes_named(place):
        return False
    if mandate.departement and institution.departements:
        return mandate.departement.upper() in institution.departements
    return True


def _same_departement(institution: Institution, mandate: Mandate) -> bool:
    code = mandate.departement or geo.departement_from_name(mandate.place or "")
    if code and institution.departements:
        return code.upper() in institution.departements
    return bool(institution.place) and slug(mandate.place or "") == slug(institution.place or "")


def _same_region(institution: Institution, mandate: Mandate) -> bool:
    if not institution.place:
        return False
    name = geo.region_from_name(mandate.place or "") or mandate.place or ""
    return slug(name) == slug(institution.place)


def _same_epci(institution: Institution, mandate: Mandate) -> bool:
    place_slug = slug(mandate.place or "")
    if institution.place:
        if place_slug == slug(institution.place):
            return True
        theirs, ours = geo.epci_named(mandate.place or ""), geo.epci_named(institution.place)
        if theirs is not None and ours is not None:
            return theirs.siren == ours.siren
    key = institution.key
    return len(key) >= MIN_EPCI_KEY and (place_slug.startswith(key) or place_slug.endswith(key))


# ---------------------------------------------------------------- the proof

def _authenticated(mail: Mail, domain: str, trusted_ids: Sequence[str]) -> str:
    """"dkim=pass header.d=… by …" or a line starting with "not official"."""
    results = trusted_results(mail.header_all("Authentication-Results"), tuple(trusted_ids))
    if results is None:
        return ("not official: no Authentication-Results header from a trusted server "
                f"({', '.join(trusted_ids)})")
    dmarc = _dmarc_pass(results, domain)
    if dmarc:
        return dmarc
    dkim = _dkim_pass(results, domain)
    if dkim:
        return dkim
    seen = "; ".join(f"{r.method}={r.result}" + (f" header.d={r.prop('header.d')}"
                                                  if r.prop("header.d") else "")
                     for r in results.results) or "no results"
    return (f"not official: {results.authserv_id} reports no dmarc=pass and no dkim=pass "
            f"for {domain} or a parent ({seen})")


def _dmarc_pass(results: AuthResults, domain: str) -> str | None:
    for result in results.of("dmarc"):
        header_from = (result.prop("header.from") or domain).lower().rstrip(".")
        if result.result == "pass" and header_from == domain:
            return f"dmarc=pass header.from={domain} by {results.authserv_id}"
    return None


def _dkim_pass(results: AuthResults, domain: str) -> str | None:
    for result in results.of("dkim"):
        signer = (result.prop("header.d") or "").lower().rstrip(".")
        if result.result == "pass" and _is_self_or_parent(signer, domain):
            return f"dkim=pass header.d={signer} by {results.authserv_id}"
    return None


def _is_self_or_parent(signer: str, domain: str) -> bool:
    """paris.fr for mail.paris.fr: yes; roubaix.fr for ville-roubaix.fr or fr: no."""
    if "." not in signer:
        return False
    return domain == signer or domain.endswith("." + signer)
