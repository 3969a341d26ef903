"""`python -m assessor.cli`."""

from assessor.cli.commands import main

main()
