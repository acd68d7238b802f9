"""Build, write and read back the QCVN 102:2016/BTTTT envelope (see the package docstring).

The header comes from the document itself (:class:`~dvtemplate.sign.DocInfo`, read from the .docx
we wrote): sender = issuing agency, receivers = the Nơi nhận lines (less "Lưu" and "Như trên"),
number and notation, place and date, type, trích yếu, signer; each agency's identifier code
(mã định danh) from the units list when one is given.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..sign import DocInfo
from ..vn.nd30 import ARCHIVE_OFFICE, AS_ABOVE, COPIES_SUFFIX, FILING_PREFIX, URGENCY

__all__ = [
    "NS",
    "STRUCTURE_VERSION",
    "Organ",
    "Header",
    "Attachment",
    "Package",
    "build_header",
    "make_package",
    "read_package",
    "write_edxml",
]

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
STRUCTURE_VERSION = "1.0"
"""``edXMLManifest version``: the structure of QCVN 102:2016/BTTTT as written here."""
DIGEST_METHOD = "http://www.w3.org/2001/04/xmlenc#sha256"
_E = f"{{{NS}}}"
_NOTE = re.compile(r"\s*\((?:b/c|đ/b|để b/c|để biết|để thực hiện|t/h|p/h)\)\s*$", re.IGNORECASE)
_MAX_RECEIVERS = 500


@dataclass
class Organ:
    name: str
    organ_id: str = ""
    in_charge: str = ""


@dataclass
class Header:
    sender: Organ
    receivers: list[Organ]
    number: str
    notation: str
    place: str
    date: dt.date | None
    type_name: str
    subject: str
    competence: str
    position: str
    full_name: str
    priority: int = 0
    sphere: str = ""
    typer_notation: str = ""
    amount: int = 0
    pages: int = 0
    steering: int = 0
    timestamp: dt.datetime | None = None

    @property
    def document_id(self) -> str:
        day = self.date.strftime("%Y/%m/%d") if self.date else ""
        return f"{self.sender.organ_id},{day},{self.number}/{self.notation}"


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    content_id: str = ""
    digest_ok: bool = True


@dataclass
class Package:
    header: dict[str, str]
    """Element path (``MessageHeader/Code/CodeNumber``) → text, as read back."""
    receivers: list[dict[str, str]]
    attachments: list[Attachment]
    version: str = ""
    warnings: list[str] = field(default_factory=list)


def _receiver_names(info: DocInfo) -> list[str]:
    out = []
    for line in info.recipients[:_MAX_RECEIVERS]:
        if FILING_PREFIX.match(line) or line.startswith(AS_ABOVE):
            continue
        name = _NOTE.sub("", line).strip(" ;.")
        if name:
            out.append(name)
    return out


def _typer(info: DocInfo) -> tuple[str, bool, int | None]:
    """The drafting notation from "Lưu: VT, VP" (→ "VP"), whether a Lưu line is there, and the number
    of copies issued when the line gives it ("Lưu: VT, NV, NTH(60)." → "NV, NTH", 60)."""
    for line in info.recipients:
        if FILING_PREFIX.match(line):
            text = FILING_PREFIX.sub("", line).strip(" .;")
            count = COPIES_SUFFIX.search(text)
            text = COPIES_SUFFIX.sub("", text)
            parts = [p.strip(" .") for p in text.split(",")]
            typer = ", ".join(p for p in parts if p and p != ARCHIVE_OFFICE)
            return typer, True, int(count.group(1)) if count else None
    return "", False, None


def build_header(
    info: DocInfo,
    *,
    codes=None,
    pages: int = 0,
    urgency: str = "thuong",
    sphere: str = "",
    steering: bool = False,
    now: dt.datetime | None = None,
) -> tuple[Header, list[str]]:
    """The header for *info*; *codes* is a :class:`~dvtemplate.units.UnitList` (identifier codes), or None.

    Returns the header and warnings (an agency without an identifier code, a missing number…).
    """
    warnings: list[str] = []

    def organ(name: str, parent: str = "") -> Organ:
        unit = codes.find(name) if codes is not None else None
        code = (unit.organ_id or "") if unit is not None else ""
        if codes is not None and not code:
            warnings.append(f"Chưa có mã định danh của '{name}' trong danh sách đơn vị (cột 'Mã định danh').")
        return Organ(name=name, organ_id=code, in_charge=parent or name)

    names = _receiver_names(info)
    typer, filed, copies = _typer(info)
    if not info.number_symbol:
        warnings.append("Văn bản chưa có số và ký hiệu.")
    if codes is None:
        warnings.append("Không có danh sách đơn vị (--units): gói edXML không có mã định danh cơ quan.")
    header = Header(
        sender=organ(info.issuer, info.parent),
        receivers=[organ(n) for n in names],
        number=f"{info.number:02d}" if info.number else "",
        notation=info.symbol,
        place=info.place,
        date=info.date,
        type_name=info.kind.capitalize() if info.kind else "Công văn",
        subject=info.subject,
        competence=info.authority,
        position=info.signer_title,
        full_name=info.signer_name,
        priority=URGENCY[urgency][1],
        sphere=sphere or "Theo nơi nhận",
        typer_notation=typer,
        amount=copies or len(names) + (1 if filed else 0),
        pages=pages,
        steering=1 if steering else 0,
        timestamp=now or dt.datetime.now(),
    )
    return header, warnings


def _sub(parent: etree._Element, tag: str, text: str | int | None = None) -> etree._Element:
    el = etree.SubElement(parent, _E + tag)
    if text is not None:
        el.text = str(text)
    return el


def _organ(parent: etree._Element, tag: str, organ: Organ) -> None:
    el = _sub(parent, tag)
    _sub(el, "OrganId", organ.organ_id)
    _sub(el, "OrganizationInCharge", organ.in_charge)
    _sub(el, "OrganName", organ.name)


def _message_header(head: etree._Element, h: Header) -> None:
    msg = _sub(head, "MessageHeader")
    _organ(msg, "From", h.sender)
    for receiver in h.receivers:
        _organ(msg, "To", receiver)
    _sub(msg, "DocumentId", h.document_id)
    code = _sub(msg, "Code")
    _sub(code, "CodeNumber", h.number)
    _sub(code, "CodeNotation", h.notation)
    prom = _sub(msg, "PromulgationInfo")
    _sub(prom, "Place", h.place)
    _sub(prom, "PromulgationDate", h.date.strftime("%Y/%m/%d") if h.date else "")
    dtype = _sub(msg, "DocumentType")
    _sub(dtype, "Type", 2)  # văn bản hành chính
    _sub(dtype, "TypeName", h.type_name)
    _sub(msg, "Subject", h.subject)
    _sub(msg, "Content", h.subject)
    signer = _sub(msg, "SignerInfo")
    _sub(signer, "Competence", h.competence)
    _sub(signer, "Position", h.position)
    _sub(signer, "FullName", h.full_name)
    places = _sub(msg, "ToPlaces")
    for receiver in h.receivers:
        _sub(places, "Place", receiver.name)
    other = _sub(msg, "OtherInfo")
    _sub(other, "Priority", h.priority)
    _sub(other, "SphereOfPromulgation", h.sphere)
    _sub(other, "TyperNotation", h.typer_notation)
    _sub(other, "PromulgationAmount", h.amount)
    _sub(other, "PageAmount", h.pages)
    _sub(msg, "SteeringType", h.steering)


def make_package(header: Header, attachments: list[tuple[str, str, bytes]]) -> bytes:
    """The package as UTF-8 XML bytes; *attachments* are (file name, content type, bytes)."""
    root = etree.Element(_E + "edXML", nsmap={"edXML": NS})
    env = _sub(root, "edXMLEnvelope")
    head = _sub(env, "edXMLHeader")
    _message_header(head, header)
    trace = _sub(_sub(head, "TraceHeaderList"), "TraceHeader")
    _sub(trace, "OrganId", header.sender.organ_id)
    _sub(trace, "Timestamp", (header.timestamp or dt.datetime.now()).strftime("%Y/%m/%d %H:%M:%S"))
    manifest = _sub(_sub(env, "edXMLBody"), "edXMLManifest")
    manifest.set("version", STRUCTURE_VERSION)
    encoded = _sub(root, "AttachmentEncoded")
    for name, ctype, data in attachments:
        cid = f"cid:{uuid.uuid5(uuid.NAMESPACE_URL, hashlib.sha256(data).hexdigest() + name)}"
        ref = _sub(manifest, "Reference")
        _sub(ref, "ContentId", cid)
        _sub(ref, "ContentType", ctype)
        _sub(ref, "Description", header.subject)
        _sub(ref, "AttachmentName", name)
        att = _sub(encoded, "Attachment")
        _sub(att, "ContentId", cid)
        _sub(att, "AttachmentName", name)
        _sub(att, "ContentType", ctype)
        _sub(att, "DigestMethod").set("Algorithm", DIGEST_METHOD)
        _sub(att, "DigestValue", base64.b64encode(hashlib.sha256(data).digest()).decode("ascii"))
        _sub(att, "ContentTransferEncoded", base64.b64encode(data).decode("ascii"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _flatten(el: etree._Element, prefix: str, out: dict[str, str]) -> None:
    for child in el:
        if not isinstance(child.tag, str) or child.tag in (_E + "From", _E + "To", _E + "ToPlaces"):
            continue
        path = f"{prefix}/{etree.QName(child).localname}" if prefix else etree.QName(child).localname
        if len(child):
            _flatten(child, path, out)
        else:
            out[path] = _text(child)


def read_package(data: bytes, name: str = "gói edXML") -> Package:
    """Parse a package (no entities, no network, no huge trees) and check each attachment's digest."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"'{name}' không phải tệp XML đọc được ({exc.msg}).") from None
    msg = root.find(f"{_E}edXMLEnvelope/{_E}edXMLHeader/{_E}MessageHeader")
    if msg is None:
        raise InputError(f"'{name}' không có phần edXMLEnvelope/edXMLHeader/MessageHeader của QCVN 102.")
    header: dict[str, str] = {}
    _flatten(msg, "", header)
    sender = msg.find(_E + "From")
    if sender is not None:
        for child in sender:
            header[f"From/{etree.QName(child).localname}"] = _text(child)
    receivers = [{etree.QName(c).localname: _text(c) for c in to} for to in msg.findall(_E + "To")]
    manifest = root.find(f"{_E}edXMLEnvelope/{_E}edXMLBody/{_E}edXMLManifest")
    attachments = []
    for att in root.findall(f"{_E}AttachmentEncoded/{_E}Attachment"):
        try:
            raw = base64.b64decode(_text(att.find(_E + "ContentTransferEncoded")), validate=True)
        except ValueError:
            raise InputError(f"Tệp đính kèm trong '{name}' không phải base64 hợp lệ.") from None
        digest = base64.b64encode(hashlib.sha256(raw).digest()).decode("ascii")
        attachments.append(
            Attachment(
                name=_text(att.find(_E + "AttachmentName")),
                content_type=_text(att.find(_E + "ContentType")),
                data=raw,
                content_id=_text(att.find(_E + "ContentId")),
                digest_ok=digest == _text(att.find(_E + "DigestValue")),
            )
        )
    version = manifest.get("version", "") if manifest is not None else ""
    return Package(header=header, receivers=receivers, attachments=attachments, version=version)


def _pages(path: Path) -> int:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    except (pikepdf.PdfError, OSError, ValueError):
        raise InputError(f"Tệp '{path.name}' không phải PDF đọc được.") from None


def _docinfo(src: Path, is_pdf: bool, docx, plan) -> DocInfo:
    """The document's identity: from its .docx (given, the source itself, or beside the PDF), else from
    the plan it was written from (rendered again, in a temporary folder)."""
    import tempfile

    from ..sign import read_docinfo

    word = Path(docx) if docx else (src if not is_pdf else src.with_suffix(".docx"))
    if word.is_file():
        return read_docinfo(word)
    if plan is not None and not docx:
        from ..documents import render_plan

        with tempfile.TemporaryDirectory(prefix="dvtemplate-edxml-") as tmp:
            return read_docinfo(render_plan(plan, tmp).files[0])
    raise InputError(
        f"Không tìm thấy tệp Word '{word.name}' của văn bản để lấy số, ngày, trích yếu, người ký.",
        hint="Đặt tệp .docx cùng tên bên cạnh tệp PDF, chỉ tệp Word của văn bản, hoặc chỉ tệp kế hoạch YAML.",
        field="docx",
    )


def write_edxml(
    source: str | Path,
    out: str | Path,
    *,
    docx: str | Path | None = None,
    plan: str | Path | None = None,
    units=None,
    urgency: str = "thuong",
    sphere: str = "",
    steering: bool = False,
    force: bool = False,
) -> tuple[Path, list[str]]:
    """Package *source* (the signed PDF, or a .docx) into the edXML file *out*; (path, warnings)."""
    from .. import limits
    from ..output import check_free, write_atomic
    from ..reading import read_input

    src, target = Path(source), Path(out)
    data = read_input(src, limits.MAX_PDF_BYTES, "tệp văn bản")
    check_free([target], force)
    is_pdf = data.lstrip()[:5] == b"%PDF-"
    if src.suffix.lower() == ".pdf" and not is_pdf:
        raise InputError(f"Tệp '{src.name}' không phải tệp PDF.")
    info = _docinfo(src, is_pdf, docx, plan)
    codes = None
    if units is not None:
        from ..units import read_units

        codes = read_units(units)
    header, warnings = build_header(
        info, codes=codes, pages=_pages(src) if is_pdf else 0, urgency=urgency, sphere=sphere, steering=steering
    )
    if not is_pdf:
        warnings.append("Gói edXML đang đính kèm tệp Word: nên đính kèm bản PDF đã ký số.")
    ctype = "application/pdf" if is_pdf else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    package = make_package(header, [(src.name, ctype, data)])
    return write_atomic(target, lambda handle: handle.write(package)), warnings
