import pytest

from petition.intake.decide import decide, publishable_mandate
from petition.intake.record import Mandate, Signatory
from petition.settings import PolicySettings

POLICY = PolicySettings()
CM_DIE = Mandate("conseiller_municipal", "conseillère municipale de Die", "Die", "26")


def one(*mandates: Mandate, name: str | None = "Lise Exemple", party: str | None = None):
    return (Signatory(name, mandates, party),)


def test_publish_needs_official_one_named_signatory_and_a_located_office():
    decision, why = decide("signature", True, one(CM_DIE), POLICY)
    assert decision == "publish"
    assert why == ("decision publish: official address, one named signatory, "
                   "office conseiller_municipal (Die, 26)",)


@pytest.mark.parametrize("mandate", [
    Mandate("conseiller_regional", "conseillère régionale", "Occitanie", None),
    Mandate("conseiller_territorial", "Assemblée de Corse", "Corse", None),
    Mandate("depute_europeen", "eurodéputée", None, None),
    Mandate("senateur", "sénatrice", "Gironde", "33"),
])
def test_offices_located_enough_to_publish(mandate):
    assert decide("signature", True, one(mandate), POLICY)[0] == "publish"


@pytest.mark.parametrize(("signatories", "reason"), [
    (one(CM_DIE), "the address is not official"),
])
def test_not_official_goes_to_review(signatories, reason):
    assert decide("signature", False, signatories, POLICY) == (
        "review", (f"decision review: {reason}",))


@pytest.mark.parametrize(("signatories", "reason"), [
    ((), "0 signatories (publish needs exactly one)"),
    (one(CM_DIE) + one(CM_DIE, name="Paul Exemple"), "2 signatories (publish needs exactly one)"),
    (one(CM_DIE, name=None), "the signatory has no name"),
    (one(CM_DIE, name="  "), "the signatory has no name"),
    (one(), "no elected office stated"),
    (one(Mandate("other", "conseillère des Français de l'étranger")),
     "no office of a listed type with its département (or collectivité)"),
    (one(Mandate("maire", "maire de Sainte-Colombe", "Sainte-Colombe", None)),
     "no office of a listed type with its département (or collectivité)"),
    (one(Mandate("conseiller_regional", "conseiller régional", None, None)),
     "no office of a listed type with its département (or collectivité)"),
])
def test_official_but_not_publishable_goes_to_review(signatories, reason):
    assert decide("signature", True, signatories, POLICY) == (
        "review", (f"decision review: {reason}",))


def test_one_located_office_among_others_is_enough():
    mandates = (Mandate("other", "autre"), Mandate("maire", "maire", "Beaumont", None), CM_DIE)
    assert decide("signature", True, one(*mandates), POLICY)[0] == "publish"


@pytest.mark.parametrize("party", ["RN", "Rassemblement national", "Front National",
                                   "Reconquête!", "Les Patriotes", "Debout la France"])
def test_far_right_signature_is_rejected_even_when_official(party):
    decision, why = decide("signature", True, one(CM_DIE, party=party), POLICY)
    assert decision == "reject"
    assert why[0].startswith("decision reject: far-right party: Lise Exemple")


def test_one_far_right_signatory_rejects_the_message():
    signatories = one(CM_DIE, party="PS") + one(CM_DIE, name="Paul Exemple", party="RN")
    assert decide("signature", False, signatories, POLICY)[0] == "reject"


def test_far_right_list_comes_from_the_policy():
    policy = PolicySettings(far_right=("PS",))
    assert decide("signature", True, one(CM_DIE, party="PS"), policy)[0] == "reject"
    assert decide("signature", True, one(CM_DIE, party="RN"), policy)[0] == "publish"


def test_withdrawal_is_withdrawn_whatever_the_party_or_address():
    assert decide("withdrawal", False, one(CM_DIE, party="RN"), POLICY) == (
        "withdraw", ("decision withdraw: a request to take a signature off",))


@pytest.mark.parametrize("kind", ["auto_reply", "bounce", "other", "error"])
def test_everything_else_is_ignored(kind):
    assert decide(kind, True, one(CM_DIE, party="RN"), POLICY) == (
        "ignore", (f"decision ignore: kind {kind}",))


def test_auto_publish_is_not_applied_here():
    policy = PolicySettings(auto_publish=False)
    assert decide("signature", True, one(CM_DIE), policy)[0] == "publish"


def test_publishable_mandate():
    assert publishable_mandate(CM_DIE)
    assert not publishable_mandate(Mandate("conseiller_municipal", "c. m.", "Die", None))
    assert publishable_mandate(Mandate("conseiller_regional", "c. r.", None, "31"))
