"""Throttling hooks (django-axes for logins, django-ratelimit for the public document check): who
the client is, and the page a locked login gets."""

import ipaddress

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def client_ip(request) -> str:
    """The client's address: the TCP peer, or behind TRUSTED_PROXY_COUNT reverse proxies the address
    the outermost of them saw (each proxy appends its peer to X-Forwarded-For, so the entries a
    client wrote itself sit further left and are never read). Always an address: an entry that is
    not one is passed over, and a peer without an address (a Unix socket) counts as 0.0.0.0."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count and _is_address(forwarded[-count]):
            return forwarded[-count]
    peer = request.META.get("REMOTE_ADDR", "")
    return peer if _is_address(peer) else "0.0.0.0"  # noqa: S104  # nosec B104  # a key, never bound to


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def lockout_response(request, original_response=None, credentials=None):
    """The Vietnamese page for a login refused after too many failures, saying when to retry.

    Every attempt during the lock starts the cool-off again, so the wait counts from now.
    """
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        "retry_at": timezone.localtime(timezone.now() + cool_off) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
