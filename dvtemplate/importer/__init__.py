"""Import of existing .docx plans (Kế hoạch) into the plan YAML.

``import_docx(path)`` returns the validated Plan, its YAML and the warnings;
``import_to_yaml(src, out, force=…)`` also writes the file atomically. Files
are opened and read by :mod:`dvtemplate.docx` (the one safe reader, limits in
:mod:`dvtemplate.limits`); this package parses the body only.
"""

from __future__ import annotations

from .core import ImportResult, import_docx, import_to_yaml
from .parsers import restore_name_line
from .yamlout import dump_yaml

__all__ = ["ImportResult", "import_docx", "import_to_yaml", "restore_name_line", "dump_yaml"]
