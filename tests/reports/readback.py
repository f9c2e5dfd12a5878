"""Reading a generated document back as the tests compare it."""

import io

from pypdf import PdfReader


def pdf_words(content: bytes) -> str:
    """The PDF's text as pypdf extracts it, page after page, white space folded to one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
