"""Stance cues, clause by clause, in Swedish and English."""

import pytest

from matching.records import NEED, TEXT, profile_record
from matching.stance import (
    DEFERRED,
    EXISTING,
    SATISFIED,
    UNSURE,
    UNSURE_WEIGHT,
    clause_stance,
    clauses,
    evidence,
)


@pytest.mark.parametrize(("clause", "stance"), [
    # satisfied
    ("Robotarna fungerar bra", SATISFIED),
    ("Vi är nöjda med planeringen", SATISFIED),
    ("stabila kunder", SATISFIED),
    ("Underhållet har vi under kontroll", SATISFIED),
    ("The robots run fine", SATISFIED),
    ("We are happy with our ERP", SATISFIED),
    ("No problems there", SATISFIED),
    # an existing solution
    ("Affärssystem finns", EXISTING),
    ("Vi har redan ett MES", EXISTING),
    ("Linjen är automatiserad", EXISTING),
    ("ERP in place", EXISTING),
    ("We already have an ERP", EXISTING),
    ("Already a lot of automation", EXISTING),
    # deferred
    ("Automation kanske på sikt", DEFERRED),
    ("Export blir aktuellt senare", DEFERRED),
    ("Inte aktuellt just nu", DEFERRED),
    ("Maybe later", DEFERRED),
    ("Not a priority in the next years", DEFERRED),
    # not knowing
    ("Vet inte", UNSURE),
    ("vet inte riktigt än", UNSURE),
    ("Ingen aning", UNSURE),
    ("Don't know", UNSURE),
    ("not sure yet", UNSURE),
    # needs: no stance
    ("Robotarna fungerar inte bra", None),        # negated satisfaction is a problem
    ("Det finns inga rutiner för avvikelser", None),
    ("Affärssystem finns inte", None),
    ("Vi har redan en robot och vill ha fler", None),  # a wish on top of what exists
    ("We do not have a working ERP", None),
    ("Vet inte vad vi ska kräva av ett nytt system", None),  # asks for help
    ("vet inte om det lönar sig", None),
    ("We don't know how to calculate any of it", None),
    ("Svårt att rekrytera svetsare", None),
    ("Stopp skrivs på tavlan", None),
])
def test_clause_stance(clause, stance):
    assert clause_stance(clause) == stance


def test_a_text_is_cut_into_clauses_at_sentences_commas_and_contrasts():
    found = clauses("Affärssystem finns, men CAD-modellerna används inte. Vi vill ha MES")
    assert [(c.text, c.stance) for c in found] == [
        ("Affärssystem finns", EXISTING), ("CAD-modellerna används inte", None),
        ("Vi vill ha MES", None)]
    assert [c.stance for c in clauses("ERP in place but nobody uses it")] == [EXISTING, None]


def test_evidence_keeps_the_need_and_marks_not_knowing():
    assert evidence("Linjen är automatiserad, underhållet är brandkårsutryckningar.") == (
        "underhållet är brandkårsutryckningar", 1.0)
    assert evidence("Vet inte.") == ("", UNSURE_WEIGHT)
    assert evidence("") == ("", 1.0)


def test_a_satisfied_answer_gives_no_text_to_the_profile_and_not_knowing_lowers_need():
    record = profile_record({"answers": {
        "automation": {"maturity": 3, "priority": 2, "text": "The robots run fine."},
        "digitalisation": {"maturity": 2, "priority": 4, "text": "Vet inte."},
        "productivity": {"maturity": 2, "priority": 4, "text": "Ställtiderna är för långa"},
    }})
    assert [t for t, _ in record[TEXT]] == ["Ställtiderna är för långa"]
    sure = profile_record({"answers": {
        "digitalisation": {"maturity": 2, "priority": 4, "text": "Papper överallt"}}})
    assert record[NEED[0]] == pytest.approx(sure[NEED[0]] * UNSURE_WEIGHT ** 2)
