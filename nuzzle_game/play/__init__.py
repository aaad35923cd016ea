"""Playing: a game session over a store, and the one round engine that hot seat,
the table and the check-in in halves drive. Pure: the store is a Protocol."""
