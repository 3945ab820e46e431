"""Human-readable evaluation reports."""
from __future__ import annotations

import json


def print_report(kind: str, res: dict, out) -> None:
    scalars = {k: v for k, v in res.items() if not isinstance(v, (dict, list))}
    out.write(f"marsad eval {kind}\n")
    for k, v in scalars.items():
        out.write(f"  {k:32s} {v}\n")
    per = res.get("per_type")
    if per:
        out.write("\n  per type                           precision  recall     f1  support\n")
        for lab, m in sorted(per.items(), key=lambda kv: -kv[1].get("support", 0)):
            out.write(f"  {lab[:34]:34s} {m.get('precision', 0):9.3f} {m.get('recall', 0):7.3f} {m.get('f1', 0):6.3f} {m.get('support', 0):8d}\n")
    conf = res.get("confusion")
    if conf:
        out.write("\n  confusion (gold -> predicted: count), top errors\n")
        errs = []
        for g, preds in conf.items():
            for p, n in preds.items():
                if p == g or (p in ("None", "(none)", None) and g.isupper()):
                    continue  # a non-ACLED snippet (DIPLO, NATURAL_DISASTER...) rightly given no event
                errs.append((n, g, p))
        for n, g, p in sorted(errs, reverse=True)[:20]:
            out.write(f"  {n:5d}  {g} -> {p}\n")
    for k, v in res.items():
        if isinstance(v, (dict, list)) and k not in ("per_type", "confusion"):
            out.write(f"\n  {k}: {json.dumps(v, ensure_ascii=False)[:2000]}\n")
