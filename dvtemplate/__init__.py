"""dvtemplate: Kế hoạch, công văn and báo cáo per Nghị định 30/2020/NĐ-CP from one YAML plan.

The public API, for Python users (the CLI is a thin layer over the same calls)::

    import dvtemplate
    loaded = dvtemplate.load_plan("ke-hoach.yaml")
    dvtemplate.render_plan(loaded, "ket-qua")
    dvtemplate.render_letter(loaded, "ket-qua")
    dvtemplate.render_report(loaded, "ket-qua", period="2026-H1", unit="UBND xã An Bình", units_file="don-vi.xlsx")
    dvtemplate.run_batch(loaded, "don-vi.xlsx", "2026-H1", "bao-cao", jobs=2)
    dvtemplate.run_collect(loaded, "2026-H1", ["bao-cao-gui-ve.zip"], "tong-hop", units_file="don-vi.xlsx")
    dvtemplate.check_docx("van-ban.docx").errors
    dvtemplate.import_docx("ke-hoach-cu.docx").yaml_text
    dvtemplate.rollover_file("ke-hoach.yaml", "ke-hoach-2027.yaml", year=2027)
    dvtemplate.export_pdfa(["ket-qua/KH-UBND-2026-….docx"])            # PDF/A-2b beside each .docx
    signer = dvtemplate.load_p12("khoa.p12", b"mat-khau")
    dvtemplate.sign_file("van-ban.pdf", "da-ky.pdf", signer=signer, signature_image="chu-ky.png", seal_image="dau.png")
    dvtemplate.write_edxml("da-ky.pdf", "goi.edxml", docx="van-ban.docx", units="don-vi.xlsx")
    dvtemplate.compare_plans("ke-hoach-2026.yaml", "ke-hoach-2027.yaml", "so-sanh")

Names are resolved lazily so ``import dvtemplate`` (and every CLI start) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "load_plan": "loading",
    "LoadedPlan": "loading",
    "Plan": "model",
    "render_plan": "documents",
    "render_letter": "documents",
    "render_report": "documents",
    "render_comments": "documents",
    "collect_replies": "comments",
    "Result": "documents",
    "run_batch": "batch",
    "run_collect": "collect",
    "check_docx": "check",
    "import_docx": "importer",
    "rollover_file": "rollover",
    "write_calendar": "deadlines",
    "plan_deadlines": "deadlines",
    "convert_to_pdf": "pdf",
    "export_pdfa": "sign",
    "sign_file": "sign",
    "load_p12": "sign",
    "write_edxml": "edxml",
    "compare_plans": "compare",
    "font_warning": "fonts",
    "DvtemplateError": "errors",
    "InputError": "errors",
    "TemplateError": "errors",
    "OutputError": "errors",
    "ToolMissingError": "errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'dvtemplate' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
