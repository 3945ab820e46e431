"""``marsad actors lookup NAME``: what a name resolves to, and why."""
from __future__ import annotations

from typing import Optional

from .kb import KnowledgeBase, norm


def explain(name: str, date: Optional[str] = None, kb: Optional[KnowledgeBase] = None) -> str:
    kb = kb or KnowledgeBase.load()
    lines = ["%r (normalised: %r)%s" % (name, norm(name), " on %s" % date if date else "")]
    hits = kb.lookup(name, date)
    if not hits:
        key = norm(name)
        if key in kb.capital_to_iso:
            iso = kb.capital_to_iso[key]
            lines.append("  no match as an actor; capital of %s: stands for %s only as the subject of a "
                         "speech/cognition/action verb (metonymy)" % (iso, kb.state_actor(iso, "government", date).acled_name))
        elif key in kb.adjective_to_iso:
            iso = kb.adjective_to_iso[key]
            lines.append("  no match as an actor; nationality adjective of %s (with a force noun: %s)" % (
                iso, kb.state_actor(iso, "military", date).acled_name))
        else:
            lines.append("  no match: no alias is equal, and no name is close enough in spelling and sound")
        return "\n".join(lines)
    for actor, score, reason in hits:
        lines.append("  -> %s [%s] score %.2f (%s)" % (actor.canonical, actor.kb_id, score, reason))
        if actor.acled_name:
            lines.append("     ACLED name: %s, inter %s" % (actor.acled_name, actor.inter))
        if actor.role:
            lines.append("     role: %s" % actor.role)
        if actor.represents:
            body = kb.get(actor.represents)
            lines.append("     acts for: %s" % (body.canonical if body else actor.represents))
        if actor.country:
            lines.append("     country: %s" % actor.country)
        if kb.is_reporting_source(actor):
            lines.append("     reporting source (fills an event's source, not actor1)")
        if actor.source_note:
            lines.append("     source of the fact: %s" % actor.source_note)
    return "\n".join(lines)


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="marsad actors lookup")
    ap.add_argument("name", nargs="+")
    ap.add_argument("--date")
    args = ap.parse_args(argv)
    print(explain(" ".join(args.name), args.date))
    return 0
