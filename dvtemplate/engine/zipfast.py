"""A minimal, deterministic zip writer for .docx packages.

A batch writes thousands of packages that differ only in ``word/document.xml``.
Every unchanged part is deflated once (:class:`StaticEntry`) and copied as
bytes; only the changed parts are deflated per document. Timestamps are fixed,
so the same input gives byte-identical output.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

__all__ = ["StaticEntry", "deflate_entry", "write_zip"]

_DOS_TIME, _DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01 00:00


@dataclass(frozen=True)
class StaticEntry:
    """One zip member, already compressed."""

    name: str
    data: bytes  # deflated (method 8) or stored (method 0)
    crc: int
    size: int
    method: int = 8


def deflate_entry(name: str, raw: bytes, level: int = 6) -> StaticEntry:
    """Compress *raw* as a zip member named *name* (raw deflate, as zip wants)."""
    co = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = co.compress(raw) + co.flush()
    return StaticEntry(name, data, zlib.crc32(raw) & 0xFFFFFFFF, len(raw))


def write_zip(out: BinaryIO, entries: Iterable[StaticEntry]) -> None:
    """Write *entries* as a complete zip archive to *out*."""
    central = []
    offset = 0
    for e in entries:
        name = e.name.encode("utf-8")
        flags = 0x800  # names are UTF-8
        # the fields both headers share: flags, method, time, date, CRC, sizes, name length
        shared = (flags, e.method, _DOS_TIME, _DOS_DATE, e.crc, len(e.data), e.size, len(name))
        local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, *shared, 0)
        out.write(local)
        out.write(name)
        out.write(e.data)
        # central record: version made by / needed, shared fields, extra, comment, disk, attributes, offset
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, *shared, 0, 0, 0, 0, 0, offset) + name)
        offset += len(local) + len(name) + len(e.data)
    start = offset
    size = 0
    for record in central:
        out.write(record)
        size += len(record)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
