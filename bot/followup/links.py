"""Signed list links: a token per viewer that only the holder of the signing key can make."""

import base64
import hashlib
import hmac
import logging
import re

from bot.store.db import Database
from bot.store.followup import FollowupStore

logger = logging.getLogger(__name__)

# 192 bits of HMAC-SHA256: 32 URL-safe base64 characters with no padding.
TOKEN_BYTES = 24
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
MIN_KEY_BYTES = 16


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class ListLinks:
    """Links to each viewer's list page: public_url + "/l/" + token.

    The token is HMAC-SHA256(key, login), so one viewer's link says nothing about another's
    without the key. Going back from a token to a login uses a map in the database keyed by
    the token's SHA-256 digest (filled for viewers who are not in it yet whenever a token is not
    found), then recomputes the token for that login and compares in constant time. This costs
    one indexed read per request where recomputing for every known viewer would cost one HMAC per
    viewer, work anyone could trigger with forged tokens; and storing digests, not tokens, keeps
    a copy of the database from handing out working links.
    """

    def __init__(self, key: bytes, public_url: str) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the list signing key needs at least {MIN_KEY_BYTES} bytes")

        self._key = key
        self.public_url = public_url.rstrip("/")
        self.key_id = hmac.new(key, b"livepicks list key id", hashlib.sha256).hexdigest()[:16]

    def token_for(self, login: str) -> str:
        mac = hmac.new(self._key, login.lower().encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac[:TOKEN_BYTES]).decode("ascii")

    def url_for(self, login: str) -> str:
        return f"{self.public_url}/l/{self.token_for(login)}"

    def matches(self, token: str, login: str) -> bool:
        """Whether `token` is this key's token for `login`, compared in constant time."""
        return hmac.compare_digest(self.token_for(login).encode(), token.encode())

    async def login_for(self, token: str, db: Database) -> str | None:
        """The viewer a token belongs to, or None for a forged, altered or unknown token."""
        if not TOKEN_PATTERN.match(token):
            return None

        store = FollowupStore(db)
        digest = _digest(token)
        login = await store.login_for_digest(digest, self.key_id)
        if login is None:
            await self._link_new_viewers(store)
            login = await store.login_for_digest(digest, self.key_id)

        if login is None or not self.matches(token, login):
            return None
        return login

    async def _link_new_viewers(self, store: FollowupStore) -> None:
        logins = await store.unlinked_logins(self.key_id)
        if not logins:
            return

        rows = [(_digest(self.token_for(login)), self.key_id, login) for login in logins]
        await store.save_links(rows)
        logger.debug("list links stored for %d new viewers", len(rows))
