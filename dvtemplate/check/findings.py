"""Findings, reports and the rule registry.

A rule is a plain function ``(ctx) -> iterable of Finding`` registered with
:func:`rule`, which records its id, severity and clause of Phụ lục I so that
every finding carries the legal source a reviewer can look up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

__all__ = ["Finding", "CheckReport", "Rule", "RULES", "rule", "ERROR", "WARNING"]

ERROR = "error"
WARNING = "warning"
QUOTE_MAX = 60


def quote(text: str, limit: int = QUOTE_MAX) -> str:
    """Text shown next to a finding: one line, at most ``limit`` characters."""
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def loc_text(loc: dict) -> str:
    """Vietnamese description of a location (1-based numbers)."""
    if not loc:
        return "toàn văn bản"
    if "section" in loc:
        return f"mục (section) {loc['section']}"
    if "part" in loc:
        return f"{loc['part']}, đoạn {loc.get('paragraph', '?')}"
    if "table" in loc:
        return f"bảng {loc['table']}, hàng {loc['row']}, ô {loc['cell']}, đoạn {loc['paragraph']}"
    if "paragraph" in loc:
        return f"đoạn {loc['paragraph']}"
    if "style" in loc:
        return f"kiểu (style) {loc['style']}"
    return ", ".join(f"{k} {v}" for k, v in loc.items())


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    clause: str
    func: Callable


RULES: list[Rule] = []


def rule(rule_id: str, severity: str, clause: str) -> Callable:
    """Register ``func`` as rule ``rule_id``; the function yields Findings."""

    def deco(func: Callable) -> Callable:
        RULES.append(Rule(rule_id, severity, clause, func))
        func.rule_id = rule_id
        return func

    return deco


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    clause: str
    location: dict = field(default_factory=dict)
    text: str = ""

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "clause": self.clause,
            "location": dict(self.location),
            "text": self.text,
        }


@dataclass
class CheckReport:
    file: str
    kind: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def rule_ids(self) -> set[str]:
        return {f.rule for f in self.findings}

    def to_dict(self) -> dict:
        return {"file": self.file, "kind": self.kind, "findings": [f.to_dict() for f in self.findings]}


def make(
    r: Rule,
    message: str,
    para=None,
    *,
    location: dict | None = None,
    severity: str | None = None,
    text: str | None = None,
) -> Finding:
    """Build a Finding for rule ``r`` at paragraph ``para`` (or an explicit location)."""
    loc = location if location is not None else (dict(para.loc) if para is not None else {})
    shown = text if text is not None else (para.text if para is not None else "")
    return Finding(r.id, severity or r.severity, message, r.clause, loc, quote(shown))


def collect(rules: Iterable[Rule], ctx) -> list[Finding]:
    """Run every rule; a rule yields ``(message, para_or_None, extra)`` tuples or Findings."""
    out: list[Finding] = []
    for r in rules:
        try:
            items = list(r.func(ctx) or ())
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            out.append(
                Finding(
                    r.id,
                    WARNING,
                    f"Không kiểm tra được quy tắc này ({type(exc).__name__}); "
                    "hãy báo lỗi cho nhóm phát triển dvtemplate.",
                    r.clause,
                    {},
                    "",
                )
            )
            continue
        for item in items:
            if isinstance(item, Finding):
                out.append(item)
                continue
            message, para, *extra = item
            opts = extra[0] if extra else {}
            out.append(make(r, message, para, **opts))
    return out
