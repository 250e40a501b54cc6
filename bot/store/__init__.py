"""SQLite storage through aiosqlite: the connection, schema and repositories."""
