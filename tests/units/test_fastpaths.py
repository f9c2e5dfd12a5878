"""The cached reversers of ``units.fastpaths`` write the addresses ``reverse`` writes."""

import pytest
from django.urls import NoReverseMatch, reverse

from units.fastpaths import pk_url


@pytest.mark.parametrize("pk", [1, 42, 1000, 987654321, 98765432198])
def test_pk_url_writes_what_reverse_writes(pk):
    assert pk_url("campaigns:registration-detail")(pk) == reverse("campaigns:registration-detail", args=[pk])
    assert pk_url("awards:nomination-detail")(pk) == reverse("awards:nomination-detail", args=[pk])


def test_pk_url_refuses_a_pattern_without_a_key():
    with pytest.raises(NoReverseMatch):
        pk_url("home")


def test_pk_address_writes_what_reverse_writes_under_any_script_prefix():
    from django.urls import set_script_prefix

    from units.fastpaths import pk_address

    assert pk_address("awards:nomination-detail", 7) == reverse("awards:nomination-detail", args=[7])
    try:
        set_script_prefix("/thiduakt/")  # served below a path of the department's site
        assert pk_address("awards:nomination-detail", 7) == reverse("awards:nomination-detail", args=[7])
        assert pk_address("awards:nomination-detail", 7).startswith("/thiduakt/awards/")
    finally:
        set_script_prefix("/")
    assert pk_address("awards:nomination-detail", 7) == reverse("awards:nomination-detail", args=[7])


def test_list_address_writes_the_reversed_address_with_its_filters_and_leaves_out_empty_ones():
    from units.fastpaths import list_address

    base = reverse("plans:task-list")

    assert list_address("plans:task-list") == base
    assert list_address("plans:task-list", year=2026, lead_unit=None, when="") == f"{base}?year=2026"
    assert list_address("campaigns:consolidated", 7, status="late") == (
        reverse("campaigns:consolidated", args=[7]) + "?status=late"
    )


# The loop templates/documents/blocks.html ran before ``{% document_table_rows %}`` wrote its rows.
TABLE_ROWS_LOOP = (
    "{% for row in block.piece_rows %}<tr{% if forloop.counter0 in block.continuing %} "
    'class="doc-row--continued"{% endif %}>{% for lines in row %}<td>{% for line in lines %}'
    "{% for piece in line %}{% if piece.bold and piece.italic %}<strong><em>{{ piece.text }}</em></strong>"
    "{% elif piece.bold %}<strong>{{ piece.text }}</strong>{% elif piece.italic %}<em>{{ piece.text }}</em>"
    "{% else %}{{ piece.text }}{% endif %}{% endfor %}{% if not forloop.last %}<br>{% endif %}{% endfor %}"
    "</td>{% endfor %}</tr>\n  {% endfor %}"
)


def test_document_table_rows_write_what_the_template_loop_wrote():
    from django.template import Context, Template

    from reports.documents import prepare_body
    from units.fastpaths import document_table_rows

    body = [
        {
            "kind": "table",
            "header": ["STT", "Họ và tên", "Ghi chú"],
            "rows": [
                ["1", "Nguyễn Văn <An> & \"Bình\" 'Chi'", ["dòng một", "dòng hai"]],
                ["2", "Trần Thị Hà", ""],
            ],
            "cell_marks": [[0, 1, 0, 6, "b"], [0, 1, 4, 10, "i"], [1, 1, 0, 4, "i"]],
        },
        {
            "kind": "targets",
            "header": ["CHỈ TIÊU", "ĐƠN VỊ TÍNH", "KẾ HOẠCH", "GHI CHÚ"],
            "rows": [[["1. Khám", "- Ngoại trú", "- Nội trú"], ["lượt", "lượt"], ["12.884", "3.015"], ""]],
        },
    ]
    blocks = prepare_body(body)

    for block in blocks:
        expected = Template(TABLE_ROWS_LOOP).render(Context({"block": block}))
        assert document_table_rows(block) == expected
    assert "&lt;An&gt; &amp; &quot;Bình&quot; &#x27;Chi&#x27;" in document_table_rows(blocks[0])
    assert "<strong>Nguy</strong><strong><em>ễn</em></strong>" in document_table_rows(blocks[0])
    assert 'class="doc-row--continued"' in document_table_rows(blocks[1])


def test_a_group_head_spans_the_table_and_takes_no_part_in_the_widths():
    from reports.documents import prepare_body
    from units.fastpaths import document_table_rows

    rows = [["1", "Nguyễn Văn An", "Khoa Nội"], ["2", "Trần Thị Hà", "Khoa Ngoại"]]
    head = "I. Danh hiệu “Chiến sĩ thi đua cơ sở” <của> Giám đốc Sở Y tế, một dòng rất dài (2 cá nhân)"
    plain, grouped = prepare_body(
        [
            {"kind": "table", "header": ["STT", "Họ và tên", "Đơn vị"], "rows": rows},
            {
                "kind": "table",
                "header": ["STT", "Họ và tên", "Đơn vị"],
                "rows": [[head], *rows],
                "group_rows": [0],
            },
        ]
    )

    html = document_table_rows(grouped)
    assert html.startswith(
        '<tr class="doc-row--group"><td colspan="3">I. Danh hiệu “Chiến sĩ thi đua cơ sở” &lt;của&gt;'
    )
    assert html.count("<tr") == 3 and html.count("colspan") == 1
    assert grouped["widths"] == plain["widths"]  # the head's text widens no column
    assert document_table_rows(plain).count("colspan") == 0
