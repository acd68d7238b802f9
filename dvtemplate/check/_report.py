"""Text and JSON renderings of check reports (Vietnamese, one line per finding)."""

from __future__ import annotations

import json

from .findings import ERROR, CheckReport, loc_text

__all__ = ["format_text", "format_json"]

KIND_NAMES = {
    "plan": "kế hoạch",
    "letter": "công văn",
    "report": "báo cáo",
    "to_trinh": "tờ trình",
    "comments_table": "bản tổng hợp ý kiến",
    "form": "phiếu góp ý",
    "other": "văn bản khác",
}
_SEV = {ERROR: "LỖI", "warning": "CẢNH BÁO"}


def format_text(reports: list[CheckReport]) -> str:
    """Findings grouped per file, then one summary line for all files."""
    lines: list[str] = []
    n_err = n_warn = 0
    for rep in reports:
        n_err += len(rep.errors)
        n_warn += len(rep.warnings)
        lines.append(f"== {rep.file} ({KIND_NAMES.get(rep.kind, rep.kind)})")
        if not rep.findings:
            lines.append("   Không phát hiện sai sót về thể thức.")
        for f in rep.findings:
            quoted = f" «{f.text}»" if f.text else ""
            lines.append(
                f"   [{_SEV.get(f.severity, f.severity)}] {f.rule} ({loc_text(f.location)}){quoted}: "
                f"{f.message} [{f.clause}]"
            )
    lines.append(f"Tổng cộng: {len(reports)} tệp, {n_err} lỗi, {n_warn} cảnh báo.")
    return "\n".join(lines)


def format_json(reports: list[CheckReport]) -> str:
    """A JSON list of {file, kind, findings:[{rule, severity, message, clause, location, text}]}."""
    return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2)
