"""Transcript lines for the end-to-end tests."""


def chat(t: float, user: str, text: str, badges: list[str] | None = None) -> dict:
    line = {"t": t, "type": "chat", "user": user, "text": text}
    if badges:
        line["badges"] = badges
    return line
