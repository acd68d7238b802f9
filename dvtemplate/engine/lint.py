"""Lint a .docx template before anyone renders it: syntax, unknown variables, split tags.

An office edits its templates in Word, and Word is hostile to Jinja tags: it
splits ``{{ name }}`` across runs when it spell-checks, turns quotes curly, lets
a user press Enter in the middle of a tag. docxtpl's ``patch_xml`` repairs run
markup *inside* a tag and between its two braces; everything else reaches Jinja
as a broken tag or, worse, as literal text that silently never renders. This
module finds those problems with the paragraph they sit in, so a clerk can fix
them in Word, and compares every variable path the template reads
(``header.so``, ``b.lead`` inside ``{% for b in blocks %}``) with the *shape* of
a real context, suggesting the closest existing name.

The engine knows nothing about plans: the caller passes the context to compare
against (see ``dvtemplate.templates_tools``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.nodes as nd
from docxtpl import DocxTemplate
from lxml import etree

from ..errors import TemplateError
from .compiled import (
    CompiledTemplate,
    paragraph_texts,
    patch_part,
    read_template_parts,
    syntax_message,
)
from .sandbox import forbidden_nodes, make_environment

__all__ = ["LintProblem", "lint_template", "context_shape", "ANY"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER = re.compile(r"\{[{%#]")
_SPACED = re.compile(r"\{\s+[{%]|[%}]\s+\}")


@dataclass(frozen=True)
class LintProblem:
    """One finding: which template and part, what kind, a Vietnamese message and the paragraph's text."""

    template: str
    part: str
    kind: str  # "syntax", "forbidden", "variable", "split", "file", "render"
    message: str
    paragraph: str = ""

    def __str__(self) -> str:
        where = f" — ở đoạn: «{self.paragraph[:100]}»" if self.paragraph else ""
        part = f" ({self.part})" if self.part else ""
        return f"{self.template}{part}: {self.message}{where}"


# ----------------------------------------------------------------------------- shapes
class _Any:
    """A value whose shape is unknown (a ``set`` variable, a macro argument): anything goes."""

    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()


@dataclass(frozen=True)
class _Seq:
    item: Any


def context_shape(value: Any) -> Any:
    """The shape of a context value: dict → {key: shape}, list → _Seq(merged item shape), else its type."""
    if isinstance(value, Mapping):
        return {str(k): context_shape(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        merged: Any = None
        for element in value:
            merged = _merge(merged, context_shape(element))
        return _Seq(ANY if merged is None else merged)
    return type(value)


def _merge(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for key, value in b.items():
            out[key] = _merge(out.get(key), value)
        return out
    if isinstance(a, _Seq) and isinstance(b, _Seq):
        return _Seq(_merge(a.item, b.item))
    return a if a == b else ANY


# ----------------------------------------------------------------------------- variables
class _Scope:
    def __init__(self, names: Mapping[str, Any], parent: _Scope | None = None) -> None:
        self.names = dict(names)
        self.parent = parent

    def get(self, name: str) -> Any:
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            scope = scope.parent
        return None

    def known(self) -> list[str]:
        out: list[str] = []
        scope: _Scope | None = self
        while scope is not None:
            out.extend(scope.names)
            scope = scope.parent
        return out


class _Variables:
    """Walks a Jinja AST, resolving every variable path against the context shape."""

    def __init__(self, shape: Mapping[str, Any], report) -> None:
        self.root = _Scope(shape)
        self.report = report  # (lineno, message) -> None

    def run(self, tree: nd.Template) -> None:
        self._body(tree.body, self.root)

    def _body(self, nodes: list[nd.Node], scope: _Scope) -> None:
        for node in nodes:
            self._node(node, scope)

    def _node(self, node: nd.Node, scope: _Scope) -> None:
        if isinstance(node, nd.For):
            item = self._resolve(node.iter, scope)
            inner = _Scope({"loop": ANY}, scope)
            self._bind(node.target, item.item if isinstance(item, _Seq) else ANY, inner)
            if node.test is not None:
                self._expr(node.test, inner)
            self._body(node.body, inner)
            self._body(node.else_, scope)
        elif isinstance(node, nd.Assign):
            value = self._resolve(node.node, scope)
            self._bind(node.target, value, scope)
        elif isinstance(node, nd.AssignBlock):
            self._body(node.body, scope)
            self._bind(node.target, ANY, scope)
        elif isinstance(node, nd.Macro):
            scope.names[node.name] = ANY
            inner = _Scope({a.name: ANY for a in node.args} | {"varargs": ANY, "kwargs": ANY, "caller": ANY}, scope)
            for default in node.defaults:
                self._expr(default, scope)
            self._body(node.body, inner)
        elif isinstance(node, nd.CallBlock):
            self._expr(node.call, scope)
            self._body(node.body, _Scope({a.name: ANY for a in node.args}, scope))
        elif isinstance(node, nd.With):
            inner = _Scope({}, scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self._bind(target, self._resolve(value, scope), inner)
            self._body(node.body, inner)
        elif isinstance(node, nd.Expr):
            self._expr(node, scope)
        else:
            for child in node.iter_child_nodes():
                self._node(child, scope)

    def _bind(self, target: nd.Node, value: Any, scope: _Scope) -> None:
        if isinstance(target, nd.Name):
            scope.names[target.name] = value
        elif isinstance(target, nd.Tuple):
            for element in target.items:
                self._bind(element, ANY, scope)

    def _expr(self, node: nd.Node, scope: _Scope) -> None:
        if isinstance(node, (nd.Name, nd.Getattr, nd.Getitem)):
            self._resolve(node, scope)
            return
        for child in node.iter_child_nodes():
            self._expr(child, scope)

    def _resolve(self, node: nd.Node, scope: _Scope) -> Any:
        """The shape of *node*; reports (once) the first unknown name or attribute of a path."""
        if isinstance(node, nd.Name):
            shape = scope.get(node.name)
            if shape is None:
                self._unknown(node, node.name, scope.known())
                return ANY
            return shape
        if isinstance(node, (nd.Getattr, nd.Getitem)):
            base = self._resolve(node.node, scope)
            if isinstance(node, nd.Getitem):
                key = node.arg.value if isinstance(node.arg, nd.Const) else None
                if not isinstance(node.arg, nd.Const):
                    self._expr(node.arg, scope)
                if isinstance(base, _Seq):
                    return base.item
            else:
                key = node.attr
            if base is ANY or base is None or not isinstance(key, str):
                return ANY
            if isinstance(base, dict):
                if key in base:
                    return base[key]
                if hasattr(dict, key) and not key.startswith("_"):
                    return ANY  # items(), keys()…
                self._unknown(node, _path(node), [f"{_path(node.node)}.{k}" for k in base])
                return ANY
            if isinstance(base, type):
                if not key.startswith("_") and hasattr(base, key):
                    return ANY  # a str method such as upper()
                self._unknown(node, _path(node), [])
                return ANY
            return ANY
        for child in node.iter_child_nodes():
            self._expr(child, scope)
        return ANY

    def _unknown(self, node: nd.Node, path: str, candidates: list[str]) -> None:
        close = difflib.get_close_matches(path, candidates, n=1, cutoff=0.6)
        hint = f"; có phải '{close[0]}'?" if close else ""
        self.report(node.lineno, f"biến '{path}' không có trong dữ liệu{hint}")


def _path(node: nd.Node) -> str:
    if isinstance(node, nd.Name):
        return node.name
    if isinstance(node, nd.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nd.Getitem):
        arg = node.arg.value if isinstance(node.arg, nd.Const) else "…"
        return f"{_path(node.node)}[{arg!r}]" if not isinstance(arg, str) else f"{_path(node.node)}.{arg}"
    return "…"


# ----------------------------------------------------------------------------- split tags
def _paragraphs(xml: bytes) -> Iterator[tuple[str, str]]:
    """(visible text, serialized XML) of every paragraph of a part."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    for p in root.iter(f"{_W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{_W}t"))
        if "{" in text or "}" in text:
            yield text, etree.tostring(p, encoding="unicode")


class _Next:
    """Next position of *needle* at or after a position that only grows: each search starts past the last."""

    def __init__(self, text: str, needle: str) -> None:
        self.text, self.needle, self.at = text, needle, -1

    def find(self, start: int) -> int:
        if self.at != len(self.text) and self.at < start:
            found = self.text.find(self.needle, start)
            self.at = len(self.text) if found < 0 else found
        return self.at


def tag_spans(text: str, barriers: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the Jinja tags ``{{…}}``, ``{%…%}``, ``{#…#}`` in *text* whose inside holds no *barrier*.

    What ``re.findall(r"\\{\\{(?:(?!B).)*?\\}\\}|…")`` finds, in time linear in *text* (the regex
    rescans to the end of the text from every unclosed ``{{``: quadratic).
    """
    end = len(text)
    openers = {o: _Next(text, o) for o in _CLOSERS}
    closers = {o: _Next(text, c) for o, c in _CLOSERS.items()}
    walls = [_Next(text, b) for b in barriers]
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        opener, at = min(((o, n.find(pos)) for o, n in openers.items()), key=lambda x: x[1])
        if at >= end:
            return spans
        close = closers[opener].find(at + 2)
        wall = min((w.find(at + 2) for w in walls), default=end)
        if close < end and close + 2 <= wall:  # the closer ends before any barrier starts
            spans.append((at, close + 2))
            pos = close + 2
        elif close >= end:  # no closer of this kind anywhere after: no later opener of it can match
            del openers[opener]
            if not openers:
                return spans
        else:
            pos = at + 1


def _split_problems(name: str, part: str, xml: bytes) -> list[LintProblem]:
    out: list[LintProblem] = []
    for text, fragment in _paragraphs(xml):

        def add(message: str) -> None:
            out.append(LintProblem(name, part, "split", message, text.strip()))

        spans = tag_spans(text, ("\n",))
        visible = [text[a:b] for a, b in spans]
        gaps = zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(text)], strict=True)
        leftover = "".join(text[a:b] for a, b in gaps)
        if _OPENER.search(leftover):
            add("thẻ mở ({{ hoặc {%) không được đóng trong cùng đoạn (có thể đã xuống dòng giữa thẻ)")
            continue
        if _SPACED.search(text):
            add("dấu ngoặc của thẻ bị tách bởi dấu cách, ví dụ '{ {' — viết liền '{{', '{%', '%}', '}}'")
        patched = DocxTemplate.patch_xml(None, fragment)
        readable = tag_spans(patched, ("<w:", "</w:"))
        if len(readable) < len(visible):
            add(
                "thẻ bị Word tách thành nhiều đoạn định dạng mà docxtpl không ghép lại được; "
                "hãy xóa cả thẻ rồi gõ lại một lần, không định dạng riêng từng phần và chấp nhận mọi thay đổi đang theo dõi (Track Changes)"
            )
    return out


# ----------------------------------------------------------------------------- entry point
def lint_template(name: str, data: bytes, context: Mapping[str, Any] | None = None) -> list[LintProblem]:
    """Every problem of the template *data* (bytes of a .docx) named *name*.

    With *context*, variable paths are checked against its shape; without, only
    syntax and split tags are.
    """
    try:
        parts = read_template_parts(name, data)
    except TemplateError as exc:
        return [LintProblem(name, "", "file", exc.message.removeprefix(f"Mẫu '{name}'").lstrip(" :"))]
    env = make_environment()
    shape = context_shape(context) if context is not None else None
    out: list[LintProblem] = []
    for filename, raw in parts:
        if not _PARTS.match(filename):
            continue
        try:
            out.extend(_split_problems(name, filename, raw))
        except etree.XMLSyntaxError:
            out.append(LintProblem(name, filename, "file", "phần XML hỏng, Word không mở được"))
            continue
        xml = raw.decode("utf-8", "replace")
        if not re.search(r"\{(?:<[^>]*>)*[{%#]", xml):
            continue
        patched = patch_part(xml)
        texts = paragraph_texts(patched)

        def at(lineno: int | None) -> str:
            return texts[lineno - 1] if lineno and 0 < lineno <= len(texts) else ""

        try:
            tree = env.parse(patched)
        except jinja2.TemplateSyntaxError as exc:
            out.append(
                LintProblem(
                    name, filename, "syntax", f"lỗi cú pháp Jinja: {syntax_message(exc.message)}", at(exc.lineno)
                )
            )
            continue
        for node, reason in forbidden_nodes(tree):
            out.append(LintProblem(name, filename, "forbidden", reason, at(node.lineno)))
        if shape is not None:
            seen: set[str] = set()

            def report(lineno: int, message: str) -> None:
                if message not in seen:
                    seen.add(message)
                    out.append(LintProblem(name, filename, "variable", message, at(lineno)))

            _Variables(shape, report).run(tree)
    if context is not None and not out:
        out.extend(_render_problems(name, data, context))
    return out


def _render_problems(name: str, data: bytes, context: Mapping[str, Any]) -> list[LintProblem]:
    """What render itself would refuse with the example data: limits, malformed XML, runtime errors."""
    try:
        CompiledTemplate(name, data).render_parts(context)
    except TemplateError as exc:
        return [LintProblem(name, "", "render", "điền thử dữ liệu mẫu thất bại: " + exc.message)]
    return []
