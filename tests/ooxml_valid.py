"""Test helper: is a .docx valid OOXML, so Word opens it without "repair"? (issue 10, point 15)

    from ooxml_valid import assert_valid_ooxml

    assert_valid_ooxml(path)            # a path (str or Path) to a .docx
    assert_valid_ooxml(data, "x.docx")  # or its bytes; the name only labels the failure

Runs the independent validator ``openxml-audit`` (pure Python, PyPI; a test dependency):
the ECMA-376 schema of every XML part (children order, allowed elements and
values), the package (content types, relationships), cross-part references
(styles, footnotes, numbering) and Word's known repair triggers. Fails with one
line per finding: part, XPath and the validator's description.

A new validator is made for every file on purpose: openxml-audit 0.8 caches
cross-part lookups by ``id()`` of the package, so a validator reused for a second
file can report footnotes "not found" that are there (seen with ``openxml-audit -r``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openxml_audit import OpenXmlValidator

__all__ = ["ooxml_findings", "assert_valid_ooxml"]


def ooxml_findings(source: str | os.PathLike | bytes) -> list[str]:
    """Every finding of openxml-audit on *source* (a path or the bytes of a .docx), as text."""
    validator = OpenXmlValidator(max_errors=0, security_validation=True)
    if isinstance(source, bytes):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "document.docx"
            path.write_bytes(source)
            result = validator.validate(path)
    else:
        result = validator.validate(Path(source))
    return [f"{e.part_uri} {e.path}: {e.description}".replace("  ", " ") for e in result.errors]


def assert_valid_ooxml(source: str | os.PathLike | bytes, name: str = "") -> None:
    """Fail the test unless openxml-audit finds nothing at all in *source* (path or bytes)."""
    findings = ooxml_findings(source)
    label = name or (Path(source).name if not isinstance(source, bytes) else "document")
    assert not findings, f"{label}: {len(findings)} OOXML finding(s)\n" + "\n".join(findings)
