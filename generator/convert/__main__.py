"""``python -m generator.convert setup-workers``: create the workers' venv (what ``make install`` runs)."""

import sys

from generator.convert.supervisor import ensure_uno_venv

if __name__ == "__main__":
    if sys.argv[1:] != ["setup-workers"]:
        sys.exit("usage: python -m generator.convert setup-workers")
    print(f"converter workers' Python: {ensure_uno_venv()}")
