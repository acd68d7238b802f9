"""``python -m dvtemplate``: the same as the ``dvtemplate`` command."""

import sys

from .cli import main

sys.exit(main())
