"""Files of the demo year: small real PDFs that the demo loaders upload through the apps' services.

Each PDF is one A4 page printed by WeasyPrint (the library the issued documents are printed with):
the agency's letterhead, the document's title and a few lines, in Times New Roman (Tinos) as the
state format asks (Decree 30/2020/NĐ-CP, Appendix I). The same title and lines give the same bytes
within a run, so a document is rendered once however many dossiers carry it.
"""

from __future__ import annotations

import functools
from html import escape

from django.core.files.base import ContentFile

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 20mm 20mm 30mm; }}
body {{ font-family: "Times New Roman", "Tinos", serif; font-size: 13pt; line-height: 1.4; }}
.head {{ text-align: center; font-weight: bold; }}
h1 {{ text-align: center; font-size: 14pt; margin-top: 12mm; }}
p {{ text-indent: 10mm; text-align: justify; }}
</style></head><body>
<div class="head">{letterhead}</div>
<h1>{title}</h1>
{lines}
</body></html>"""


@functools.lru_cache(maxsize=64)
def _pdf(letterhead: str, title: str, lines: tuple[str, ...]) -> bytes:
    from weasyprint import HTML

    html = PAGE.format(
        letterhead="<br>".join(escape(line) for line in letterhead.splitlines()),
        title=escape(title),
        lines="\n".join(f"<p>{escape(line)}</p>" for line in lines),
    )
    return HTML(string=html).write_pdf()


def demo_pdf(filename: str, *, title: str, lines: tuple[str, ...] = (), letterhead: str = "") -> ContentFile:
    """A one-page PDF named ``filename``, ready to hand to an upload service as an uploaded file."""
    if not letterhead:
        from .models import Agency

        letterhead = Agency.load().letterhead or "SỞ Y TẾ"
    return ContentFile(_pdf(letterhead, title, tuple(lines)), name=filename)
