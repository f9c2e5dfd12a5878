"""The sealed running count of an agenda item (``BallotTally``).

The key of a session is derived from the server's secret (``BALLOT_SECRET``, by default
``SECRET_KEY``) and the session's id with HKDF-SHA256; it is never stored. A tally is two
unsigned 16-bit counts (agree, disagree) encrypted with AES-256-GCM under a fresh random nonce,
the agenda item's id as associated data (a tally copied onto another item does not open):
always 12 + 4 + 16 = 32 bytes, whatever the counts.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import os
import struct
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NONCE_BYTES = 12
COUNTS = struct.Struct(">HH")


def _derived_key(session_id: int, salt: bytes) -> bytes:
    secret = getattr(settings, "BALLOT_SECRET", "") or settings.SECRET_KEY
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=f"session:{session_id}".encode()
    ).derive(secret.encode())


def _encrypt(key: bytes, plain: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, aad)


def _decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)


def session_key(session_id: int) -> bytes:
    return _derived_key(session_id, b"thiduakt council ballot tally")


def _aad(item_id: int) -> bytes:
    return f"agenda-item:{item_id}".encode()


def seal(session_id: int, item_id: int, *, agree: int, disagree: int) -> bytes:
    return _encrypt(session_key(session_id), COUNTS.pack(agree, disagree), _aad(item_id))


def unseal(session_id: int, item_id: int, blob: bytes) -> tuple[int, int]:
    """(agree, disagree); raises ``cryptography.exceptions.InvalidTag`` when the key or the item differ."""
    return COUNTS.unpack(_decrypt(session_key(session_id), bytes(blob), _aad(item_id)))


# ---------------------------------------------------------------------------
# The undo ticket of a ballot just cast
# ---------------------------------------------------------------------------
# A member who has just confirmed a ballot may take it back for a few seconds
# (``BALLOT_UNDO_SECONDS``). What the undo needs — which cast, which way the tally moved and until
# when — is sealed into a ticket that only the member's browser holds (an HttpOnly cookie); the
# database keeps no timestamp and no choice per ballot. The ticket is opaque to its holder as well,
# so it is no receipt of how the member voted. Its key is derived like the tally's, with its own
# label, and the member's id is its associated data (another member's ticket does not open).
TICKET = struct.Struct(">16sIBq")  # cast id, agenda item id, choice (1 agree, 0 disagree), deadline (µs)


@dataclass(frozen=True)
class UndoTicket:
    cast_id: uuid.UUID
    item_id: int
    agree: bool
    deadline: datetime.datetime


def _undo_key(session_id: int) -> bytes:
    return _derived_key(session_id, b"thiduakt council ballot undo")


def _ticket_aad(member_id: int) -> bytes:
    return f"member:{member_id}".encode()


def seal_undo(session_id: int, member_id: int, ticket: UndoTicket) -> str:
    deadline_us = int(ticket.deadline.timestamp() * 1_000_000)
    plain = TICKET.pack(ticket.cast_id.bytes, ticket.item_id, int(ticket.agree), deadline_us)
    sealed = _encrypt(_undo_key(session_id), plain, _ticket_aad(member_id))
    return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode()


def unseal_undo(session_id: int, member_id: int, token: str) -> UndoTicket | None:
    """The ticket, or None when the token is not one of this member's for this session."""
    try:
        blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        plain = _decrypt(_undo_key(session_id), blob, _ticket_aad(member_id))
        cast_id, item_id, agree, deadline_us = TICKET.unpack(plain)
    except (InvalidTag, ValueError, struct.error, binascii.Error):
        return None
    return UndoTicket(
        cast_id=uuid.UUID(bytes=cast_id),
        item_id=item_id,
        agree=bool(agree),
        deadline=datetime.datetime.fromtimestamp(deadline_us / 1_000_000, tz=datetime.UTC),
    )
