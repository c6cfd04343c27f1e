"""Allow ``python -m handbook``."""

from handbook.cli import main

main()
