"""``marsad events show``: one stored incident as text for people: what was coded, every report
with its figure and source, the figures by source, revisions of the toll, and why each report was
merged into the incident."""
from __future__ import annotations

from collections import OrderedDict


def _fig(r: dict) -> str:
    lo, hi, f = r.get("fatalities_low"), r.get("fatalities_high"), r.get("fatalities")
    if lo is not None and hi is not None and lo != hi:
        return f"{f} ({lo}-{hi})"
    return str(f if f is not None else 0)


def figures_by_source(incident: dict) -> "OrderedDict[str, list[str]]":
    """{source: [figure per report]} in report order (the cited source, else the outlet)."""
    out: OrderedDict[str, list[str]] = OrderedDict()
    for r in incident.get("reports") or []:
        out.setdefault(r.get("source") or r.get("outlet") or "(no source)", []).append(_fig(r))
    return out


def format_incident(inc: dict) -> str:
    lines = []
    where = ", ".join(x for x in (inc.get("location"), inc.get("admin1"), inc.get("country")) if x)
    lines.append(f"incident {inc.get('incident_id')}")
    lines.append(f"  {inc.get('event_date') or '?'}  {inc.get('event_type') or inc.get('plover_event') or '?'}"
                 f" / {inc.get('sub_event_type') or '-'}  at {where or '?'}")
    actors = " vs ".join(x for x in (inc.get("actor1"), inc.get("actor2")) if x)
    if actors:
        lines.append(f"  actors: {actors}")
    lo, hi = inc.get("fatalities_low"), inc.get("fatalities_high")
    rng = f" (reports range {lo}-{hi})" if lo is not None and hi is not None and lo != hi else ""
    lines.append(f"  fatalities coded: {inc.get('fatalities', 0)}{rng}")
    if inc.get("notes"):
        lines.append(f"  notes: {inc['notes']}")
    reports = inc.get("reports") or []
    lines.append(f"\n  {len(reports)} report(s) in {len(inc.get('documents') or [])} document(s):")
    for r in reports:
        ev = " ... ".join(e.get("text", "") for e in (r.get("evidence") or [])[:2])
        lines.append(f"  - {r.get('doc_id')} ({r.get('outlet') or '-'}, published {r.get('publication_date') or '?'}),"
                     f" source {r.get('source') or '-'}: fatalities {_fig(r)}")
        if ev:
            lines.append(f"      \"{ev[:300]}\"")
        if r.get("merged_because"):
            lines.append(f"      merged: {r['merged_because']}")
        elif r is reports[0] and len(reports) > 1:
            lines.append("      first report of the incident")
        if r.get("not_merged_because"):
            lines.append(f"      never merged across documents: {r['not_merged_because']}")
    by_src = figures_by_source(inc)
    if len(reports) > 1:
        lines.append("\n  figures by source:")
        for src, figs in by_src.items():
            lines.append(f"  - {src}: {', '.join(figs)}")
    revs = inc.get("revisions") or []
    if revs:
        lines.append("\n  revisions of the toll:")
        for v in revs:
            how = "stated as an update" if v.get("stated_as_update") else "a later, higher report"
            lines.append(f"  - {v.get('publication_date') or '?'} {v.get('doc_id')} ({v.get('source') or '-'}):"
                         f" {v.get('from')} -> {v.get('to')} ({how})")
    return "\n".join(lines) + "\n"
