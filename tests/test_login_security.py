"""Login throttling (django-axes), password rules and session expiry, through the real login and
password-change forms."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_office_user, make_unit_head

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def attempt(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def fail_until_locked(client, username, settings, **extra):
    """Fail the limit's number of times: the form again until the last, which is refused."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, username, "sai-mat-khau", **extra)
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    last = attempt(client, username, "sai-mat-khau", **extra)
    assert last.status_code == 429
    return last


# --- throttling -------------------------------------------------------------------------------------
def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(client, settings):
    user = make_office_user()
    with time_machine.travel(START, tick=False):
        last_failure = fail_until_locked(client, user.username, settings)

        refused = attempt(client, user.username, PASSWORD)
        logged_in_as = client.session.get("_auth_user_id")

    assert settings.AXES_FAILURE_LIMIT == 5
    assert "Tạm khóa đăng nhập" in last_failure.content.decode()
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "Mật khẩu đã bị nhập sai 5 lần" in html
    retry = timezone.localtime(START + datetime.timedelta(minutes=15))
    assert f"Vui lòng thử lại sau 15 phút, từ {retry:%H:%M} ngày {retry:%d/%m/%Y}" in html
    assert logged_in_as is None


def test_a_locked_login_shows_the_page_on_every_further_attempt(client, settings):
    user = make_office_user()
    fail_until_locked(client, user.username, settings)

    again = attempt(client, user.username, "sai-mat-khau")

    assert again.status_code == 429
    assert "Tạm khóa đăng nhập" in again.content.decode()


def test_four_failures_then_the_right_password_logs_in_and_clears_the_count(client, settings):
    user = make_office_user()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user.username, "sai-mat-khau")

    response = attempt(client, user.username, PASSWORD)
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user.username, "sai-mat-khau")
    again = attempt(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert again.status_code == 302


def test_another_user_from_the_same_address_is_not_affected(client, settings):
    locked = make_office_user()
    other = make_unit_head()
    fail_until_locked(client, locked.username, settings)

    response = attempt(Client(), other.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_the_same_user_from_another_address_is_not_affected(client, settings):
    user = make_office_user()
    fail_until_locked(client, user.username, settings, REMOTE_ADDR="203.0.113.7")

    elsewhere = attempt(Client(), user.username, PASSWORD, REMOTE_ADDR="198.51.100.4")
    same_place = attempt(Client(), user.username, PASSWORD, REMOTE_ADDR="203.0.113.7")

    assert elsewhere.status_code == 302
    assert same_place.status_code == 429


def test_after_the_cool_off_the_right_password_logs_in(client, settings):
    user = make_office_user()
    with time_machine.travel(START, tick=False) as traveller:
        fail_until_locked(client, user.username, settings)
        assert attempt(client, user.username, PASSWORD).status_code == 429

        traveller.shift(datetime.timedelta(minutes=14))
        still_locked = attempt(client, user.username, PASSWORD)
        traveller.shift(datetime.timedelta(minutes=15, seconds=1))
        response = attempt(client, user.username, PASSWORD)
        logged_in_as = client.session.get("_auth_user_id")

    assert still_locked.status_code == 429  # each attempt in the lock starts the wait again
    assert response.status_code == 302
    assert logged_in_as == str(user.pk)


def test_failure_limit_and_cool_off_come_from_the_settings(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    user = make_office_user()
    attempt(client, user.username, "sai-mat-khau")
    attempt(client, user.username, "sai-mat-khau")

    refused = attempt(client, user.username, PASSWORD)

    assert refused.status_code == 429
    assert "Mật khẩu đã bị nhập sai 2 lần" in refused.content.decode()
    assert "thử lại sau 30 phút" in refused.content.decode()


def test_behind_a_proxy_the_forwarded_client_address_is_the_key(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = make_office_user()
    # The attacker writes a fake address first; the proxy appends the real one.
    forged = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.4, 203.0.113.7"}
    fail_until_locked(client, user.username, settings, **forged)

    real_user = attempt(
        Client(), user.username, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    attacker = attempt(
        Client(), user.username, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )

    assert real_user.status_code == 302
    assert attacker.status_code == 429


def test_behind_two_proxies_the_lock_keys_on_the_client_not_the_inner_proxy(client, settings):
    """The compose file's nginx behind the TLS proxy: the TLS proxy appends the client, nginx
    appends the TLS proxy (TRUSTED_PROXY_COUNT=2)."""
    settings.TRUSTED_PROXY_COUNT = 2
    user = make_office_user()
    tls_proxy, compose_proxy = "172.18.0.5", "172.18.0.9"
    fail_until_locked(
        client,
        user.username,
        settings,
        REMOTE_ADDR=compose_proxy,
        HTTP_X_FORWARDED_FOR=f"203.0.113.7, {tls_proxy}",
    )

    colleague = attempt(
        Client(),
        user.username,
        PASSWORD,
        REMOTE_ADDR=compose_proxy,
        HTTP_X_FORWARDED_FOR=f"198.51.100.4, {tls_proxy}",
    )
    locked_out = attempt(
        Client(),
        user.username,
        PASSWORD,
        REMOTE_ADDR=compose_proxy,
        HTTP_X_FORWARDED_FOR=f"203.0.113.7, {tls_proxy}",
    )

    assert colleague.status_code == 302
    assert locked_out.status_code == 429


# --- passwords ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("Ab1?xyz", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("38219475301", "Mật khẩu này hoàn toàn là số."),
        ("password123", "Mật khẩu này quá phổ biến."),
    ],
)
def test_password_change_refuses_a_weak_password_in_vietnamese(client, new_password, message):
    user = make_office_user()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_accepts_a_strong_password(client):
    user = make_office_user()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Ngay-moi-2026!", "new_password2": "Ngay-moi-2026!"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Ngay-moi-2026!")


def test_password_validators_are_all_on(settings):
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    length = next(
        v for v in settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator")
    )

    assert length["NAME"] == "units.passwords.MinimumLengthValidator"
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert length["OPTIONS"]["min_length"] >= 8


# --- sessions ----------------------------------------------------------------------------------------
def test_an_idle_session_ends_with_a_vietnamese_message(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 2 * 60 * 60
    user = make_office_user()
    with time_machine.travel(START, tick=False) as traveller:
        attempt(client, user.username, PASSWORD)
        traveller.shift(datetime.timedelta(minutes=119))
        active = client.get(reverse("home"))
        traveller.shift(datetime.timedelta(minutes=119))
        still_active = client.get(reverse("home"))
        traveller.shift(datetime.timedelta(minutes=121))
        expired = client.get(reverse("home"))
        logged_in_as = client.session.get("_auth_user_id")
        login_page = client.get(expired["Location"])

    assert active.status_code == 200
    assert still_active.status_code == 200  # activity moved the idle clock on
    assert expired.status_code == 302
    assert expired["Location"].startswith(LOGIN)
    assert logged_in_as is None
    assert "Phiên làm việc đã kết thúc vì không thao tác quá 120 phút" in login_page.content.decode()


def test_the_bells_polling_keeps_no_session_alive_and_its_end_sends_the_page_to_the_login(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 2 * 60 * 60
    user = make_office_user()
    bell = reverse("notifications:partial-bell")
    polling = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/plans/tasks/?year=2025"}
    with time_machine.travel(START, tick=False) as traveller:
        attempt(client, user.username, PASSWORD)
        answers = []
        for _ in range(121):  # an open tab polls the bell every minute for two hours
            traveller.shift(datetime.timedelta(minutes=1))
            answers.append(client.get(bell, **polling))
        logged_in_as = client.session.get("_auth_user_id")

    assert all(a.status_code == 200 for a in answers[:-1])
    ended = answers[-1]
    assert ended.status_code == 200 and ended["HX-Redirect"].startswith(LOGIN)
    assert "next=/plans/tasks/%3Fyear%3D2025" in ended["HX-Redirect"]
    assert logged_in_as is None


def test_a_session_ending_on_a_poll_from_another_sites_page_sends_to_the_login_without_that_page(
    client, settings
):
    settings.SESSION_IDLE_TIMEOUT = 60
    user = make_office_user()
    polling = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "https://evil.example/phish/"}
    with time_machine.travel(START, tick=False) as traveller:
        attempt(client, user.username, PASSWORD)
        traveller.shift(datetime.timedelta(minutes=5))
        ended = client.get(reverse("notifications:partial-bell"), **polling)

    assert ended["HX-Redirect"].startswith(LOGIN)
    assert "evil" not in ended["HX-Redirect"] and "next=/" in ended["HX-Redirect"]


def test_a_session_ends_after_its_lifetime_however_active(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 2 * 60 * 60
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    user = make_office_user()
    with time_machine.travel(START, tick=False) as traveller:
        attempt(client, user.username, PASSWORD)
        statuses = []
        for _ in range(8):
            traveller.shift(datetime.timedelta(minutes=59))
            statuses.append(client.get(reverse("home")).status_code)
        traveller.shift(datetime.timedelta(minutes=20))
        expired = client.get(reverse("home"))
        logged_in_as = client.session.get("_auth_user_id")

    assert statuses == [200] * 8
    assert expired.status_code == 302
    assert logged_in_as is None


def test_requests_within_a_minute_do_not_write_the_session(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_office_user()
    client.force_login(user)

    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("home"))
        client.get(reverse("notifications:partial-bell"))

    writes = [q["sql"] for q in captured.captured_queries if "django_session" in q["sql"]]
    assert writes and all(sql.startswith("SELECT") for sql in writes)
