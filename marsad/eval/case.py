"""``marsad eval case FILE.tsv``: CASE 2021 task 2 snippets (ACLED sub-event types)."""
from __future__ import annotations

import csv

from marsad.eval.common import primary_acled, run_docs
from marsad.records import InputDocument

CASE_MAP = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other", "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction", "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED", "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}


def evaluate_case_file(path, pipeline, limit=None) -> dict:
    """Run the whole pipeline on each snippet; the primary ACLED event's sub-type is the prediction."""
    from marsad.events.evaluate_case import evaluate_case
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    if limit:
        rows = rows[:limit]
    docs = [InputDocument(text=r["EventSnippet"], doc_id=f"c{r['id']}") for r in rows]
    out = {d["doc_id"]: d for d in run_docs(pipeline, docs)}

    def classify(text, _cache={}):
        return None
    preds = {}
    for r in rows:
        e = primary_acled((out.get(f"c{r['id']}") or {}).get("events") or [])
        preds[r["id"]] = e.get("sub_event_type") if e and e.get("event_type") else None
    return evaluate_case(path, lambda row: preds.get(row["id"]), limit=limit, rows=rows)
