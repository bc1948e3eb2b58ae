"""Allow `python -m policycheck`."""

from policycheck.server import main

if __name__ == "__main__":  # not when a process started by `spawn` imports this module
    main()
