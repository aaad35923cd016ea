"""The command line (DESIGN §10): every ``nuzzle`` command."""
