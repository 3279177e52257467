"""``python -m shared_responsibility``: the command-line tool."""

from ._cli import main

raise SystemExit(main())
