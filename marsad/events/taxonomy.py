"""ACLED's event taxonomy (the 6 event types and 25 sub-event types, exact spelling, from the
ACLED Codebook) and the PLOVER class and mode each sub-type defaults to."""
from __future__ import annotations

# ACLED taxonomy (exact spelling)
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                                   "Chemical weapon"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
SUBTYPE_TO_TYPE = {s: t for t, subs in ACLED_TYPES.items() for s in subs}

ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
EXCESSIVE = "Excessive force against protesters"
VIOLENT_DEMO = "Violent demonstration"
MOB = "Mob violence"
ARRESTS = "Arrests"
DISRUPTED = "Disrupted weapons use"
LOOTING = "Looting/property destruction"
BASE = "Headquarters or base established"
REMOTE = "Remote explosive/landmine/IED"

_PLOVER_DEFAULT_MODE = {
    "Air/drone strike": "aerial", "Shelling/artillery/missile attack": "heavy-weapons",
    "Remote explosive/landmine/IED": "explosives", "Suicide bomb": "suicide-attack", "Grenade": "explosives",
    "Chemical weapon": "unconventional", "Armed clash": "firearms", "Abduction/forced disappearance": "abduct",
    "Sexual violence": "sexual", "Peaceful protest": "demo", "Protest with intervention": "demo",
    "Excessive force against protesters": "pro_autocracy", "Violent demonstration": "riot",
    "Mob violence": "riot", "Arrests": "arrest", "Looting/property destruction": "seize",
    "Disrupted weapons use": "confiscate", "Headquarters or base established": "troops",
}
_PLOVER_DEFAULT_EVENT = {
    "Battles": "FIGHT", "Explosions/Remote violence": "FIGHT", "Violence against civilians": "ASSAULT",
    "Protests": "PROTEST", "Riots": "PROTEST",
}
