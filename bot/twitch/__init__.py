"""The Twitch side: the twitchio adapter, show transcripts and the loopback Twitch stand-in."""
