"""`python -m actionplan check` works like `atgardsplan check`."""

import sys

from actionplan.commands.cli import main

sys.exit(main())
