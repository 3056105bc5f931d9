"""`python -m fundwatch` is the `fundwatch` command."""

from fundwatch.cli import main

main()
