"""``python -m gazetteer``: see ``gazetteer.cli``."""

from gazetteer.cli import main

raise SystemExit(main())
