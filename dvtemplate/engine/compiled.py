"""Compile a .docx template once, render it many times.

docxtpl has no parse-once API (its issue 110) and re-patches the XML, recompiles
Jinja and re-zips the whole package for every document. Here the patched XML of
each templated part is compiled once, unchanged parts are deflated once, and a
render only runs Jinja, the OOXML post-processing and the zip writer, so a batch
of thousands of forms costs little more than its Jinja time.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

import jinja2
import jinja2.nodes
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from ..errors import TemplateError
from .ooxml import has_footnote_markers, has_merge_markers, insert_footnotes, merge_cells, resolve_breaks
from .sandbox import make_environment
from .zipfast import StaticEntry, deflate_entry, write_zip

__all__ = ["CompiledTemplate", "patch_part", "paragraph_texts", "undefined_message"]

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_TEMPLATED = re.compile(r"\{(?:<[^>]*>)*[{%#]")
_FOOTNOTES = "word/footnotes.xml"
_LOADING_NODES = (jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport, jinja2.nodes.Extends)


def undefined_message(message: str | None) -> str:
    """Jinja's English 'x is undefined' / 'has no attribute' said in Vietnamese."""
    message = message or ""
    m = re.match(r"'([^']*)' is undefined", message)
    if m:
        return f"biến '{m.group(1)}' không có"
    m = re.match(r"'([^']*)' has no attribute '([^']*)'", message)
    if m:
        return f"không có trường '{m.group(2)}' (trong {m.group(1).replace(' object', '')})"
    return message


def _security_reason(exc: Exception) -> str:
    text = str(exc)
    if "unsafe" in text:
        m = re.search(r"attribute '([^']*)'", text)
        return f"truy cập thuộc tính nội bộ '{m.group(1)}'" if m else "truy cập thuộc tính nội bộ"
    return text


def patch_part(xml: str) -> str:
    """docxtpl's cleaning of a part (tags freed from run markup, ``{%p``/``{%tr`` lifted to
    their paragraph/row), one paragraph per line so Jinja line numbers name a paragraph."""
    patched = DocxTemplate.patch_xml(None, xml)  # uses no instance state
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


def paragraph_texts(patched: str) -> list[str]:
    """The visible text of each line of a patched part (line n ↔ paragraph), for error messages."""
    return [re.sub(r"<[^>]+>", "", line).strip() for line in patched.splitlines()]


class CompiledTemplate:
    """A template ready to render: compiled Jinja per templated part, pre-deflated static parts."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self._env = make_environment()
        self._order: list[str] = []
        self._static: dict[str, StaticEntry] = {}
        self._templates: dict[str, jinja2.Template] = {}
        self._raw: dict[str, bytes] = {}
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
            if "word/document.xml" not in archive.namelist():
                raise zipfile.BadZipFile("no word/document.xml")
        except zipfile.BadZipFile:
            raise TemplateError(f"Mẫu '{name}' không phải tệp .docx hợp lệ.") from None
        if sum(i.file_size for i in infos) > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"Mẫu '{name}' quá lớn khi giải nén.")
        for info in infos:
            raw = archive.read(info)
            self._order.append(info.filename)
            self._raw[info.filename] = raw
            if (
                info.filename.endswith(".xml")
                and info.filename.startswith("word/")
                and _TEMPLATED.search(raw.decode("utf-8", "replace"))
            ):
                self._templates[info.filename] = self._compile(info.filename, raw.decode("utf-8"))
            else:
                self._static[info.filename] = deflate_entry(info.filename, raw)

    @classmethod
    def load(cls, path: str | Path) -> CompiledTemplate:
        """Read and compile the template at *path*."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TemplateError(f"Không đọc được mẫu '{path}': {exc.strerror}.") from None
        return cls(path.name, data)

    def _compile(self, part: str, xml: str) -> jinja2.Template:
        patched = patch_part(xml)
        try:
            tree = self._env.parse(patched)
        except jinja2.TemplateSyntaxError as exc:
            texts = paragraph_texts(patched)
            where = texts[exc.lineno - 1] if exc.lineno and exc.lineno <= len(texts) else ""
            raise TemplateError(
                f"Mẫu '{self.name}' ({part}) có lỗi cú pháp Jinja: {exc.message}; ở đoạn: «{where[:120]}»"
            ) from None
        loads = next(tree.find_all(_LOADING_NODES), None)
        if loads is not None:
            texts = paragraph_texts(patched)
            where = texts[loads.lineno - 1] if loads.lineno and loads.lineno <= len(texts) else ""
            raise TemplateError(
                f"Mẫu '{self.name}' ({part}) dùng {{% include/import/extends %}}: mẫu không được đọc tệp "
                f"hay mẫu khác; ở đoạn: «{where[:120]}»"
            )
        return self._env.from_string(tree)

    @property
    def templated_parts(self) -> list[str]:
        return list(self._templates)

    def render_parts(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """Render every templated part; returns part name → new bytes (footnotes included)."""
        out: dict[str, bytes] = {}
        footnotes_xml: str | None = None
        for part, template in self._templates.items():
            try:
                xml = template.render(context)
            except jinja2.UndefinedError as exc:
                raise TemplateError(
                    f"Mẫu '{self.name}' dùng biến không có trong dữ liệu: {undefined_message(exc.message)}",
                    hint="Kiểm tra mẫu bằng lệnh: dvtemplate templates lint THƯ_MỤC_MẪU",
                ) from None
            except SecurityError as exc:
                raise TemplateError(
                    f"Mẫu '{self.name}' dùng thao tác không được phép trong mẫu ({_security_reason(exc)})."
                ) from None
            except (jinja2.TemplateError, TypeError, ArithmeticError, ValueError, LookupError) as exc:
                raise TemplateError(f"Mẫu '{self.name}' lỗi khi điền dữ liệu: {exc}") from None
            xml = resolve_breaks(re.sub(r"\n<w:p([ >])", r"<w:p\1", xml))
            if has_merge_markers(xml):
                xml = merge_cells(xml)
            if part == "word/document.xml" and has_footnote_markers(xml):
                footnotes_xml = xml
                continue
            out[part] = xml.encode("utf-8")
        if footnotes_xml is not None:
            notes_part = out.get(_FOOTNOTES) or self._raw.get(_FOOTNOTES)
            if notes_part is None:
                raise TemplateError(
                    f"Mẫu '{self.name}' không có phần chú thích (word/footnotes.xml); "
                    "hãy xuất lại mẫu gốc bằng 'dvtemplate templates export'."
                )
            doc, notes = insert_footnotes(footnotes_xml, notes_part, dict(context.get("footnotes") or {}))
            out["word/document.xml"], out[_FOOTNOTES] = doc, notes
        return out

    def write(self, context: Mapping[str, Any], out: BinaryIO) -> None:
        """Render and write the complete .docx package to *out*."""
        rendered = self.render_parts(context)
        entries = []
        for name in self._order:
            if name in rendered:
                entries.append(deflate_entry(name, rendered[name]))
            elif name in self._static:
                entries.append(self._static[name])
            else:  # a templated part whose render was folded into another (never happens today)
                entries.append(deflate_entry(name, self._raw[name]))
        write_zip(out, entries)

    def render_bytes(self, context: Mapping[str, Any]) -> bytes:
        """The rendered .docx as bytes."""
        buffer = io.BytesIO()
        self.write(context, buffer)
        return buffer.getvalue()
