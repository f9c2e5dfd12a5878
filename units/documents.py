"""Issuing an official document: rendered once, signed, hashed and stored; served as stored ever after.

The floors that issue documents (plans, campaigns, awards, council, reports) call
``issued_document_store(obj, kind=...)`` inside their issuing transaction, right after the number
is taken. The rendering lives on the top floor: ``reports`` registers one renderer per kind in its
``AppConfig.ready`` with ``register_renderer``; a renderer returns ``Rendered(pdf, docx, snapshot)``
where ``snapshot`` is the data the files were made from, with the register's fields under the keys
``subject``, ``signer``, ``issuer`` (and optionally ``signer_name``, ``number_label``).

Every later download of the document reads the stored file (``issued_file_response``): what
changes afterwards (a nominee rejected, a person renamed, the agency's name or signer changed, a
template improved) does not touch it. A change to an issued document is a new document citing
the old one (``cites``).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .downloads import download_response
from .enums import IssuedKind
from .models import Agency, IssuedDocument
from .numbering import document_number_issue
from .numbering import number_label as numbered
from .refusals import Refused

logger = logging.getLogger(__name__)


@dataclass
class Rendered:
    pdf: bytes
    docx: bytes | None = None
    snapshot: dict = field(default_factory=dict)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
Renderer = Callable[[object], Rendered]
_renderers: dict[str, Renderer] = {}


def register_renderer(kind: str, renderer: Renderer | None = None):
    """Register the renderer of a kind of document (usable as a decorator)."""

    def add(func: Renderer) -> Renderer:
        _renderers[str(kind)] = func
        return func

    return add(renderer) if renderer is not None else add


def renderer_for(kind: str) -> Renderer:
    try:
        return _renderers[str(kind)]
    except KeyError:
        raise Refused(
            _("Chưa có mẫu in cho loại văn bản “%(kind)s”.") % {"kind": IssuedKind(kind).label}
        ) from None


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------
def issued_document_for(obj, *, kind: str | None = None) -> IssuedDocument | None:
    """The stored document of ``obj`` (of ``kind`` when an object issues several), or None for a draft."""
    if obj is None or obj.pk is None:
        return None
    documents = IssuedDocument.objects.for_object(obj)
    if kind:
        documents = documents.filter(kind=kind)
    return documents.order_by("pk").first()


# What a download reads of the stored document: the files and their hashes.
DOWNLOAD_FIELDS = ("id", "pdf", "pdf_sha256", "docx", "docx_sha256")


def _issued_attribute(kind: str) -> str:
    return f"issued_{kind}_document"


def with_issued_document(queryset: models.QuerySet, *, kind: str) -> models.QuerySet:
    """``queryset`` with each object's issued document of ``kind`` read in the same query: the
    fields a download needs as one JSON object from a subquery (None for a draft), which
    ``issued_document_of`` then reads without a query of its own."""
    meta = queryset.model._meta.concrete_model._meta
    documents = (
        IssuedDocument.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id=OuterRef("pk"),
            kind=kind,
        )
        .order_by("pk")
        .values(data=JSONObject(**{name: name for name in DOWNLOAD_FIELDS}))[:1]
    )
    found = Subquery(documents, output_field=models.JSONField())
    return queryset.annotate(**{_issued_attribute(kind): found})


def issued_document_of(obj, *, kind: str) -> IssuedDocument | None:
    """The issued document of ``obj`` as ``with_issued_document`` read it with ``obj`` (its other
    fields load on first use), else as ``issued_document_for`` finds it."""
    name = _issued_attribute(kind)
    if not hasattr(obj, name):
        return issued_document_for(obj, kind=kind)
    data = getattr(obj, name)
    if not data:
        return None
    # from_db takes the values in the model's order of fields (a JSON object's keys need not be).
    names = [f.attname for f in IssuedDocument._meta.concrete_fields if f.attname in data]
    return IssuedDocument.from_db(obj._state.db, names, [data[name] for name in names])


def issued_document_by_hash(digest: str) -> IssuedDocument | None:
    digest = (digest or "").strip().lower()
    if len(digest) != 64:
        return None
    return IssuedDocument.objects.filter(pdf_sha256=digest).order_by("pk").first()


def issued_file_response(document: IssuedDocument, *, fmt: str, filename: str, as_attachment: bool = True):
    """The stored PDF or DOCX byte for byte, after the calling view checked the permission. An
    official document is a few hundred kilobytes: it is read whole (one read, a known length)."""
    field_file = document.pdf if fmt == "pdf" else document.docx
    if not field_file:
        raise Http404(gettext("Văn bản này không có tệp %(fmt)s.") % {"fmt": fmt.upper()})
    try:
        with field_file.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError):
        logger.error("issued document %s: the stored %s file is missing", document.pk, fmt)
        raise Http404(gettext("Không tìm thấy tệp.")) from None
    response = download_response(
        content, filename=filename, content_type=CONTENT_TYPES[fmt], as_attachment=as_attachment
    )
    response["X-Document-SHA256"] = document.pdf_sha256 if fmt == "pdf" else document.docx_sha256
    return response


# ---------------------------------------------------------------------------
# The one write
# ---------------------------------------------------------------------------
def _text(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


@transaction.atomic
def issued_document_store(
    obj,
    *,
    kind: str,
    number: int | None = None,
    number_label: str = "",
    issued_on: datetime.date,
    subject: str = "",
    cites: IssuedDocument | None = None,
    by=None,
) -> IssuedDocument:
    """Render ``obj`` as a document of ``kind``, sign the PDF when a certificate is configured,
    hash and store both files with the snapshot. Called once, inside the issuing transaction;
    a second call for the same object and kind returns the stored document unchanged."""
    from . import signing

    existing = issued_document_for(obj, kind=kind)
    if existing is not None:
        return existing
    rendered = renderer_for(kind)(obj)
    snapshot = dict(rendered.snapshot or {})
    agency = Agency.load()
    issuer = _text(snapshot.get("issuer")) or agency.name
    signer = _text(snapshot.get("signer"))
    pdf = rendered.pdf
    signature: dict = {}
    signed = False
    if signing.signing_configured():
        signed_pdf = signing.sign_pdf(
            pdf,
            agency_name=_text(snapshot.get("agency")) or agency.name,
            signer_name=_text(snapshot.get("signer_name")),
            reason=number_label or subject,
            location=agency.place_name,
        )
        pdf, signature, signed = signed_pdf.pdf, signed_pdf.info, True
    document = IssuedDocument(
        kind=kind,
        number=number,
        number_label=number_label or _text(snapshot.get("number_label")),
        year=issued_on.year,
        issued_on=issued_on,
        subject=(subject or _text(snapshot.get("subject")) or str(obj))[:2000],
        signer=signer[:300],
        issuer=issuer[:300],
        pdf_sha256=sha256(pdf),
        docx_sha256=sha256(rendered.docx) if rendered.docx else "",
        snapshot=snapshot,
        signed=signed,
        signature=signature,
        cites=cites,
        source=obj,
        issued_by=by if getattr(by, "pk", None) else None,
    )
    stem = (document.number_label or kind).replace("/", "-")
    document.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    if rendered.docx:
        document.docx.save(f"{stem}.docx", ContentFile(rendered.docx), save=False)
    # Should the issuing transaction roll back, the two files stay behind under random names that
    # no row points to: harmless, and never served.
    document.save()
    return document


@transaction.atomic
def document_issue(
    document, *, kind: str, status: str, day: datetime.date, subject: str, by, series: str = ""
):
    """Issue a numbered document (a letter, a summary report): the next number of its symbol's
    register for the calendar year of issue (Decree 30/2020/NĐ-CP, Article 15), the day, the status
    ``status``, who and when, saved with the history reason "issue", then kept as issued
    (``issued_document_store``). The caller has locked the row and checked it may be issued."""
    document.number = document_number_issue(
        symbol=document.symbol, year=day.year, label=subject, by=by, series=series
    )
    document.issue_date = day
    document.status = status
    document.issued_by = by
    document.issued_at = timezone.now()
    document._change_reason = "issue"
    if by is not None and getattr(by, "pk", None):
        document._history_user = by
    document.save(update_fields=["number", "issue_date", "status", "issued_by", "issued_at", "updated_at"])
    issued_document_store(
        document,
        kind=kind,
        number=document.number,
        number_label=numbered(document.number, document.symbol),
        issued_on=day,
        subject=subject,
        by=by,
    )
    return document
