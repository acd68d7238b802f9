"""Fill generated report forms the way people do, by lxml edits that mimic Word (test helper).

Each function takes the bytes of a .docx and returns new bytes; only
``word/document.xml`` changes (and ``docProps/custom.xml`` when asked to drop it).
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _parts(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {i.filename: archive.read(i) for i in archive.infolist()}


def _pack(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, raw in parts.items():
            archive.writestr(name, raw)
    return buffer.getvalue()


def edit(data: bytes, change) -> bytes:
    """Apply *change(root)* to word/document.xml."""
    parts = _parts(data)
    root = etree.fromstring(parts["word/document.xml"])
    change(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _pack(parts)


def control(root, tag: str):
    for sdt in root.iter(w("sdt")):
        t = sdt.find(f"{w('sdtPr')}/{w('tag')}")
        if t is not None and t.get(w("val")) == tag:
            return sdt
    raise KeyError(tag)


def _run(text: str):
    r = etree.Element(w("r"))
    t = etree.SubElement(r, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def type_into(root, tag: str, text: str, *, tracked: bool = False, deleted: str = "") -> None:
    """What Word does when the unit clicks the control and types: the hint goes, showingPlcHdr goes."""
    sdt = control(root, tag)
    props = sdt.find(w("sdtPr"))
    flag = props.find(w("showingPlcHdr"))
    if flag is not None:
        props.remove(flag)
    content = sdt.find(w("sdtContent"))
    for child in list(content):
        content.remove(child)
    if deleted:
        dele = etree.SubElement(
            content, w("del"), {w("id"): "91", w("author"): "Xã", w("date"): "2026-06-10T08:00:00Z"}
        )
        r = etree.SubElement(dele, w("r"))
        etree.SubElement(r, w("delText")).text = deleted
    if tracked:
        ins = etree.SubElement(content, w("ins"), {w("id"): "92", w("author"): "Xã", w("date"): "2026-06-10T08:00:00Z"})
        ins.append(_run(text))
    else:
        content.append(_run(text))


def fill(data: bytes, values: dict[str, str], **kw) -> bytes:
    """Type every value of *values* (tag → text) into its control."""

    def change(root):
        for tag, text in values.items():
            type_into(root, tag, text, **kw)

    return edit(data, change)


def delete_control(root, tag: str, text: str) -> None:
    """The unit deleted the control (lock ignored, e.g. WPS) and typed in its place."""
    sdt = control(root, tag)
    parent = sdt.getparent()
    parent.replace(sdt, _run(text))


def type_beside(root, tag: str, text: str) -> None:
    """The unit typed after the grey hint instead of into the control (the control still shows its hint)."""
    sdt = control(root, tag)
    sdt.addnext(_run(" " + text))


def drop_tags(root) -> None:
    """What LibreOffice does to inline controls: the tags go, the aliases stay."""
    for tag in list(root.iter(w("tag"))):
        tag.getparent().remove(tag)


def paste_table(root, heading_text: str, rows: list[tuple[str, str, str]]) -> None:
    """Replace the table after the paragraph *heading_text* with a plain pasted table
    (STT | Chỉ số | Kết quả), no content controls: what a unit copies from its own spreadsheet."""
    body = root.find(w("body"))
    heading = next(p for p in body.iter(w("p")) if "".join(p.itertext()).strip() == heading_text)
    table = heading.getnext()
    while table.tag != w("tbl"):
        table = table.getnext()
    new = etree.Element(w("tbl"))
    for row in [("STT", "Chỉ số", "Kết quả thực hiện"), *rows]:
        tr = etree.SubElement(new, w("tr"))
        for text in row:
            tc = etree.SubElement(tr, w("tc"))
            p = etree.SubElement(tc, w("p"))
            p.append(_run(text))
    table.getparent().replace(table, new)


def drop_custom_properties(data: bytes) -> bytes:
    """A word processor that does not keep docProps/custom.xml."""
    parts = _parts(data)
    parts.pop("docProps/custom.xml", None)
    return _pack(parts)
