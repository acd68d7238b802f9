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
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

import jinja2
import jinja2.nodes
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError
from lxml import etree

from ..docx import ZipGate
from ..errors import InputError, TemplateError
from ..limits import MAX_TEMPLATE_BYTES
from ..reading import read_input
from .ooxml import (
    fit_table_grids,
    has_footnote_markers,
    has_merge_markers,
    insert_footnotes,
    merge_cells,
    resolve_breaks,
)
from .sandbox import LimitExceeded, forbidden_nodes, make_environment, render_utf8
from .zipfast import StaticEntry, deflate_entry, write_zip

__all__ = ["CompiledTemplate", "patch_part", "paragraph_texts", "undefined_message", "read_template_parts"]

_TEMPLATED = re.compile(r"\{(?:<[^>]*>)*[{%#]")
_FOOTNOTES = "word/footnotes.xml"
_NEWLINE_PARAGRAPH = re.compile(rb"\n<w:p([ >])")
"""A line break the patched template put before each paragraph (for error line numbers), taken out again."""
_SAVE_AS = "Mở mẫu bằng Word và lưu lại dạng .docx, hoặc xuất lại mẫu gốc: dvtemplate templates export THƯ_MỤC"


def read_template_parts(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The parts of a template .docx, in archive order, within the limits; TemplateError otherwise.

    A template from an office's folder is as untrusted as any .docx: it goes through the same
    gate as every returned file (:class:`dvtemplate.docx.package.ZipGate`: parts, sizes,
    encryption, lying headers, unpacking time), here raising a TemplateError.
    """
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"Mẫu '{name}' quá lớn (tối đa {MAX_TEMPLATE_BYTES // 1024 // 1024} MB).")

    def refuse(why: str, hint: str | None = None) -> TemplateError:
        return TemplateError(f"Mẫu '{name}': {why}", hint=hint)

    gate = ZipGate(data, refuse, hint=_SAVE_AS)
    if "word/document.xml" not in gate.infos:
        raise TemplateError(f"Mẫu '{name}' không phải tệp .docx hợp lệ (thiếu word/document.xml).", hint=_SAVE_AS)
    return [(part, gate.read(part, hint=_SAVE_AS)) for part in gate.infos]


def _decode(name: str, part: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            f"Mẫu '{name}': phần {part} không phải mã UTF-8 (byte {exc.start}); Word luôn lưu UTF-8.", hint=_SAVE_AS
        ) from None


_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def undefined_message(message: str | None) -> str:
    """Jinja's English 'x is undefined' / 'has no attribute' said in Vietnamese."""
    message = message or ""
    m = re.match(r"'([^']*)' is undefined", message)
    if m:
        return f"biến '{m.group(1)}' không có"
    m = re.match(r"'([^']*)' has no attribute '([^']*)'", message)
    if m:
        where = {"str object": " (trong một đoạn văn bản)", "list object": " (trong một danh sách)"}
        return f"không có trường '{m.group(2)}'{where.get(m.group(1), '')}"
    return syntax_message(message)


_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "hết mẫu",
    "name": "một tên",
    "string": "một chuỗi",
    "integer": "một số",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, text)


def syntax_message(message: str | None) -> str:
    """Jinja's English syntax error said in Vietnamese (what to close, what is extra, where)."""
    message = " ".join((message or "").split())
    inner = re.search(r"The innermost block that needs to be closed is '(\w+)'", message)
    tag = re.match(r"Encountered unknown tag '(\w+)'", message)
    if tag and inner:
        return (
            f"thẻ {{% {inner.group(1)} %}} chưa được đóng bằng {{% end{inner.group(1)} %}} trước {{% {tag.group(1)} %}}"
        )
    if tag:
        name = tag.group(1)
        if name.startswith("end"):
            return f"thẻ {{% {name} %}} thừa: không có thẻ {{% {name[3:]} %}} mở tương ứng"
        return f"không có thẻ {{% {name} %}} (gõ sai tên thẻ?)"
    if message.startswith("Unexpected end of template") and inner:
        return f"thẻ {{% {inner.group(1)} %}} chưa được đóng bằng {{% end{inner.group(1)} %}}"
    m = re.match(r"expected token '([^']*)', got '([^']*)'", message)
    if m:
        return f"cú pháp sai gần '{_token(m.group(2))}' (cần '{_token(m.group(1))}')"
    m = re.match(r"unexpected end of template, expected '([^']*)'", message)
    if m:
        return f"thẻ chưa được đóng (cần '{_token(m.group(1))}')"
    m = re.match(r"unexpected (?:char )?'([^']*)'", message)
    if m:
        return f"ký tự '{m.group(1)}' không đúng chỗ trong thẻ"
    if "is undefined" in message or "has no attribute" in message:
        return undefined_message(message)
    return "cú pháp thẻ không đúng" if re.search(r"[A-Za-z]{3,}", message) else message


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

    def __init__(self, name: str, data: bytes, *, check_xml: bool = True) -> None:
        self.name = name
        self._check_output = check_xml  # off only for the built-in templates (built from code, tested)
        self._env = make_environment()
        self._order: list[str] = []
        self._static: dict[str, StaticEntry] = {}
        self._templates: dict[str, jinja2.Template] = {}
        self._raw: dict[str, bytes] = {}
        for part, raw in read_template_parts(name, data):
            self._order.append(part)
            self._raw[part] = raw
            if (
                part.endswith(".xml")
                and (part.startswith("word/") or part == "docProps/custom.xml")
                and _TEMPLATED.search(raw.decode("utf-8", "replace"))
            ):
                self._templates[part] = self._compile(part, _decode(name, part, raw))
            else:
                self._static[part] = deflate_entry(part, raw)

    @classmethod
    def load(cls, path: str | Path) -> CompiledTemplate:
        """Read and compile the template at *path*."""
        path = Path(path)
        try:
            data = read_input(path, MAX_TEMPLATE_BYTES, "mẫu .docx")
        except InputError as exc:
            raise TemplateError(exc.message) from None
        return cls(path.name, data)

    def _compile(self, part: str, xml: str) -> jinja2.Template:
        patched = patch_part(xml)
        texts = paragraph_texts(patched)

        def at(lineno: int | None) -> str:
            return texts[lineno - 1][:120] if lineno and lineno <= len(texts) else ""

        try:
            tree = self._env.parse(patched)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"Mẫu '{self.name}' ({part}) có lỗi cú pháp Jinja: {syntax_message(exc.message)}; ở đoạn: «{at(exc.lineno)}»"
            ) from None
        except (RecursionError, MemoryError):
            raise TemplateError(f"Mẫu '{self.name}' ({part}): biểu thức lồng nhau quá sâu.") from None
        for node, reason in forbidden_nodes(tree):
            raise TemplateError(f"Mẫu '{self.name}' ({part}): {reason}; ở đoạn: «{at(node.lineno)}»")
        try:
            return self._env.from_string(tree)
        except jinja2.TemplateError as exc:
            raise TemplateError(f"Mẫu '{self.name}' ({part}) có lỗi: {exc}") from None
        except (RecursionError, MemoryError, SyntaxError):
            raise TemplateError(f"Mẫu '{self.name}' ({part}): biểu thức lồng nhau quá sâu.") from None

    @property
    def templated_parts(self) -> list[str]:
        return list(self._templates)

    def render_parts(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """Render every templated part; returns part name → new bytes (footnotes included)."""
        out: dict[str, bytes] = {}
        footnotes_xml: bytes | None = None
        for part, template in self._templates.items():
            try:
                xml = render_utf8(template, context)
            except LimitExceeded as exc:
                raise TemplateError(
                    f"Mẫu '{self.name}' vượt giới hạn khi điền dữ liệu: {exc}.",
                    hint="Xem mục 'Giới hạn' trong README; kiểm tra vòng lặp và macro của mẫu.",
                ) from None
            except (RecursionError, MemoryError):
                raise TemplateError(f"Mẫu '{self.name}' vượt giới hạn khi điền dữ liệu (đệ quy hoặc bộ nhớ).") from None
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
            xml = fit_table_grids(resolve_breaks(_NEWLINE_PARAGRAPH.sub(rb"<w:p\1", xml)))
            if has_merge_markers(xml):
                xml = merge_cells(xml)
            if part == "word/document.xml" and has_footnote_markers(xml):
                footnotes_xml = xml
                continue
            out[part] = xml
        if footnotes_xml is not None:
            notes_part = out.get(_FOOTNOTES) or self._raw.get(_FOOTNOTES)
            if notes_part is None:
                raise TemplateError(
                    f"Mẫu '{self.name}' không có phần chú thích (word/footnotes.xml); "
                    "hãy xuất lại mẫu gốc bằng 'dvtemplate templates export'."
                )
            doc, notes = insert_footnotes(footnotes_xml, notes_part, dict(context.get("footnotes") or {}))
            out["word/document.xml"], out[_FOOTNOTES] = doc, notes
        if self._check_output:
            for part, data in out.items():
                self._check_xml(part, data)
        return out

    def _check_xml(self, part: str, data: bytes) -> None:
        """A rendered part must be well-formed XML, or Word refuses the whole file: never write it."""
        try:
            etree.fromstring(data, _XML_PARSER)
        except etree.XMLSyntaxError as exc:
            line = exc.lineno or 0
            text = data.decode("utf-8", "replace").splitlines()[line - 1 : line] if line else []
            where = re.sub(r"<[^>]+>", "", text[0])[:120] if text else ""
            raise TemplateError(
                f"Mẫu '{self.name}' ({part}) tạo ra XML hỏng ({exc.msg}); Word sẽ không mở được nên không ghi tệp."
                + (f" Gần đoạn: «{where}»" if where.strip() else ""),
                hint="Kiểm tra mẫu bằng lệnh: dvtemplate templates lint THƯ_MỤC_MẪU",
            ) from None

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
