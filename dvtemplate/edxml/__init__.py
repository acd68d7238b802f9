"""The edXML package of QCVN 102:2016/BTTTT: the envelope e-office systems exchange.

No official XSD is published. :mod:`.envelope` writes the structure of the standard (message
header, trace header, manifest) in the single-file layout of the national document exchange's
SDK: ``<edXML>`` holding the ``edXMLEnvelope`` and, after it, ``AttachmentEncoded`` with each
attachment in base64 (the raw file, not zipped) and its SHA-256 digest. :func:`read_package`
reads a package back (safe XML parser: no entities, no network) and checks the digests.
"""

from __future__ import annotations

from . import envelope
from .envelope import *  # noqa: F403  (the package's public names are the envelope's)

__all__ = list(envelope.__all__)
