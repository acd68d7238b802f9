"""Sentence parsers: turn the renderer's (and clerks') phrasing back into plan fields.

Each parser is checked by re-rendering: a citation, a chỉ tiêu or a duty is
only split into fields when the renderer would write the very same sentence
from them; otherwise the text is kept whole. So the import never changes
wording silently, and documents dvtemplate made come back field for field.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..model import CitedDocument, Duty, LegalBasis, ReportingSchedule, ScheduleEntry, Target
from ..model.wording import schedule_sentence, target_sentence
from ..vn import (
    TYPE_ABBREVIATIONS,
    cite_document,
    clean_list_item,
    collapse_spaces,
    day_month,
    lower_vn,
    parse_vn_date,
    sentence_case,
)

__all__ = [
    "restore_case",
    "restore_name_line",
    "parse_basis",
    "parse_target",
    "parse_duty",
    "parse_schedule",
    "parse_archive",
    "BASIS_LEADS",
    "NUMBERING",
    "strip_numbering",
]

BASIS_LEADS = ("Căn cứ", "Thực hiện", "Triển khai", "Nhằm triển khai", "Theo", "Để triển khai", "Tiếp tục thực hiện")
_KINDS = sorted(
    set(TYPE_ABBREVIATIONS)
    | {
        "Luật",
        "Bộ luật",
        "Hiến pháp",
        "Pháp lệnh",
        "Nghị định",
        "Thông tư",
        "Thông tư liên tịch",
        "Kết luận",
        "Quy chế",
        "Chương trình phối hợp",
        "Văn bản",
        "Công văn",
        "Đề án",
        "Lệnh",
    },
    key=len,
    reverse=True,
)
_KIND_RE = "|".join(re.escape(k) for k in _KINDS)
NUMBERING = re.compile(r"^\s*(?:[IVXLC]+\s*[.\-–/)]|\d{1,2}\s*[.)/]|[a-zđ]\)|[-–—•+])\s*")

_ADMIN = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def strip_numbering(text: str) -> str:
    """Text without a hand-typed number or bullet in front ("II.", "1.", "a)", "-", "+")."""
    return NUMBERING.sub("", text, count=1)


def _keep_upper(word: str) -> bool:
    """Abbreviations (UBND, HĐND, MTTQ, TW) are no Vietnamese syllable; keep them as they are."""
    low = lower_vn(word).strip("().,;:")
    if not any(ch in _VOWELS for ch in low):
        return True
    tail = re.search(rf"[^{''.join(_VOWELS)}]+$", low)
    return bool(tail) and tail.group(0) not in ("c", "ch", "m", "n", "ng", "nh", "p", "t")


def restore_case(text: str) -> str:
    """'PHÓ CHỦ TỊCH' → 'Phó Chủ tịch', 'ỦY BAN NHÂN DÂN' → 'Ủy ban nhân dân' (best effort).

    Only used on text the renderer upper-cases by rule (ND30), where the
    original case cannot be read back; text that is not all upper case is kept.
    """
    text = collapse_spaces(text)
    if text != text.upper():
        return text
    words = [w if _keep_upper(w) else lower_vn(w) for w in text.split(" ")]
    out = " ".join(words)
    if out.startswith("phó ") and len(words) > 1:
        return "Phó " + sentence_case(out[4:])
    return sentence_case(out)


def restore_name_line(line: str) -> str:
    """An issuer line: 'TỈNH KHÁNH HÒA' → 'tỉnh Khánh Hòa', 'SỞ NỘI VỤ' → 'Sở Nội vụ'."""
    line = collapse_spaces(line)
    if line != line.upper():
        return line
    low = lower_vn(line)
    for admin in _ADMIN:
        m = re.search(rf"(?:^|\s)({admin})\s+(\S.*)$", low)
        if not m:
            continue
        head = line[: m.start(1)].strip()
        rest = line[m.start(2) :]
        if lower_vn(rest) == "ủy":
            tail = admin.capitalize() + " ủy"
        else:
            tail = admin + " " + " ".join(w if _keep_upper(w) else lower_vn(w).capitalize() for w in rest.split(" "))
        return (_head_case(head) + " " + tail) if head else tail
    return _head_case(line)


def _head_case(text: str) -> str:
    low = lower_vn(text)
    for head in ("chi cục", "văn phòng", "trung tâm", "sở", "bộ", "ban", "phòng", "cục"):
        if low.startswith(head + " ") and not low.startswith("ban chấp hành"):
            return head.capitalize() + " " + sentence_case(restore_case(text[len(head) + 1 :]))
    return restore_case(text)


# ----------------------------------------------------------------------------- citations
_CITE = re.compile(
    rf"^(?P<kind>{_KIND_RE})(?:\s+(?P<title>.+?))??(?:\s+số\s+(?P<number>\S+?))?"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?(?:\s+của\s+(?P<issuer>.+?))??(?:\s+(?P<subject>về\s+.+))?$"
)
_SPLIT = re.compile(rf";\s+(?=(?:{_KIND_RE})\s)")


def _cite_one(text: str) -> CitedDocument | None:
    m = _CITE.match(text)
    if not m:
        return None
    kind, subject = m.group("kind"), m.group("subject")
    if m.group("title"):
        if kind not in ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh") or subject:
            return None
        subject = m.group("title")
    elif subject and re.match(r"về\s+(ban hành|việc)\s", subject) and not subject.startswith("về việc"):
        subject = subject[3:].lstrip()
    issued = parse_vn_date(m.group("date")) if m.group("date") else None
    try:
        doc = CitedDocument(
            kind=kind, number=m.group("number"), issued=issued, issuer=m.group("issuer"), subject=subject
        )
    except ValueError:
        return None
    again = cite_document(doc.kind, doc.number, None, doc.issued, doc.issuer, doc.subject)
    return doc if collapse_spaces(again) == collapse_spaces(text) else None


def parse_basis(paragraph: str) -> LegalBasis | None:
    """'Căn cứ A; B;' → LegalBasis with structured documents, else with the text kept whole."""
    text = collapse_spaces(paragraph) if "\n" not in paragraph else paragraph.strip()
    lead = next(
        (
            lead
            for lead in sorted(BASIS_LEADS, key=len, reverse=True)
            if text.startswith(lead + " ") or text.startswith(lead.lower() + " ")
        ),
        None,
    )
    if lead is None:
        return None
    lead = text[: len(lead)]
    rest = text[len(lead) :].strip().rstrip(";").rstrip()
    if not rest:
        return None
    docs = []
    for piece in _SPLIT.split(rest):
        doc = _cite_one(piece.strip())
        if doc is None:
            docs = []
            break
        docs.append(doc)
    if docs:
        return LegalBasis(lead=lead, documents=docs)
    return LegalBasis(lead=lead, text=rest)


# ----------------------------------------------------------------------------- targets, duties
_TARGET = re.compile(
    r"^(?P<text>.+?)(?::\s(?P<value>\d[\d.,]*)\s?(?P<unit>[^()]*?))?(?:\s\(năm\s(?P<year>\d{4})\))?"
    r"(?:;\sthực hiện:\s(?P<resp>.+?))?\.?$"
)


def parse_target(text: str, plan_year: int | None = None) -> Target:
    """'Tỷ lệ …: 100% (năm 2026); thực hiện: A; B.' → Target; anything else → Target(text=…)."""
    text = text.strip()
    m = _TARGET.match(text)
    if m:
        unit = (m.group("unit") or "").strip() or None
        resp = [r.strip() for r in m.group("resp").split(";")] if m.group("resp") else []
        try:
            target = Target(
                text=m.group("text"),
                value=m.group("value"),
                unit=unit,
                due_year=int(m.group("year")) if m.group("year") else None,
                responsible=resp,
            )
            if target_sentence(target) == (text if text.endswith(".") else text + "."):
                return target
        except ValueError:
            pass
    return Target(text=text)


# A deadline and a "báo cáo kết quả về" can only end a duty, so each is found from the end with
# str.rfind/str.find and an anchored pattern: linear in the paragraph (a lazy ``.+?`` followed by
# ``\s*`` is cubic on a run of spaces; a 10,000-space paragraph took 16 s).
_DEADLINE_TAIL = re.compile(r"(?P<open>\()?trước ngày\s(?P<date>\d{1,2}/\d{1,2}/\d{4})(?(open)\))\s*[.;]?$")
_REPORT_TO_MARK = ", báo cáo kết quả về "


def split_deadline(text: str) -> tuple[str, str] | None:
    """'Làm X (trước ngày 15/12/2026).' → ('Làm X', '15/12/2026'); None when the text does not end so."""
    at = text.rfind("trước ngày")
    if at < 1:
        return None
    for start in (at - 1, at) if text[at - 1] == "(" else (at,):
        m = _DEADLINE_TAIL.match(text, start)
        if m is not None and start >= 1:
            return text[: max(1, len(text[:start].rstrip()))], m.group("date")
    return None


_PERIODIC, _RESULT = "Định kỳ", "báo cáo kết quả"


def split_schedule_tail(text: str) -> tuple[str, str] | None:
    """'Làm X. Định kỳ hằng quý … báo cáo kết quả về Y.' → ('Làm X.', 'Định kỳ … về Y.'); one line only.

    The first 'Định kỳ' after '.', ';' or ':' and a space that is followed by a 'báo cáo kết quả.'
    or 'báo cáo kết quả về Z.' ending: what the old lazy pattern matched, found with str.find in
    linear time (the pattern rescanned the rest of the text from every 'Định kỳ').
    """
    body = text[:-1] if text.endswith("\n") else text
    if "\n" in body or not body.endswith("."):
        return None
    last = -1  # the last "báo cáo kết quả" whose ending is valid
    at = body.find(_RESULT)
    while at >= 0:
        rest = body[at + len(_RESULT) :]
        if rest == "." or (len(rest) >= 6 and rest[0].isspace() and rest[1:3] == "về" and rest[3].isspace()):
            last = at
        at = body.find(_RESULT, at + 1)
    at = body.find(_PERIODIC)
    while 0 <= at and at + len(_PERIODIC) + 2 <= last:
        after = at + len(_PERIODIC)
        if at >= 3 and body[at - 1].isspace() and body[at - 2] in ".;:" and body[after].isspace():
            return body[: at - 1], body[at:]
        at = body.find(_PERIODIC, at + 1)
    return None


def split_report_to(text: str) -> tuple[str, str] | None:
    """'Làm X, báo cáo kết quả về Sở Nội vụ.' → ('Làm X', 'Sở Nội vụ'); one line only."""
    if "\n" in text or not text.endswith("."):
        return None
    at = text.find(_REPORT_TO_MARK, 1)
    to = text[at + len(_REPORT_TO_MARK) : -1] if at >= 1 else ""
    return (text[:at], to) if to else None


_ENTRY = re.compile(
    r"(hằng tháng|hằng quý|6 tháng|hằng năm)\s*\(trước ngày\s(\d{1,2})(?:\shằng tháng|\stháng cuối quý|/(\d{1,2}))\)"
)
_KINDS_BY_LABEL = {"hằng tháng": "monthly", "hằng quý": "quarterly", "6 tháng": "half_year", "hằng năm": "yearly"}


_DAY_MONTH = re.compile(r"(?<=trước ngày )(\d{1,2})/(\d{1,2})(?=\))")


def _our_day_month(m: re.Match) -> str:
    day, month = int(m.group(1)), int(m.group(2))
    return day_month(day, month) if 1 <= day <= 31 and 1 <= month <= 12 else m.group(0)


def parse_schedule(sentence: str) -> ReportingSchedule | None:
    """'Định kỳ hằng tháng (trước ngày 20 hằng tháng), … báo cáo kết quả về X.' → schedule (exact re-render)."""
    sentence = collapse_spaces(sentence)
    entries = []
    for label, day, month in _ENTRY.findall(sentence):
        kind = _KINDS_BY_LABEL[label]
        try:
            if kind in ("monthly", "quarterly") and not month:
                entries.append(ScheduleEntry(kind=kind, day=int(day)))
            elif kind in ("half_year", "yearly") and month:
                entries.append(ScheduleEntry(kind=kind, date=f"{day}/{month}"))
            else:
                return None
        except ValueError:
            return None
    if not entries:
        return None
    m = re.search(r"báo cáo kết quả(?:\svề\s(.+?))?\.?$", sentence)
    schedule = ReportingSchedule(to=m.group(1) if m and m.group(1) else None, entries=entries)
    # "15/06" as older plans write it is our "15/6": compare the dates the way we write them
    sentence = _DAY_MONTH.sub(_our_day_month, sentence)
    at = sentence.find(" định kỳ ")  # "Các sở, ban, ngành định kỳ …": the subject is ours to derive again
    subject = sentence[:at] if not sentence.startswith("Định kỳ") and at > 0 else None
    return schedule if schedule_sentence(schedule, subject) == sentence.rstrip(".") + "." else None


def parse_duty(text: str, last_day: _dt.date | None = None) -> Duty:
    """A duty line: a trailing '(trước ngày dd/mm/yyyy)' → deadline, 'Định kỳ … báo cáo' → schedule."""
    text = text.strip()
    fields: dict = {}
    tail = split_schedule_tail(text)
    if tail is not None:
        schedule = parse_schedule(tail[1])
        if schedule is not None:
            fields["report_to"] = schedule.to
            fields["schedule"] = schedule.model_copy(update={"to": None})
            text = tail[0]
    elif (split := split_report_to(text)) is not None:
        fields["report_to"] = split[1]
        text = split[0] + "."
    split = split_deadline(text)
    if split is not None:
        day = parse_vn_date(split[1])
        if day is not None and (last_day is None or day <= last_day):
            fields["deadline"] = day
            text = split[0].rstrip(" ,;") + "."
    return Duty(text=text, **fields)


def parse_archive(line: str) -> tuple[str, str | None, int | None]:
    """'- Lưu: VT, NV, NTH(60).' → ('VT, NV', 'NTH', 60)."""
    body = re.sub(r"^lưu\s*:?\s*", "", clean_list_item(line), flags=re.IGNORECASE)
    parts = [p.strip() for p in body.split(",") if p.strip()]
    drafter = copies = None
    if parts:
        m = re.fullmatch(r"(.*?)\s*\((\d{1,4})\)", parts[-1])
        if m:
            copies = int(m.group(2))
            if len(parts) >= 3 and m.group(1):
                drafter = m.group(1)
                parts = parts[:-1]
            else:
                parts[-1] = m.group(1)
    return ", ".join(p for p in parts if p) or "VT", drafter, copies
