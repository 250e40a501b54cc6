"""twitchio Components, one per feature: parse, call the core, reply."""
