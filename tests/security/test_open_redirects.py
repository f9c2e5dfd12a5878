"""Every "go on to" address a request may carry stays on this site.

A link in a phishing mail can point at the real login page with ``?next=https://evil.example/``;
after the login the user must land here, not there. The same holds for the language switch, a
notification's "open", and the office's "resend" button.
"""

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

OUTSIDE = [
    "https://evil.example/",
    "//evil.example/dang-nhap",
    "http:evil.example",
    "https:/\\evil.example",
    "javascript:alert(1)",
    " https://evil.example/",
]


def _stays_here(response) -> bool:
    location = response["Location"]
    return response.status_code == 302 and location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", OUTSIDE)
def test_the_login_never_sends_the_user_off_site(client, world, target):
    response = client.post(
        reverse("login") + "?next=" + target, {"username": world.head.username, "password": PASSWORD}
    )

    assert "_auth_user_id" in client.session
    assert _stays_here(response), response["Location"]


@pytest.mark.parametrize("target", OUTSIDE)
def test_the_language_switch_never_sends_the_user_off_site(client, world, target):
    client.force_login(world.head)

    response = client.post(reverse("set_language"), {"language": "en", "next": target})

    assert _stays_here(response), response["Location"]


@pytest.mark.parametrize("target", OUTSIDE)
def test_opening_a_notification_never_leaves_the_site(client, world, target):
    Notification.objects.filter(pk=world.notification_a.pk).update(url=target)
    client.force_login(world.head)

    response = client.post(reverse("notifications:read", args=[world.notification_a.pk]), {"open": "1"})

    assert response["Location"] == reverse("notifications:list")


@pytest.mark.parametrize("target", OUTSIDE)
def test_the_resend_button_never_leaves_the_site(client, world, settings, target):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(world.office)

    response = client.post(reverse("notifications:resend", args=[world.reminder.pk]), {"next": target})

    assert response["Location"] == reverse("notifications:sent")
