"""The agency's digital signature on issued PDFs, and its check (pyHanko).

An issued PDF is signed with the agency's certificate (a PKCS#12 file and its password, settings
``SIGNING_PKCS12_PATH`` and ``SIGNING_PKCS12_PASSWORD``): a PAdES signature (ETSI EN 319 142,
SHA-256) with its signing time, and a visible signature box. Decree 30/2020/NĐ-CP, Appendix I
(the part on electronic documents) places the agency's digital signature: its image overlaps
about one third of the signer's signature, on the left, in the signature block; its information
is the agency's name and the signing time (ISO 8601, Vietnam's time zone).

Without a certificate configured nothing is signed: documents are issued unsigned and the
register says so.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

logger = logging.getLogger(__name__)

FIELD_NAME = "ChuKySoCoQuan"
BOX_WIDTH, BOX_HEIGHT = 150, 58

_lock = threading.Lock()
_cache: dict = {}


def signing_configured() -> bool:
    return bool(getattr(settings, "SIGNING_PKCS12_PATH", ""))


def _load():
    """(signer, certificate) from the configured PKCS#12, loaded once per file version."""
    from pyhanko.sign import signers

    path = Path(settings.SIGNING_PKCS12_PATH)
    password = settings.SIGNING_PKCS12_PASSWORD or ""
    key = (str(path), path.stat().st_mtime_ns, password)
    with _lock:
        if _cache.get("key") != key:
            signer = signers.SimpleSigner.load_pkcs12(
                str(path), passphrase=password.encode() if password else None
            )
            if signer is None:
                raise ValueError(f"Không đọc được tệp chứng thư số {path}")
            _cache.clear()
            _cache.update(key=key, signer=signer)
        return _cache["signer"]


def configured_certificate():
    """The configured signing certificate (asn1crypto), or None."""
    if not signing_configured():
        return None
    return _load().signing_cert


def certificate_fingerprint(cert) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


# ---------------------------------------------------------------------------
# Where the box goes
# ---------------------------------------------------------------------------
def signature_box(pdf: bytes, signer_name: str) -> tuple[int, tuple[int, int, int, int]]:
    """(page index, box) for the agency's signature: on the last page, in the signature block
    between the signer's position and name, its right third over the left third of the space
    where the signer's own signature stands (centred above the name). Without the name found,
    the lower right of the last page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    page_index = len(reader.pages) - 1
    page = reader.pages[page_index]
    width = float(page.mediabox.width)
    found: list[tuple[float, float, float]] = []
    name = (signer_name or "").strip()

    def visit(text, cm, tm, font_dict, font_size):
        if name and name in (text or ""):
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            size = (font_size or 12) * (tm[0] or 1) * (cm[0] or 1)
            found.append((x, y, size))

    if name:
        try:
            page.extract_text(visitor_text=visit)
        except Exception:  # noqa: BLE001 - a page pypdf cannot walk still gets the fallback box
            logger.warning("signature box: could not read the last page's text", exc_info=True)
    if found:
        x, y, size = found[-1]
        centre = x + len(name) * size * 0.25
        signature_left = centre - 60  # a hand signature about 120 pt wide, centred on the name
        right = signature_left + 40  # the agency's image covers its left third
        left = right - BOX_WIDTH
        bottom = y + size + 8
        box = (int(max(left, 10)), int(bottom), int(max(left, 10) + BOX_WIDTH), int(bottom + BOX_HEIGHT))
        return page_index, box
    return page_index, (int(width - 260), 90, int(width - 260 + BOX_WIDTH), 90 + BOX_HEIGHT)


# ---------------------------------------------------------------------------
# Signing
# ---------------------------------------------------------------------------
STAMP_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: {width}pt {height}pt; margin: 0 }}
html, body {{ margin: 0; padding: 0 }}
div {{ box-sizing: border-box; width: {width}pt; height: {height}pt; border: 1pt solid #d90000;
  color: #d90000; font-family: "Times New Roman", "Liberation Serif", Tinos, serif; font-size: 8pt;
  line-height: 1.25; text-align: center; padding: 6pt 4pt; display: flex; flex-direction: column;
  justify-content: center }}
strong {{ font-size: 9pt }}
</style></head><body><div><strong>{agency}</strong><span>Thời gian ký: {time}</span></div></body></html>"""


def stamp_pdf(agency_name: str, when: datetime.datetime) -> bytes:
    """The look of the agency's signature: its name and the signing time (ISO 8601, the agency's
    time zone) in red within a red frame, one small PDF page the size of the box."""
    from weasyprint import HTML

    html = STAMP_HTML.format(
        width=BOX_WIDTH,
        height=BOX_HEIGHT,
        agency=escape(agency_name),
        time=escape(when.isoformat(timespec="seconds")),
    )
    return HTML(string=html).write_pdf()


@dataclass
class Signature:
    pdf: bytes
    info: dict = field(default_factory=dict)


def sign_pdf(
    pdf: bytes, *, agency_name: str, signer_name: str = "", reason: str = "", location: str = ""
) -> Signature:
    """The PDF signed with the agency's certificate (PAdES, SHA-256, signing time) and its visible
    box; ``info`` records the certificate and the time for the register."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    signer = _load()
    page_index, box = signature_box(pdf, signer_name)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(
        writer, fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page_index, box=box)
    )
    signed_at = timezone.localtime()
    # The box names the holder of the certificate (its common name), as the agency is certified.
    agency_name = signer.signing_cert.subject.native.get("common_name") or agency_name
    with tempfile.TemporaryDirectory() as folder:
        appearance = Path(folder) / "stamp.pdf"
        appearance.write_bytes(stamp_pdf(agency_name, signed_at))
        stamp = StaticStampStyle.from_pdf_file(str(appearance), border_width=0)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason or None,
            location=location or None,
            name=agency_name or None,
        )
        out = io.BytesIO()
        signers.PdfSigner(meta, signer=signer, stamp_style=stamp).sign_pdf(writer, output=out)
    cert = signer.signing_cert
    info = {
        "subject": cert.subject.human_friendly,
        "issuer": cert.issuer.human_friendly,
        "serial": format(cert.serial_number, "x"),
        "fingerprint": certificate_fingerprint(cert),
        "signed_at": signed_at.isoformat(timespec="seconds"),
        "box": list(box),
        "page": page_index + 1,
    }
    return Signature(pdf=out.getvalue(), info=info)


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------
@dataclass
class SignatureCheck:
    signed: bool = False  # the file carries at least one signature
    valid: bool = False  # intact, covers the whole file, by the configured certificate
    intact: bool = False
    by_agency: bool = False
    signer: str = ""
    signing_time: datetime.datetime | None = None
    problem: str = ""


def check_pdf_signature(pdf: bytes) -> SignatureCheck:
    """Whether the PDF's signature is intact, covers the whole file and was made with the configured
    certificate. Cheap for a file without a signature (the signature dictionary is all that is read)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    result = SignatureCheck()
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - anyone's upload: whatever breaks the reader, it is unreadable
        result.problem = f"unreadable: {type(exc).__name__}: {exc}"
        return result
    if not embedded:
        return result
    result.signed = True
    sig = embedded[-1]
    cert = configured_certificate() if signing_configured() else None
    try:
        signer_cert = sig.signer_cert
        result.signer = signer_cert.subject.human_friendly
        result.by_agency = cert is not None and certificate_fingerprint(
            signer_cert
        ) == certificate_fingerprint(cert)
        context = ValidationContext(trust_roots=[cert] if cert is not None else [], allow_fetching=False)
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # noqa: BLE001 - a damaged signature is an invalid one, whatever broke
        result.problem = f"invalid: {exc}"
        return result
    result.intact = bool(status.intact and status.valid)
    result.signing_time = status.signer_reported_dt
    result.valid = (
        result.intact and result.by_agency and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    )
    return result
