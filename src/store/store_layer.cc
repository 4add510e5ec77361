// Layer store.
