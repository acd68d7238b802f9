"""Vietnamese formatting rules of Nghị định 30/2020/NĐ-CP as pure functions.

Everything here is deterministic, has no I/O and imports nothing else of
dvtemplate, so models, contexts, the importer, rollover and the checker can all
share one definition of "how ND30 writes it". Misuse by the caller (a month of
13, an unknown authority prefix) raises ``ValueError``; turning that into a
Vietnamese message for the user is the caller's job.

Modules: ``text`` (NFC, clean-up, case), ``dates``, ``holidays`` (working
days), ``numbering`` (Roman numerals, point letters, document numbers),
``docrefs`` (Số, ký hiệu, citations), ``citations`` (a comment's
"điểm a khoản 1 Mục II" read back as numbers), ``signing`` (signer block, Nơi nhận,
Kính gửi), ``filenames``, ``layout`` (printed widths: issuer line breaks, rule lengths).
``nd30`` states every constant and parser of the decree once (Quốc hiệu, Tiêu ngữ,
authority prefixes, type abbreviations, Số/date-line patterns, page layout, sizes); it is
imported as a module (``from dvtemplate.vn import nd30``), not re-exported name by name.
"""

from __future__ import annotations

# Each module owns its public names (its ``__all__``); the package re-exports them all.
# ``holidays`` is bound under another name first: the function of that name shadows it.
from . import citations, dates, docrefs, filenames, layout, numbering, signing, text
from . import holidays as _holidays
from . import nd30 as nd30  # the module itself, not its names
from .citations import *  # noqa: F403
from .dates import *  # noqa: F403
from .docrefs import *  # noqa: F403
from .filenames import *  # noqa: F403
from .holidays import *  # noqa: F403
from .layout import *  # noqa: F403
from .numbering import *  # noqa: F403
from .signing import *  # noqa: F403
from .text import *  # noqa: F403

__all__ = [
    name
    for module in (text, dates, citations, _holidays, numbering, docrefs, signing, filenames, layout)
    for name in module.__all__
] + ["nd30"]  # a public module: its names are used as ``nd30.NAME`` or imported from it
