"""The register of issued documents: every official document the agency issues, frozen as issued.

One row per issued document whatever its kind (plan, campaign launch plan, decision, disclosure
notice, council minutes, tờ trình, summary report, official letter): the PDF and DOCX exactly as
they were issued, the SHA-256 of each, the data they were rendered from, and the digital
signature when the agency's certificate is configured. A row is never changed or deleted: a
change to an issued document is a new document that cites the old one: under Decree
30/2020/NĐ-CP an issued document is amended, replaced or annulled only by another document.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import IssuedKind
from .refusals import Refused


def issued_file_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/issued/<year>/<kind>/, a random name: never served by URL, only through
    the permission-checked download views."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"issued/{instance.year}/{instance.kind}/{uuid.uuid4().hex}.{extension}"


class IssuedDocumentQuerySet(models.QuerySet):
    def for_object(self, obj):
        """The documents issued from ``obj``: one query whatever the content type cache holds."""
        meta = obj._meta.concrete_model._meta
        return self.filter(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=obj.pk
        )

    def delete(self):
        """A row of the register is never deleted, one at a time or many at once."""
        raise Refused(_("Văn bản đã ban hành không được xoá."))

    delete.queryset_only = True


class IssuedDocument(models.Model):
    """An official document as issued. Immutable: ``save`` refuses a change, ``delete`` refuses."""

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=IssuedKind.choices)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_label = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    issued_on = models.DateField(_("ngày ban hành"))
    subject = models.TextField(_("trích yếu"))
    signer = models.CharField(_("người ký"), max_length=300, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    pdf = models.FileField(_("tệp PDF"), upload_to=issued_file_path, max_length=300)
    pdf_sha256 = models.CharField(_("SHA-256 của tệp PDF"), max_length=64, db_index=True)
    docx = models.FileField(_("tệp DOCX"), upload_to=issued_file_path, max_length=300, blank=True)
    docx_sha256 = models.CharField(_("SHA-256 của tệp DOCX"), max_length=64, blank=True)
    snapshot = models.JSONField(_("dữ liệu khi ban hành"), default=dict)
    signed = models.BooleanField(_("đã ký số"), default=False)
    signature = models.JSONField(_("thông tin chữ ký số"), default=dict, blank=True)
    cites = models.ForeignKey(
        "self",
        verbose_name=_("đính chính, thay thế văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cited_by",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("content_type", "object_id")
    issued_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)
    issued_by = models.ForeignKey("User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("sổ văn bản đã ban hành")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"], name="issued_document_one_per_source"
            ),
        ]
        indexes = [models.Index(fields=["year", "kind"], name="issued_document_year_kind")]

    def __str__(self):
        return f"{self.number_label or self.get_kind_display()} — {self.subject[:80]}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise Refused(_("Văn bản đã ban hành không được sửa; ban hành văn bản mới đính chính, thay thế."))
        # A new row is only ever inserted: a new instance given an existing row's id must not
        # overwrite that row (Django would try an UPDATE first).
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Refused(_("Văn bản đã ban hành không được xoá."))
