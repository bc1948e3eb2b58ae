"""Render an Evaluation as a text table with disagreements, or as JSON for machines."""

from __future__ import annotations

import json
from typing import Any

from policycheck.evaluate.metrics import Counts, Disagreement, Scores
from policycheck.evaluate.run import Evaluation


def _pct(value: float | None) -> str:
    return "  —  " if value is None else f"{value:5.3f}"


def _row(name: str, n: Counts, base: Counts | None, width: int) -> str:
    row = (f"{name:<{width}} {n.tp:4} {n.fp:4} {n.fn:4} {n.tn:4}  "
           f"{_pct(n.precision)} {_pct(n.recall)} {_pct(n.f1)}")
    if base is not None:
        row += f"   {_pct(base.precision)} {_pct(base.recall)} {_pct(base.f1)}"
    return row


def _disagreement(d: Disagreement) -> list[str]:
    p = d.predicted
    lines = [f"{d.kind}  {d.document} [{d.split}]  {d.gold.criterion}: "
             f"checker {p.status}, gold {'met' if d.gold.met else 'missing'}"]
    if d.kind == "FP":
        lines += [f"    evidence: \"{e.text}\" ({e.cite})" for e in p.evidence]
        lines += [f"    trap ({t.kind}): \"{t.text}\"" for t in d.gold.traps]
    else:
        lines += [f"    missed: \"{s}\"" for s in d.gold.sentences]
        if p.reason:
            lines.append(f"    checker said: {p.reason}")
    if d.gold.note:
        lines.append(f"    note: {d.gold.note}")
    return lines


def render_text(ev: Evaluation) -> str:
    """A readable report: per-criterion table beside the baseline, splits, disagreements."""
    scores, base = ev.checker[ev.split], ev.baseline[ev.split]
    width = max([len(c) for c, _ in scores.criteria] + [len("overall (micro)")])
    splits = {d.split for d in ev.documents}
    out = [
        f"Evaluated {len(ev.documents)} documents against {ev.labels.name} "
        f"(split: {ev.split}; " + ", ".join(
            f"{sum(d.split == s for d in ev.documents)} {s}" for s in sorted(splits)) + ")",
        "'met' is the positive class; a partial verdict counts as not met. Baseline: a criterion",
        "is met when any of its key terms occurs anywhere in the text (case-insensitive).",
        "",
        f"{'':<{width}} {'checker':^39}   {'keyword baseline':^17}",
        f"{'criterion':<{width}} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}  {'prec':>5} {'rec':>5} "
        f"{'F1':>5}   {'prec':>5} {'rec':>5} {'F1':>5}",
    ]
    base_rows = dict(base.criteria)
    out += [_row(c, n, base_rows.get(c), width) for c, n in scores.criteria]
    out.append(_row("overall (micro)", scores.overall, base.overall, width))
    out += ["", "By split (overall, micro):"]
    for name in ("dev", "holdout", "all"):
        if name in ev.checker and (ev.split == "all" or name == ev.split):
            out.append(_row(name, ev.checker[name].overall, ev.baseline[name].overall, width))
    rounds = [name for name in ev.checker if name == "blind" or name.startswith("round ")]
    if rounds:
        out += ["", "Blind documents, by round (overall, micro):"]
        for name in rounds:
            docs = ev.checker[name].documents
            label = f"{name} ({docs} docs)"
            out.append(_row(label, ev.checker[name].overall, ev.baseline[name].overall, width))
    if ev.errors:
        out += ["", f"Documents that could not be checked ({len(ev.errors)}):"]
        out += [f"  {doc}: {reason}" for doc, reason in ev.errors]
    out += ["", f"Disagreements ({len(scores.disagreements)}):"]
    for d in scores.disagreements:
        out += ["  " + line for line in _disagreement(d)]
    return "\n".join(out) + "\n"


def _counts(n: Counts) -> dict[str, Any]:
    return {"tp": n.tp, "fp": n.fp, "fn": n.fn, "tn": n.tn,
            "precision": n.precision, "recall": n.recall, "f1": n.f1}


def _scores(s: Scores) -> dict[str, Any]:
    return {"documents": s.documents, "overall": _counts(s.overall),
            "criteria": {c: _counts(n) for c, n in s.criteria}}


def _json_disagreement(d: Disagreement) -> dict[str, Any]:
    p = d.predicted
    return {
        "kind": d.kind, "document": d.document, "split": d.split, "criterion": d.gold.criterion,
        "gold": "met" if d.gold.met else "missing", "predicted": p.status,
        "evidence": [{"text": e.text, "cite": e.cite} for e in p.evidence],
        "reason": p.reason, "gold_sentences": list(d.gold.sentences),
        "traps": [{"kind": str(t.kind), "text": t.text} for t in d.gold.traps],
        "note": d.gold.note,
    }


def render_json(ev: Evaluation) -> str:
    """Machine-readable figures: per split, checker and baseline, plus disagreements."""
    doc = {
        "labels": ev.labels.as_posix(),
        "split": ev.split,
        "documents": [{"name": d.name, "split": d.split, "genre": d.genre, "origin": d.origin,
                       "round": d.round} for d in ev.documents],
        "checker": {name: _scores(s) for name, s in ev.checker.items()},
        "baseline": {name: _scores(s) for name, s in ev.baseline.items()},
        "disagreements": [_json_disagreement(d) for d in ev.checker[ev.split].disagreements],
        "errors": [{"document": doc, "reason": reason} for doc, reason in ev.errors],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "json": render_json}
