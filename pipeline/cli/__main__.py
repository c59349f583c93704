"""``python -m pipeline.cli``: the ``docket`` command."""

from . import main

main()
