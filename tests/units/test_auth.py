import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, make_office_user, make_unit_head

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_with_wrong_password_says_so_in_vietnamese(client):
    UserFactory(username="an")

    response = client.post(reverse("login"), {"username": "an", "password": "sai"})

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def _login_error(client, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.context["form"].errors.as_data()["__all__"][0].messages


def test_a_locked_account_reads_like_a_wrong_password_whether_or_not_the_password_is_right(client):
    UserFactory(username="binh", is_active=False)
    UserFactory(username="an")

    locked_right = _login_error(client, "binh", PASSWORD)
    locked_wrong = _login_error(client, "binh", "sai")
    active_wrong = _login_error(client, "an", "sai")
    unknown = _login_error(client, "khongco", "sai")

    assert locked_right == locked_wrong == active_wrong == unknown
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in locked_right[0]
    assert "_auth_user_id" not in client.session


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher that counts its runs (the test settings' hasher, counted)."""

    runs = 0

    def encode(self, password, salt):
        type(self).runs += 1
        return super().encode(password, salt)


def test_a_failed_login_runs_the_password_hasher_once_for_active_inactive_and_unknown_names(client, settings):
    settings.PASSWORD_HASHERS = ["tests.units.test_auth.CountingHasher"]
    UserFactory(username="binh", is_active=False, password="mat-khau-dung")
    UserFactory(username="an", password="mat-khau-dung")
    never_set = UserFactory(username="chua-dat")
    never_set.set_unusable_password()
    never_set.save()
    runs = {}
    for name, password in [
        ("an", "sai"),
        ("binh", "sai"),
        ("binh", "mat-khau-dung"),
        ("khongco", "sai"),
        ("chua-dat", "sai"),
    ]:
        before = CountingHasher.runs
        client.post(reverse("login"), {"username": name, "password": password})
        runs[(name, password)] = CountingHasher.runs - before

    assert set(runs.values()) == {1}, runs


def test_login_lands_on_the_home_page_of_the_role(client):
    make_office_user(username="office")

    response = client.post(reverse("login"), {"username": "office", "password": PASSWORD}, follow=True)

    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Thường trực TĐKT" in body


def test_unit_head_home_shows_their_unit_and_no_office_section(client):
    head = make_unit_head()
    client.force_login(head)

    body = client.get(reverse("home")).content.decode()

    assert head.head_of_unit.name in body
    assert 'id="section-office"' not in body


def test_logout_is_a_post_and_ends_the_session(client):
    client.force_login(make_office_user())

    client.post(reverse("logout"))

    assert "_auth_user_id" not in client.session


def test_password_change_keeps_user_logged_in_with_new_password(client):
    user = make_office_user()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Hoa-Sen-2026!", "new_password2": "Hoa-Sen-2026!"},
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.check_password("Hoa-Sen-2026!")


def test_the_interface_is_vietnamese_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="vi">' in response.content.decode()


def test_the_language_switch_turns_the_interface_to_english_and_back(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    vietnamese = client.get(reverse("login")).content.decode()

    assert '<html lang="en">' in english
    assert '<html lang="vi">' in vietnamese


def test_a_page_out_of_reach_says_so_in_vietnamese(client):
    client.force_login(make_unit_head())

    response = client.get("/units/999999/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_forbidden_page_says_so_in_vietnamese(client):
    client.force_login(make_unit_head())

    response = client.get(reverse("units:create"))

    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
