"""Quizzes, votes and lucky draws: plain game logic on an injected clock, no Twitch."""
