"""The agency's signers: the director and the deputies who sign its documents, offered by every
document's heading form (units.forms.DocumentHeadingFormMixin) as a choice that fills the signer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import SignerPrefix


class AgencySignerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class AgencySigner(models.Model):
    """One person who signs the agency's documents, with the authority they sign with: the
    director in their own right, a deputy "KT. GIÁM ĐỐC" (Decree 30/2020/NĐ-CP, Article 13)."""

    agency = models.ForeignKey(
        "units.Agency", verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="signers"
    )
    signer_prefix = models.CharField(
        _("thẩm quyền ký"), max_length=10, choices=SignerPrefix.choices, blank=True, default=SignerPrefix.NONE
    )
    signer_prefix_title = models.CharField(
        _("chức danh sau thẩm quyền ký"),
        max_length=150,
        blank=True,
        help_text=_("Ví dụ: GIÁM ĐỐC (in sau “KT.”)"),
    )
    position = models.CharField(_("chức vụ"), max_length=150, help_text=_("Ví dụ: PHÓ GIÁM ĐỐC"))
    full_name = models.CharField(_("họ tên"), max_length=150)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang ký văn bản"), default=True)

    objects = AgencySignerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người ký của cơ quan")
        verbose_name_plural = _("người ký của cơ quan")
        ordering = ["order", "pk"]

    def __str__(self):
        prefix = f"{self.signer_prefix} {self.signer_prefix_title}".strip() if self.signer_prefix else ""
        label = f"{self.position} {self.full_name}".strip()
        return f"{prefix} — {label}" if prefix else label

    def heading_values(self) -> dict:
        """The signer fields of a ``DocumentHeading`` this signer fills, as printed (upper case)."""
        title = " ".join(self.signer_prefix_title.split()).upper() if self.signer_prefix else ""
        return {
            "signer_prefix": self.signer_prefix,
            "signer_prefix_title": title,
            "signer_position": " ".join(self.position.split()).upper(),
            "signer_name": " ".join(self.full_name.split()),
        }


def signer_prefix_parts(line: str) -> tuple[str, str]:
    """A written authority line split as a ``DocumentHeading`` keeps it: "KT. GIÁM ĐỐC" ->
    ("KT.", "GIÁM ĐỐC"), "TM. HỘI ĐỒNG" -> ("TM.", "HỘI ĐỒNG"), "KT" -> ("KT.", ""), "" -> ("", "").
    A line that starts with no known prefix comes back whole as the title, with no prefix."""
    text = " ".join((line or "").split())
    if not text:
        return "", ""
    head, _space, rest = text.partition(" ")
    wanted = head.upper().rstrip(".") + "."
    for prefix in SignerPrefix.values:
        if prefix and prefix == wanted:
            return prefix, rest.strip()
    return "", text


def heading_from(given=None, *, recipients=(), council: bool = False) -> dict:
    """Every ``DocumentHeading`` field of a new document, for a service that creates one: the
    agency's defaults (``Agency.heading_defaults``) with ``recipients``, overlaid by the values
    ``given`` (a form's ``heading_cleaned()``), which are kept exactly as typed. A prefix written
    with its title ("KT. GIÁM ĐỐC") is split into the two fields; a line with no known prefix is
    kept as the first line of the position."""
    from .models import Agency, DocumentHeading

    values = Agency.load().heading_defaults(council=council)
    values["recipients"] = list(recipients)
    for name, value in (given or {}).items():
        if name in DocumentHeading.HEADING_FIELDS:
            values[name] = list(value) if name == "recipients" else (value or "")
    prefix, title = signer_prefix_parts(values["signer_prefix"])
    if prefix != values["signer_prefix"]:
        values["signer_prefix"] = prefix
        if prefix:
            values["signer_prefix_title"] = values["signer_prefix_title"] or title
        else:  # no known authority: the line is printed above the position, as written
            values["signer_position"] = "\n".join(x for x in (title, values["signer_position"]) if x)
    return values
