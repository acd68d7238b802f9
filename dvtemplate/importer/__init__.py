"""Import of existing .docx plans (Kế hoạch) into the plan YAML.

``import_docx(path)`` returns the validated Plan, its YAML and the warnings;
``import_to_yaml(src, out, force=…)`` also writes the file atomically. The
package is the only place besides the engine and the checker that reads XML.
"""

from __future__ import annotations

from .core import ImportResult, import_docx, import_to_yaml
from .package import MAX_FILE_BYTES, MAX_RATIO, MAX_UNPACKED_BYTES

__all__ = ["ImportResult", "import_docx", "import_to_yaml", "MAX_FILE_BYTES", "MAX_UNPACKED_BYTES", "MAX_RATIO"]
