"""Preview of a document's pages: PNG through LibreOffice when present, else the text as HTML.

The document is rendered by the same public functions as the buttons, into a
private scratch folder (nothing is written into the user's folder). The HTML
fallback reads the produced .docx back with python-docx, so it shows what the
file says, paragraph by paragraph, with bold, italic and centring.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import DvtemplateError, InputError

__all__ = ["preview_pages", "docx_html_blocks", "MAX_PAGES"]

MAX_PAGES = 12


def _render_to(state, rel: str, payload: dict, folder: Path, load) -> Path | dict:
    from .. import documents

    loaded = load(state, rel, payload.get("values"))  # the plan, or the page's list of issues
    if isinstance(loaded, dict):
        return loaded
    kind = payload.get("kind") or "plan"
    if kind == "plan":
        result = documents.render_plan(loaded, folder)
    elif kind == "letter":
        result = documents.render_letter(loaded, folder)
    else:
        raise InputError(f"Không xem trước được loại văn bản '{kind}'.")
    return result.files[0]


def preview_pages(state, rel: str, payload: dict, load) -> dict:
    """*load* (from :mod:`.actions`, which calls this) gives the plan being edited or its issues."""
    key, folder = state.new_dir("xem")
    docx = _render_to(state, rel, payload, folder, load)
    if isinstance(docx, dict):
        return docx
    if not payload.get("html"):
        try:
            return {"kind": "png", "pages": _png_pages(key, docx, folder)}
        except (DvtemplateError, OSError, subprocess.SubprocessError):
            pass  # no LibreOffice or poppler here: the text preview below
    return {"kind": "html", "blocks": docx_html_blocks(docx)}


def _png_pages(key: str, docx: Path, folder: Path) -> list[str]:
    from ..pdf import convert_to_pdf, find_soffice

    pdftoppm = shutil.which("pdftoppm")
    if find_soffice() is None or pdftoppm is None:
        raise InputError("không có LibreOffice hoặc pdftoppm")
    (pdf,) = convert_to_pdf([docx], outdir=folder)
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-l", str(MAX_PAGES), str(pdf), str(folder / "p")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    urls = []
    for number, page in enumerate(pages, 1):
        page.rename(folder / f"trang-{number}.png")
        urls.append(f"/xem-truoc/{key}/trang-{number}.png")
    return urls


def _paragraph(paragraph) -> dict:
    runs = [
        {"text": run.text, "bold": bool(run.bold), "italic": bool(run.italic)} for run in paragraph.runs if run.text
    ]
    alignment = paragraph.alignment
    align = {1: "center", 2: "right", 3: "justify"}.get(int(alignment) if alignment is not None else -1, "left")
    if alignment is None and paragraph.style is not None and paragraph.style.paragraph_format.alignment is not None:
        align = {1: "center", 2: "right", 3: "justify"}.get(int(paragraph.style.paragraph_format.alignment), "left")
    return {"runs": runs, "align": align}


def docx_html_blocks(docx: Path) -> list[dict]:
    """The document as blocks: paragraphs ({runs, align}) and tables ({rows: [[cell paragraphs]]})."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(docx))
    blocks: list[dict] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append({"type": "p", **_paragraph(Paragraph(child, document))})
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[[_paragraph(p) for p in cell.paragraphs] for cell in row.cells] for row in table.rows]
            blocks.append({"type": "table", "rows": rows})
    return blocks
