"""Content controls and custom document properties for fillable templates (the report form).

An answer area is an *inline* plain-text content control (``w:sdt`` inside a
paragraph or a table cell): LibreOffice keeps inline controls and their alias
on a round trip but drops block-level ones (``../shared/docxtpl-notes.md``).
Tag, alias and placeholder come from the context (Jinja in the attribute
values); the placeholder run is in the grey character style "DV Gợi ý", and
``w:showingPlcHdr`` tells Word (and ``collect``) the content is still the hint.
``w:lock sdtLocked`` stops the control from being deleted while its content
stays editable.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import RGBColor

from dvtemplate.engine.zipfast import deflate_entry, write_zip
from dvtemplate.model.forms import PROPS

from .document import FONT

__all__ = ["add_hint_style", "inline_control", "add_custom_properties", "HINT_STYLE_ID"]

HINT_STYLE_ID = "DVHint"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def add_hint_style(doc) -> None:
    """'DV Gợi ý': the grey character style of placeholder text (like Word's "Placeholder Text")."""
    style = doc.styles.add_style("DV Gợi ý", WD_STYLE_TYPE.CHARACTER)
    style.style_id = HINT_STYLE_ID
    style.font.name = FONT
    style.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def inline_control(paragraph, var: str, *, size: int | None = None) -> None:
    """Append to *paragraph* a plain-text control whose tag/alias/hint are ``{{ var["tag"] }}`` etc."""
    size_xml = f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>' if size else ""
    rpr = f'<w:rPr><w:rStyle w:val="{HINT_STYLE_ID}"/>{size_xml}</w:rPr>'
    xml = (
        f"<w:sdt {nsdecls('w')}><w:sdtPr>{rpr}"
        f"<w:alias w:val=\"{{{{ {var}['alias'] }}}}\"/><w:tag w:val=\"{{{{ {var}['tag'] }}}}\"/>"
        '<w:lock w:val="sdtLocked"/><w:showingPlcHdr/><w:text w:multiLine="1"/></w:sdtPr>'
        f'<w:sdtContent><w:r>{rpr}<w:t>{{{{ {var}["hint"] }}}}</w:t></w:r></w:sdtContent></w:sdt>'
    )
    paragraph._p.append(parse_xml(xml))


def _custom_xml(loop: str) -> bytes:
    """One property per :data:`PROPS` entry, its pid fixed here: only the values are templated
    (``{{ <loop>["unit"] }}``…), so the template itself is a valid package Word opens without repair."""
    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{name}">'
        f'<vt:lpwstr>{{{{ {loop}["{key}"] }}}}</vt:lpwstr></property>'
        for pid, (key, name) in enumerate(PROPS.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{props}</Properties>"
    ).encode()


def add_custom_properties(path: Path, loop: str = "properties") -> None:
    """Add a templated ``docProps/custom.xml`` (one property per item of *loop*) to the built template,
    with its content-type override and package relationship; the zip stays byte-for-byte reproducible."""
    archive = zipfile.ZipFile(io.BytesIO(Path(path).read_bytes()))
    parts = {info.filename: archive.read(info) for info in archive.infolist()}
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/docProps/custom.xml" ContentType="{_CUSTOM_TYPE}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    rels = parts["_rels/.rels"].decode()
    rel = f'<Relationship Id="rIdDvtCustom" Type="{_CUSTOM_REL}" Target="docProps/custom.xml"/>'
    parts["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    parts["docProps/custom.xml"] = _custom_xml(loop)
    with open(path, "wb") as handle:
        write_zip(handle, [deflate_entry(name, data) for name, data in parts.items()])
