"""The pure core: the rules of Nuzzle as plain Python and pydantic models.

No I/O, no Textual, no storage: every module here can be tested on its own.
"""
