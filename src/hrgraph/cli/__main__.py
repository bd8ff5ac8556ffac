"""``python -m hrgraph.cli``: the same as the ``hrgraph`` command."""

from hrgraph.cli import main

main()
