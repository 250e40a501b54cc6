"""livepicks: a Twitch chat bot for live-commerce streams."""
