"""``python -m dashboard.store_admin``: kept as the command's name; the code is ``dashboard.store.admin``."""

import sys

from dashboard.store.admin import main

if __name__ == "__main__":
    sys.exit(main())
