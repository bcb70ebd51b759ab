"""Write tests/data/mail/messages/*.eml and expected.jsonl from the cases in cases.py.

    python3 tests/data/mail/make_mail.py           # write
    python3 tests/data/mail/make_mail.py --check   # compare with the files on disk

Every case is written by hand in cases.py (fictional people; real communes,
départements and parties). The expected `decision` is recomputed here from the
contract's decision table, never written by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cases import CASES  # noqa: E402

FAR_RIGHT = {
    "RN",
    "Reconquête",
    "Les Patriotes",
    "Debout la France",
    "UDR",
    "Parti de la France",
    "Ligue du Sud",
    "Comités Jeanne",
    "MNR",
    "Civitas",
    "Les Identitaires",
    "SIEL",
}
TYPES = {
    "depute",
    "senateur",
    "depute_europeen",
    "conseiller_regional",
    "conseiller_departemental",
    "conseiller_territorial",
    "conseiller_communautaire",
    "maire",
    "maire_adjoint",
    "maire_arrondissement",
    "conseiller_arrondissement",
    "conseiller_municipal",
    "other",
}
DEPS = (
    {f"{i:02d}" for i in range(1, 96) if i != 20}
    | {"2A", "2B"}
    | {"971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988"}
)
NOT_OFFICIAL_AUTH = {"fail", "none", "forged", "lookalike", "top_fail", "dkim_other"}


def canon_parties() -> set[str]:
    rows = (HERE / "parties.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {r.split("\t")[0] for r in rows if r.strip()}


def decision(kind: str, official: bool, sigs: list[dict]) -> str:
    if kind in ("auto_reply", "bounce", "other", "error"):
        return "ignore"
    if kind == "withdrawal":
        return "withdraw"
    if any(s["party"] in FAR_RIGHT for s in sigs):
        return "reject"
    if official and len(sigs) == 1 and sigs[0]["name"]:
        for m in sigs[0]["mandates"]:
            if m["type"] == "other":
                continue
            if m["type"] == "depute_europeen" or m["departement"]:
                return "publish"
            if m["type"] in ("conseiller_regional", "conseiller_territorial") and m["place"]:
                return "publish"
    return "review"


def check(case, rec: dict, parties: set[str]) -> None:
    key = case.mail.key
    assert rec["kind"] in ("signature", "withdrawal", "auto_reply", "bounce", "other"), key
    if rec["kind"] not in ("signature", "withdrawal"):
        assert not rec["signatories"] and not rec["official_address"], key
    if case.mail.auth in NOT_OFFICIAL_AUTH:
        assert not rec["official_address"], key
    if rec["kind"] in ("signature", "withdrawal"):
        assert rec["signatories"], key
    for s in rec["signatories"]:
        assert s["party"] is None or s["party"] in parties, (key, s["party"])
        for m in s["mandates"]:
            assert m["type"] in TYPES, (key, m)
            assert m["departement"] is None or m["departement"] in DEPS, (key, m)


def build() -> dict[str, bytes]:
    parties = canon_parties()
    files: dict[str, bytes] = {}
    lines = []
    seen = set()
    for n, case in enumerate(CASES, 1):
        name = f"messages/{n:03d}-{case.mail.key}.eml"
        assert case.mail.key not in seen, case.mail.key
        seen.add(case.mail.key)
        files[name] = case.mail.render()
        rec = {
            "file": name,
            "kind": case.kind,
            "sender": case.mail.from_addr.lower(),
            "official_address": case.official,
            "decision": decision(case.kind, case.official, case.sigs),
            "signatories": case.sigs,
            "note": case.note,
        }
        check(case, rec, parties)
        lines.append(json.dumps(rec, ensure_ascii=False))
    files["expected.jsonl"] = ("\n".join(lines) + "\n").encode("utf-8")
    return files


def main() -> int:
    files = build()
    if "--check" in sys.argv:
        bad = [
            n
            for n, data in files.items()
            if not (HERE / n).exists() or (HERE / n).read_bytes() != data
        ]
        print("\n".join(bad) or "up to date")
        return 1 if bad else 0
    (HERE / "messages").mkdir(exist_ok=True)
    for old in (HERE / "messages").glob("*.eml"):
        if f"messages/{old.name}" not in files:
            old.unlink()
    for n, data in files.items():
        (HERE / n).write_bytes(data)
    print(f"wrote {len(files) - 1} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
