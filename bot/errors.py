"""Errors that carry a chat-ready reply: raised anywhere, answered once by one handler."""


class UserFacingError(Exception):
    """Something the viewer or moderator should be told, in one short line, in their language."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply
