"""The accent-free search rule (``units.search.fold``), the ``fold`` transform on SQLite, and the
pieces every list shares: the sort whitelist, the sortable header, the search box."""

import unicodedata

import pytest
from django.http import QueryDict
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from tests.factories import PersonFactory, UnitFactory
from units.filters import PersonFilter
from units.models import Person
from units.search import fold, search, search_words

VIETNAMESE_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn", "nguyen"),
        ("Bệnh viện", "benh vien"),
        ("Đường", "duong"),
        ("đường", "duong"),
        ("ĐỒNG NAI", "dong nai"),
        ("Trung tâm Y tế", "trung tam y te"),
        ("Phòng TCCB-02", "phong tccb-02"),
        ("", ""),
    ],
)
def test_fold_drops_accents_writes_d_for_d_with_stroke_and_lowers_the_case(text, folded):
    assert fold(text) == folded


def test_fold_reads_decomposed_letters_as_their_precomposed_forms():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")

    assert decomposed != "Nguyễn Thị Hằng"
    assert fold(decomposed) == fold("Nguyễn Thị Hằng") == "nguyen thi hang"
    assert fold("e\u0302\u0303") == "e"  # a combining circumflex and tilde typed after the letter


def test_fold_gives_every_vietnamese_vowel_its_plain_letter_in_both_cases():
    for letter in VIETNAMESE_VOWELS:
        plain = "aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyy"[
            VIETNAMESE_VOWELS.index(letter)
        ]
        assert fold(letter) == plain, letter
        assert fold(letter.upper()) == plain, letter.upper()


def test_fold_keeps_none():
    assert fold(None) is None


def test_search_words_are_folded_and_bounded():
    assert search_words("  Bệnh   VIỆN ") == ["benh", "vien"]
    assert search_words(None) == []
    assert len(search_words(" ".join(["a"] * 50))) == 8


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("nguyen", {"Nguyễn Văn An"}),
        ("NGUYEN van", {"Nguyễn Văn An"}),
        ("Nguyễn", {"Nguyễn Văn An"}),
        ("duong", {"Đường Thị Bích"}),
        ("Đường", {"Đường Thị Bích"}),
        ("thi", {"Đường Thị Bích", "Lê Thị Lụa"}),
        ("lua le", {"Lê Thị Lụa"}),
        ("nguyen lua", set()),
        ("%", set()),
        ("", {"Nguyễn Văn An", "Đường Thị Bích", "Lê Thị Lụa"}),
    ],
)
def test_the_fold_transform_finds_every_word_typed_without_accents_on_sqlite(typed, found):
    for name in ("Nguyễn Văn An", "Đường Thị Bích", "Lê Thị Lụa"):
        PersonFactory(full_name=name)

    rows = search(Person.objects.all(), ["full_name", "staff_code"], typed)

    assert {p.full_name for p in rows} == found


@pytest.mark.django_db
def test_the_fold_transform_reads_decomposed_text_stored_in_the_database():
    PersonFactory(full_name=unicodedata.normalize("NFD", "Trần Đức Hưng"))

    assert Person.objects.filter(full_name__fold__contains="tran duc hung").count() == 1
    assert Person.objects.filter(full_name__fold="tran duc hung").count() == 1


def _persons(params):
    return PersonFilter(QueryDict(params), queryset=Person.objects.order_by("pk"), request=None).qs


@pytest.mark.django_db
def test_a_sort_key_orders_the_rows_accents_aside_and_its_minus_reverses_them():
    unit = UnitFactory()
    for name in ("Đặng Văn Bình", "Ánh Tuyết", "Cao Thị Hà", "Bùi Minh"):
        PersonFactory(full_name=name, unit=unit)

    ascending = [p.full_name for p in _persons("sort=name")]
    descending = [p.full_name for p in _persons("sort=-name")]

    assert ascending == ["Ánh Tuyết", "Bùi Minh", "Cao Thị Hà", "Đặng Văn Bình"]
    assert descending == list(reversed(ascending))


@pytest.mark.django_db
def test_a_sort_key_outside_the_whitelist_leaves_the_lists_own_order():
    unit = UnitFactory()
    first = PersonFactory(full_name="Zô", unit=unit)
    second = PersonFactory(full_name="An", unit=unit)

    assert list(_persons("sort=password")) == [first, second]
    assert list(_persons("sort=user__password")) == [first, second]


@pytest.mark.django_db
def test_rows_that_tie_on_the_sort_key_keep_one_order_across_pages():
    unit = UnitFactory()
    people = [PersonFactory(full_name="Trần Văn Bình", unit=unit) for _ in range(5)]

    assert list(_persons("sort=name")) == people
    assert list(_persons("sort=-name")) == list(reversed(people))


def _render(template, query, filterset):
    request = RequestFactory().get("/nhan-su/?" + query)
    return Template("{% load ui %}" + template).render(Context({"request": request, "filter": filterset}))


@pytest.mark.django_db
def test_a_sortable_header_links_to_its_order_keeping_the_filters_and_says_the_order_shown():
    flt = PersonFilter(QueryDict("q=nguyen&sort=name&page=3"), queryset=Person.objects.none())

    shown = _render('{% sort_header "name" "Họ và tên" %}', "q=nguyen&sort=name&page=3", flt)
    other = _render('{% sort_header "birth" "Ngày sinh" %}', "q=nguyen&sort=name&page=3", flt)
    reversed_ = _render('{% sort_header "name" "Họ và tên" %}', "q=nguyen&sort=-name", flt)

    assert 'aria-sort="ascending"' in shown and 'href="?q=nguyen&amp;sort=-name"' in shown
    assert "aria-sort" not in other and 'href="?q=nguyen&amp;sort=birth"' in other
    assert 'aria-sort="descending"' in reversed_ and 'href="?q=nguyen&amp;sort=name"' in reversed_


@pytest.mark.django_db
def test_a_header_names_only_a_key_of_the_lists_whitelist():
    flt = PersonFilter(QueryDict(""), queryset=Person.objects.none())

    with pytest.raises(TemplateSyntaxError):
        _render('{% sort_header "password" "Mật khẩu" %}', "", flt)
    assert _render('{% sort_header "name" "Họ và tên" %}', "", None) == '<th scope="col">Họ và tên</th>'


@pytest.mark.django_db
def test_the_search_box_is_labelled_and_keeps_the_parameters_its_form_does_not_hold():
    flt = PersonFilter(QueryDict("q=nguyen&status=draft&page=2"), queryset=Person.objects.none())

    html = _render('{% include "includes/list_filters.html" %}', "q=nguyen&status=draft&page=2", flt)

    assert '<label for="id_q" class="form-label">Tìm kiếm</label>' in html
    assert 'type="search"' in html and 'value="nguyen"' in html
    assert '<input type="hidden" name="status" value="draft">' in html
    assert 'name="page"' not in html
    assert 'class="collapse' not in html  # never folded away
