"""The renderers of issued documents, one per kind, registered with ``units.documents`` at start-up.

Each turns the issuing object into the PDF and DOCX as issued and the snapshot they were made
from (the ``OfficialDocument`` itself, every line of it), in Vietnamese whatever the user's
language. ``units.documents.issued_document_store`` calls them once, at issuance.
"""

from __future__ import annotations

import dataclasses
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from units.documents import Rendered, register_renderer
from units.enums import IssuedKind

from .documents import DOCUMENT_LANGUAGE, OfficialDocument, render_pdf
from .docx import render_docx


def snapshot_of(doc: OfficialDocument, **extra) -> dict:
    """The document's data as JSON, with the register's fields taken from it."""
    signer_lines = [doc.signer_prefix_line, *doc.signer_position_lines, doc.signer_name]
    issuer = " ".join(line for line in (doc.issuer_line, doc.authority_line) if line).strip()
    document = json.loads(json.dumps(dataclasses.asdict(doc), cls=DjangoJSONEncoder))  # dates as ISO text
    return {
        "document": document,
        "subject": " ".join(doc.title.split()),
        "signer": " – ".join(line.strip() for line in signer_lines if line and line.strip()),
        "signer_name": doc.signer_name,
        "issuer": issuer,
        "number_text": doc.number_text,
        **extra,
    }


def _official(doc: OfficialDocument, *, pdf: bytes | None = None, **extra) -> Rendered:
    return Rendered(
        pdf=pdf if pdf is not None else render_pdf(doc),
        docx=render_docx(doc),
        snapshot=snapshot_of(doc, **extra),
    )


def _in_vietnamese(func):
    def wrapper(obj):
        with translation.override(DOCUMENT_LANGUAGE):
            return func(obj)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


@_in_vietnamese
def render_plan(plan) -> Rendered:
    from .plan_document import plan_document

    return _official(plan_document(plan))


@_in_vietnamese
def render_campaign(campaign) -> Rendered:
    from .campaign_documents import campaign_document

    return _official(campaign_document(campaign))


@_in_vietnamese
def render_decision(decision) -> Rendered:
    from .council_documents import decision_document

    return _official(decision_document(decision), decision_kind=decision.kind)


@_in_vietnamese
def render_disclosure(period) -> Rendered:
    from .awards_documents import disclosure_document

    doc = disclosure_document(period)
    return _official(doc)


@_in_vietnamese
def render_minutes(session) -> Rendered:
    from .council_documents import minutes_document

    return _official(minutes_document(session))


@_in_vietnamese
def render_proposal(pack) -> Rendered:
    """The pack as one PDF (tờ trình, minutes, achievement reports); the tờ trình alone as DOCX."""
    from .awards_documents import proposal_pack_pdf
    from .council_documents import proposal_document

    doc = proposal_document(pack)
    return _official(doc, pdf=proposal_pack_pdf(pack))


@_in_vietnamese
def render_letter(letter) -> Rendered:
    from .letter_document import letter_document

    return _official(letter_document(letter))


@_in_vietnamese
def render_summary(report) -> Rendered:
    from .summary import summary_document

    return _official(summary_document(report))


def register() -> None:
    register_renderer(IssuedKind.PLAN, render_plan)
    register_renderer(IssuedKind.CAMPAIGN, render_campaign)
    register_renderer(IssuedKind.DECISION, render_decision)
    register_renderer(IssuedKind.DISCLOSURE, render_disclosure)
    register_renderer(IssuedKind.MINUTES, render_minutes)
    register_renderer(IssuedKind.PROPOSAL, render_proposal)
    register_renderer(IssuedKind.SUMMARY, render_summary)
    register_renderer(IssuedKind.LETTER, render_letter)
