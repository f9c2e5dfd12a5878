"""The interface tags written in Python: status badges and rows of figures."""

from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    with translation.override("vi"):
        return Template("{% load ui %}" + source).render(Context(context))


def test_a_badge_takes_its_colour_from_the_pages_mapping_and_grey_otherwise():
    badges = {"accepted": "success"}

    assert render("{% badge s l %}", badges=badges, s="accepted", l="Đã chấp nhận") == (
        '<span class="badge text-bg-success">Đã chấp nhận</span>'
    )
    assert render("{% badge s l %}", badges=badges, s="draft", l="<b>Nháp</b>") == (
        '<span class="badge text-bg-secondary">&lt;b&gt;Nháp&lt;/b&gt;</span>'
    )
    assert 'text-bg-secondary"' in render("{% badge s l %}", s="draft", l="Nháp")  # no mapping at all


def test_figure_cells_write_a_cell_per_figure_localised_blank_for_zero_on_request():
    figures = [0, 7, 9720, "<x>"]

    plain = render("{% figure_cells f %}", f=figures)
    blank = render("{% figure_cells f blank_zero=True %}", f=figures)

    cell = '<td class="text-end">{}</td>'
    assert plain == "".join(cell.format(v) for v in ("0", "7", "9.720", "&lt;x&gt;"))
    assert blank == "".join(cell.format(v) for v in ("", "7", "9.720", "&lt;x&gt;"))
