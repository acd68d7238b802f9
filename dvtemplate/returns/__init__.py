"""What both return loops (``collect``: report forms; ``comments``: reply letters) share.

- :mod:`.inputs`: the INPUTs (files, folders, .zip) as a flat list of :class:`~.inputs.Source`,
  with one policy for sizes, symbolic links, named pipes and devices;
- :mod:`.pool`: the one process pool (also used by :mod:`dvtemplate.batch`), whose workers
  end when the parent is killed, even with ``kill -9``.

- :mod:`.outputs`: the outputs checked before anything is read.

Both loops go the same way: check the outputs, gather the inputs, read them in the pool,
decide (statuses, comments mapped to the draft), write.
"""

from __future__ import annotations

from .inputs import Source, gather, load_bytes
from .outputs import check_outputs
from .pool import READ_SERIAL_BELOW, default_jobs, run_chunks, split

__all__ = [
    "Source",
    "gather",
    "load_bytes",
    "run_chunks",
    "split",
    "default_jobs",
    "READ_SERIAL_BELOW",
    "check_outputs",
]
