"""The one opener of untrusted .docx files, with one limits policy (:mod:`dvtemplate.limits`).

Every reader — ``check``, ``import``, ``collect``, ``comments`` — opens a file
here, so a file that came from anywhere (e-mail, a shared folder, a zip a clerk
downloaded) is checked the same way before any XML is parsed: the file size,
the number of parts, each part's and the total uncompressed size and the time
spent unpacking (a zip bomb), encrypted or corrupt members, macros (a .docm
renamed to .docx), an OLE2 file (an old .doc or a password-protected .docx) and
DTDs (entity expansion, external entities). Every refusal is an
:class:`~dvtemplate.errors.InputError` in Vietnamese naming the file.

The file is read into memory once (it is at most ``MAX_DOCX_BYTES``); parts are
inflated lazily, each at most once, and never beyond the limits.

:class:`ZipGate` is the archive half of that policy, parameterised by the error the
caller raises: the engine opens templates through it too (a TemplateError). There is no
compression-ratio test: an honest repetitive document (a long table of the same text)
compresses hundreds of times, so a zip bomb is stopped by what it would cost instead —
the declared and the actual unpacked size, and the time spent unpacking.
"""

from __future__ import annotations

import io
import posixpath
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from .. import limits
from ..errors import InputError, os_reason
from ..vn import grouped

__all__ = ["OLE2_MAGIC", "Package", "ZipGate", "open_package", "parse_xml", "sniff"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_SAVE_AS = "Mở bằng Word và lưu lại dạng 'Word Document (*.docx)'."


def _refuse(name: str, why: str, hint: str | None = None) -> InputError:
    return InputError(f"Không đọc được tệp '{name}': {why}", hint=hint)


def sniff(head: bytes) -> str:
    """What the first bytes say a file is: ``zip``, ``ole2`` (old .doc / encrypted), ``pdf`` or ``other``."""
    if head.startswith(b"PK"):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if head.startswith(b"%PDF"):
        return "pdf"
    return "other"


_PARSER_LIMITS = (etree.ErrorTypes.ERR_RESOURCE_LIMIT, etree.ErrorTypes.ERR_NAME_TOO_LONG)
_TEXT_LIMIT = grouped(limits.MAX_XML_TEXT_BYTES)


def _over_parser_limit(exc: etree.XMLSyntaxError) -> bool:
    return exc.code in _PARSER_LIMITS or "XML_PARSE_HUGE" in (exc.msg or "")


def _parser_limit(exc: etree.XMLSyntaxError) -> str:
    """Which of libxml2's bounds (without huge-tree mode) *exc* hit, in Vietnamese (its own message is English)."""
    msg = (exc.msg or "").lower()
    if "depth" in msg:
        return "lồng nhau quá sâu (quá 256 tầng)"
    if "name" in msg and "too long" in msg:
        return "có một tên thẻ quá dài"
    return (
        f"có một đoạn chữ hay một thuộc tính quá dài (quá {_TEXT_LIMIT} byte, tức khoảng {_TEXT_LIMIT} ký tự không dấu)"
    )


def parse_xml(data: bytes, part: str, name: str) -> etree._Element:
    """Parse one part without DTDs, entities, network access or huge-tree mode."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _refuse(name, f"phần {part} chứa khai báo DTD/ENTITY (không được phép trong tệp Word).")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        if _over_parser_limit(exc):
            raise _refuse(name, f"phần {part} {_parser_limit(exc)}; có thể là tệp độc hại.") from None
        raise _refuse(name, f"tệp bị hỏng, không đọc được {part} ({exc.msg}).", hint=_SAVE_AS) from None
    if root.getroottree().docinfo.doctype:
        raise _refuse(name, f"phần {part} chứa khai báo DTD (không được phép trong tệp Word).")
    return root


Refuse = Callable[..., Exception]
"""``refuse(why, hint=None)``: the caller's error for a refused archive (an InputError, a TemplateError)."""
_CHUNK = 1024 * 1024


class ZipGate:
    """An untrusted zip archive in memory, checked before any member is inflated.

    Parts, declared unpacked size (each part and all together), encrypted members; then each
    member is inflated at most once, never past ``MAX_PART_BYTES`` nor past its declared size
    (a lying header), the actual total never past *max_unpacked*, and all of it within
    ``MAX_UNPACK_SECONDS``.
    """

    def __init__(self, data: bytes, refuse: Refuse, *, max_unpacked: int | None = None, hint: str | None = None):
        self.refuse = refuse
        self.max_unpacked = limits.MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
        self.unpacked = 0
        self.seconds = 0.0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.infos = {info.filename: info for info in self.zip.infolist()}
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise refuse("không phải tệp .docx hoặc tệp bị hỏng (không giải nén được).", hint=hint) from None
        self._check(hint)

    def _check(self, hint: str | None) -> None:
        infos = list(self.infos.values())
        if len(infos) > limits.MAX_PARTS:
            raise self.refuse(f"tệp có {len(infos)} phần (tối đa {limits.MAX_PARTS}); có thể là tệp độc hại.")
        for info in infos:
            if info.flag_bits & 0x1:
                raise self.refuse(f"phần {info.filename} bị mã hóa (đặt mật khẩu trong tệp nén).", hint=hint)
        total = sum(info.file_size for info in infos)
        if total > self.max_unpacked:
            raise self.refuse(
                f"nội dung giải nén quá lớn ({total // 1024 // 1024} MB, tối đa "
                f"{self.max_unpacked // 1024 // 1024} MB); có thể là tệp độc hại (zip bomb)."
            )

    def read(self, part: str, hint: str | None = None) -> bytes | None:
        """The uncompressed bytes of *part* (None if absent), within the limits."""
        info = self.infos.get(part)
        if info is None:
            return None
        cap = min(limits.MAX_PART_BYTES, info.file_size)
        if info.file_size > limits.MAX_PART_BYTES:
            raise self.refuse(
                f"phần {part} quá lớn khi giải nén ({info.file_size // 1024 // 1024} MB, tối đa "
                f"{limits.MAX_PART_BYTES // 1024 // 1024} MB); có thể là tệp độc hại (zip bomb)."
            )
        started = time.monotonic()
        try:
            with self.zip.open(info) as member:
                data = self._inflate(member, part, cap, started)
        except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
            raise self.refuse(f"tệp bị hỏng, không giải nén được {part} ({exc}).", hint=hint) from None
        finally:
            self.seconds += time.monotonic() - started
        if len(data) > cap:  # the header lied about the size
            raise self.refuse(f"phần {part} lớn hơn kích thước khai báo; có thể là tệp độc hại (zip bomb).")
        self.unpacked += len(data)
        if self.unpacked > self.max_unpacked:
            raise self.refuse("nội dung giải nén quá lớn; có thể là tệp độc hại (zip bomb).")
        return data

    def _inflate(self, member, part: str, cap: int, started: float) -> bytes:
        chunks, size = [], 0
        while size <= cap:
            chunk = member.read(min(_CHUNK, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if self.seconds + time.monotonic() - started > limits.MAX_UNPACK_SECONDS:
                raise self.refuse(
                    f"giải nén {part} quá lâu (tối đa {limits.MAX_UNPACK_SECONDS:g} giây); có thể là tệp độc hại."
                )
        return b"".join(chunks)


class Package:
    """An opened, checked .docx: its parts by name, read and parsed on demand within the limits."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.size = len(data)
        self._gate = ZipGate(data, lambda why, hint=None: _refuse(name, why, hint), hint=_SAVE_AS)
        self._infos = self._gate.infos
        self._xml: dict[str, etree._Element | None] = {}
        self._check_members()

    # -- checks -----------------------------------------------------------------------------
    def _check_members(self) -> None:
        lower = {n.lower() for n in self._infos}
        content_types = self.read("[Content_Types].xml") or b""
        if any(n.endswith("vbaproject.bin") for n in lower) or _MACRO_TYPE in content_types:
            raise _refuse(self.name, "tệp có chứa macro (.docm); dvtemplate không mở tệp có macro.", hint=_SAVE_AS)
        if "word/document.xml" not in self._infos:
            raise _refuse(self.name, "không phải văn bản Word (thiếu word/document.xml).", hint=_SAVE_AS)

    # -- access -----------------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, part: str) -> bool:
        return part in self._infos

    def read(self, part: str) -> bytes | None:
        """The uncompressed bytes of *part* (None if absent), never more than ``MAX_PART_BYTES``."""
        return self._gate.read(part, hint=_SAVE_AS)

    def xml(self, part: str) -> etree._Element | None:
        """*part* parsed safely (cached), or None when the package has no such part."""
        if part not in self._xml:
            data = self.read(part)
            self._xml[part] = parse_xml(data, part, self.name) if data is not None else None
        return self._xml[part]

    def rels(self, part: str = "word/document.xml") -> dict[str, tuple[str, str]]:
        """Relationships of *part*: id → (type suffix such as ``header``, target part name)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out

    def custom_properties(self) -> dict[str, str]:
        """``docProps/custom.xml`` as name → text value (empty when absent)."""
        root = self.xml("docProps/custom.xml")
        if root is None:
            return {}
        out = {}
        for prop in root.iter(f"{{{_CUSTOM_NS}}}property"):
            name = prop.get("name")
            if name:
                out[name] = "".join(prop.itertext()).strip()
        return out


def open_package(source: str | Path | bytes, *, name: str | None = None) -> Package:
    """Check and open a .docx from a path or from bytes (a member of a .zip); InputError otherwise."""
    if isinstance(source, bytes):
        data, shown = source, name or "tệp"
        if len(data) > limits.MAX_DOCX_BYTES:
            raise _too_big(shown, len(data))
    else:
        path = Path(source)
        shown = name or path.name
        if not path.exists():
            raise InputError(f"Không tìm thấy tệp '{path}'.")
        if path.is_dir():
            raise InputError(f"'{path}' là thư mục, không phải tệp .docx.")
        if not path.is_file():
            raise _refuse(shown, "không phải tệp thông thường (thiết bị, đường ống…).")
        try:
            with path.open("rb") as fh:
                data = fh.read(limits.MAX_DOCX_BYTES + 1)
        except OSError as exc:
            raise _refuse(shown, f"lỗi khi đọc tệp ({os_reason(exc, reading=True)}).") from None
        if len(data) > limits.MAX_DOCX_BYTES:
            raise _too_big(shown, path.stat().st_size)
    kind = sniff(data[:8])
    if kind == "ole2":
        raise _refuse(
            shown,
            "đây là tệp Word cũ (.doc) hoặc tệp .docx đã đặt mật khẩu.",
            hint="Mở bằng Word, bỏ mật khẩu (nếu có) và lưu lại dạng .docx.",
        )
    if kind == "pdf":
        raise _refuse(shown, "đây là tệp PDF, không phải tệp Word (.docx).", hint="Gửi lại bản .docx.")
    if kind != "zip":
        raise _refuse(shown, "không phải tệp .docx (không đúng định dạng).", hint=_SAVE_AS)
    return Package(shown, data)


def _too_big(name: str, size: int) -> InputError:
    return _refuse(
        name,
        f"tệp quá lớn ({size / 1024 / 1024:.1f} MB, tối đa {limits.MAX_DOCX_BYTES // 1024 // 1024} MB).",
    )
