import sys

from nhs_core.cli import main

try:
    sys.exit(main())
except BrokenPipeError:  # output piped into `head` and cut short: not an error worth a traceback
    sys.exit(0)
except KeyboardInterrupt:
    sys.exit(130)
