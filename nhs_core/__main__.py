import sys

from nhs_core.cli import main

sys.exit(main())
