"""The sealed running count of an agenda item (``BallotTally``).

The key of a session is derived from the server's secret (``BALLOT_SECRET``, by default
``SECRET_KEY``) and the session's id with HKDF-SHA256; it is never stored. A tally is two
unsigned 16-bit counts (agree, disagree) encrypted with AES-256-GCM under a fresh random nonce,
the agenda item's id as associated data (a tally copied onto another item does not open):
always 12 + 4 + 16 = 32 bytes, whatever the counts.
"""

from __future__ import annotations

import os
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NONCE_BYTES = 12
COUNTS = struct.Struct(">HH")


def session_key(session_id: int) -> bytes:
    secret = getattr(settings, "BALLOT_SECRET", "") or settings.SECRET_KEY
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"thiduakt council ballot tally",
        info=f"session:{session_id}".encode(),
    ).derive(secret.encode())


def _aad(item_id: int) -> bytes:
    return f"agenda-item:{item_id}".encode()


def seal(session_id: int, item_id: int, *, agree: int, disagree: int) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(session_key(session_id)).encrypt(nonce, COUNTS.pack(agree, disagree), _aad(item_id))
    return nonce + sealed


def unseal(session_id: int, item_id: int, blob: bytes) -> tuple[int, int]:
    """(agree, disagree); raises ``cryptography.exceptions.InvalidTag`` when the key or the item differ."""
    blob = bytes(blob)
    plain = AESGCM(session_key(session_id)).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _aad(item_id))
    return COUNTS.unpack(plain)
