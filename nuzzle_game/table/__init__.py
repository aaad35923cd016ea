"""Two screens (DESIGN §11): the table that serves a game to two seats, and the wire between them."""
