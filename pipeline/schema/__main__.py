"""``python -m pipeline.schema [--check]``: rewrite (or check) the committed docket.schema.json."""

import sys

from .build import main

sys.exit(main())
