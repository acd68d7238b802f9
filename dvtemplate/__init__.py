"""dvtemplate: Kế hoạch, công văn and báo cáo per Nghị định 30/2020/NĐ-CP from one YAML plan."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
