"""Hand-written extensions on top of the generated resources; the generator never writes here."""
