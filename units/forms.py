from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .concurrency import VERSION_FIELD, VersionedFormMixin
from .enums import FIRST_YEAR, LAST_YEAR, ClusterRole, ReorganisationKind
from .ids import IdMultipleChoiceField
from .models import Cluster, Person, Unit
from .selectors import units_visible_to

FAILED_LOGIN = _(
    "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa. Lưu ý chữ hoa, chữ thường."
)


class LoginForm(AuthenticationForm):
    """Django's login form with one answer for every failed login: a wrong password, an unknown
    name and a locked account read alike. Django's ModelBackend runs the password hasher once for
    each (an unknown name and an unusable password too, and an inactive user's password is checked
    before the account's state): nothing here may check a password a second time, so neither the
    page nor its time tells them apart."""

    error_messages = {"invalid_login": FAILED_LOGIN, "inactive": FAILED_LOGIN}


# ---------------------------------------------------------------------------
# Management forms (units, clusters, staff)
# ---------------------------------------------------------------------------
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def date_field(label, *, required=False, help_text=""):
    """A date typed the Vietnamese way: dd/mm/yyyy."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
        ),
        error_messages={"invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 27/01/1980.")},
    )


def _helper(*rows):
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the template's <form> has it
    helper.layout = Layout(*rows)
    return helper


class UnitForm(VersionedFormMixin, forms.ModelForm):
    valid_from = date_field(_("Hiệu lực từ ngày"))
    valid_to = date_field(_("Hiệu lực đến ngày"))

    class Meta:
        model = Unit
        field_classes = {"predecessors": IdMultipleChoiceField}
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "predecessors",
            "valid_from",
            "valid_to",
            "address",
            "email",
            "phone",
            "order",
        ]
        error_messages = {"code": {"unique": _("Mã đơn vị này đã được dùng cho một đơn vị khác.")}}
        help_texts = {
            "order": _("Thứ tự khi liệt kê trên văn bản, danh sách (số nhỏ đứng trước)."),
            "predecessors": _("Các đơn vị được sáp nhập, chia tách thành đơn vị này (nếu có)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = Unit.objects.filter(active=True)
        if self.instance.pk:
            candidates = candidates.exclude(pk__in=self.instance.subtree_ids())
            if self.instance.parent_id:
                candidates = candidates | Unit.objects.filter(pk=self.instance.parent_id)
        self.fields["parent"].queryset = candidates.order_by("order", "name")
        predecessors = Unit.objects.order_by("-active", "order", "name")
        if self.instance.pk:
            predecessors = predecessors.exclude(pk=self.instance.pk)
        self.fields["predecessors"].queryset = predecessors
        self.fields["predecessors"].widget.attrs["size"] = 6
        self.helper = _helper(
            Row(
                Column("code", css_class="col-md-3"),
                Column("name", css_class="col-md-6"),
                Column("short_name", css_class="col-md-3"),
            ),
            Row(Column("kind", css_class="col-md-4"), Column("parent", css_class="col-md-8")),
            Row(
                Column("valid_from", css_class="col-md-3"),
                Column("valid_to", css_class="col-md-3"),
                Column("order", css_class="col-md-2"),
            ),
            "predecessors",
            Row(
                Column("address", css_class="col-md-6"),
                Column("email", css_class="col-md-3"),
                Column("phone", css_class="col-md-3"),
            ),
            VERSION_FIELD,
        )


class PersonForm(VersionedFormMixin, forms.ModelForm):
    birth_date = date_field(_("Ngày sinh"))
    joined_sector = date_field(_("Ngày vào ngành"))

    class Meta:
        model = Person
        fields = [
            "staff_code",
            "full_name",
            "gender",
            "birth_date",
            "unit",
            "position",
            "rank",
            "email",
            "phone",
            "joined_sector",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        scope = units_visible_to(user).filter(active=True)
        if self.instance.pk and self.instance.unit_id:
            # The person's current unit stays selectable even if it has been closed since.
            scope = scope | units_visible_to(user).filter(pk=self.instance.unit_id)
        unit = self.fields["unit"]
        unit.queryset = scope.order_by("order", "name")
        unit.error_messages["invalid_choice"] = _(
            "Đơn vị này không có trong danh sách đơn vị bạn được quản lý. Vui lòng chọn lại."
        )
        self.helper = _helper(
            Row(
                Column("staff_code", css_class="col-md-3"),
                Column("full_name", css_class="col-md-6"),
                Column("gender", css_class="col-md-3"),
            ),
            Row(
                Column("birth_date", css_class="col-md-3"),
                Column("joined_sector", css_class="col-md-3"),
                Column("unit", css_class="col-md-6"),
            ),
            Row(Column("position", css_class="col-md-6"), Column("rank", css_class="col-md-6")),
            Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            VERSION_FIELD,
        )

    def clean_staff_code(self):
        code = self.cleaned_data["staff_code"].strip()
        other = (
            Person.objects.filter(staff_code__iexact=code)
            .exclude(pk=self.instance.pk)
            .select_related("unit")
            .first()
        )
        if other is not None:
            if self.user.has_perm("units.view_person", other):
                owner = _("%(name)s (%(unit)s)") % {"name": other.full_name, "unit": other.unit}
            else:
                owner = _("một cán bộ của đơn vị khác")
            raise forms.ValidationError(
                _("Mã cán bộ này đã được dùng cho %(owner)s. Vui lòng kiểm tra lại hoặc dùng mã khác."),
                code="unique",
                params={"owner": owner},
            )
        return code


class ClusterForm(VersionedFormMixin, forms.ModelForm):
    members = IdMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một đơn vị thành viên.")},
    )
    leader = forms.ModelChoiceField(label=_("Trưởng cụm/khối"), queryset=Unit.objects.none(), required=False)
    deputy = forms.ModelChoiceField(label=_("Phó cụm/khối"), queryset=Unit.objects.none(), required=False)

    class Meta:
        model = Cluster
        fields = ["name", "year", "description", "pact"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "pact": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            NON_FIELD_ERRORS: {
                "unique_together": _("Năm này đã có một cụm/khối cùng tên. Vui lòng đặt tên khác.")
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Clusters group the units directly under the department (sub-units compete inside their unit).
        units = Unit.objects.filter(active=True, parent__isnull=True)
        if self.instance.pk:
            # Current members stay selectable even if they have been closed since.
            units = units | Unit.objects.filter(cluster_memberships__cluster=self.instance)
            memberships = list(self.instance.memberships.all())
            self.initial.setdefault("members", [m.unit_id for m in memberships])
            for m in memberships:
                if m.role == ClusterRole.LEADER:
                    self.initial.setdefault("leader", m.unit_id)
                elif m.role == ClusterRole.DEPUTY:
                    self.initial.setdefault("deputy", m.unit_id)
        else:
            self.initial.setdefault("year", timezone.localdate().year)
        units = units.distinct().order_by("order", "name")
        for name in ("members", "leader", "deputy"):
            self.fields[name].queryset = units
        self.fields["leader"].help_text = _("Chọn trong số các đơn vị thành viên.")
        self.fields["deputy"].help_text = _("Chọn trong số các đơn vị thành viên, khác trưởng cụm/khối.")
        self.helper = _helper(
            Row(Column("name", css_class="col-md-9"), Column("year", css_class="col-md-3")),
            Field("members", wrapper_class="checkbox-scroll"),
            Row(Column("leader", css_class="col-md-6"), Column("deputy", css_class="col-md-6")),
            "description",
            "pact",
            VERSION_FIELD,
        )

    def clean(self):
        cleaned = super().clean()
        members = cleaned.get("members")
        if members is None:
            return cleaned
        member_ids = {unit.pk for unit in members}
        leader, deputy = cleaned.get("leader"), cleaned.get("deputy")
        if leader is not None and leader.pk not in member_ids:
            self.add_error("leader", _("Đơn vị trưởng cụm/khối phải là một đơn vị thành viên."))
        if deputy is not None and deputy.pk not in member_ids:
            self.add_error("deputy", _("Đơn vị phó cụm/khối phải là một đơn vị thành viên."))
        elif leader is not None and deputy is not None and leader.pk == deputy.pk:
            self.add_error("deputy", _("Đơn vị phó cụm/khối phải khác đơn vị trưởng cụm/khối."))
        return cleaned


class ClusterCopyForm(forms.Form):
    from_year = forms.IntegerField(
        label=_("Sao chép các cụm/khối của năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    to_year = forms.IntegerField(label=_("Sang năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Row(Column("from_year", css_class="col-md-6"), Column("to_year", css_class="col-md-6"))
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from_year") and cleaned.get("from_year") == cleaned.get("to_year"):
            self.add_error("to_year", _("Năm đích phải khác năm nguồn."))
        return cleaned


# ---------------------------------------------------------------------------
# Reorganisations
# ---------------------------------------------------------------------------
class ReorganisationForm(forms.Form):
    """One form for every kind; the fields a kind needs are checked here, the rest by the service."""

    kind = forms.ChoiceField(
        label=_("Hình thức sắp xếp"),
        choices=[("", "---------"), *ReorganisationKind.choices],
        error_messages={"required": _("Chọn hình thức sắp xếp.")},
    )
    effective = date_field(_("Ngày có hiệu lực"), required=True)
    decision_number = forms.CharField(
        label=_("Số quyết định"),
        max_length=50,
        help_text=_("Ví dụ: 1566/QĐ-UBND"),
        error_messages={"required": _("Nhập số quyết định sắp xếp, tổ chức lại.")},
    )
    decision_date = date_field(_("Ngày quyết định"), required=True)
    issuer = forms.CharField(
        label=_("Cơ quan ban hành"),
        max_length=255,
        help_text=_("Ví dụ: UBND tỉnh Đồng Nai"),
        error_messages={"required": _("Nhập cơ quan ban hành quyết định.")},
    )
    units_before = IdMultipleChoiceField(
        label=_("Đơn vị trước sắp xếp"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_(
            "Đổi tên, chia tách, giải thể: một đơn vị. "
            "Hợp nhất, sáp nhập: các đơn vị được hợp nhất, sáp nhập."
        ),
    )
    units_after = forms.ModelChoiceField(
        label=_("Đơn vị nhận"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Sáp nhập: đơn vị nhận sáp nhập. Điều chuyển: đơn vị nhận khoa, phòng."),
    )
    department = forms.ModelChoiceField(
        label=_("Khoa, phòng được điều chuyển"), queryset=Unit.objects.none(), required=False
    )
    new_name = forms.CharField(label=_("Tên mới"), max_length=255, required=False, help_text=_("Đổi tên."))
    new_short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=50, required=False)
    new_units = forms.CharField(
        label=_("Đơn vị mới"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hợp nhất, chia tách: mỗi dòng một đơn vị, dạng “mã | tên đơn vị”."),
    )
    main_predecessor = forms.ModelChoiceField(
        label=_("Đơn vị tiền thân chính"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_(
            "Hợp nhất, sáp nhập: đơn vị mà đơn vị sau sắp xếp tiếp nối chuỗi năm thi đua, khen thưởng."
        ),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("-active", "order", "name")
        for name in ("units_before", "units_after", "main_predecessor"):
            self.fields[name].queryset = units
        self.fields["department"].queryset = units.filter(parent__isnull=False)
        self.fields["units_before"].widget.attrs["size"] = 8
        self.helper = _helper(
            Row(Column("kind", css_class="col-md-6"), Column("effective", css_class="col-md-3")),
            Row(
                Column("decision_number", css_class="col-md-3"),
                Column("decision_date", css_class="col-md-3"),
                Column("issuer", css_class="col-md-6"),
            ),
            "units_before",
            Row(
                Column("units_after", css_class="col-md-6"), Column("main_predecessor", css_class="col-md-6")
            ),
            Row(
                Column("new_name", css_class="col-md-6"),
                Column("new_short_name", css_class="col-md-3"),
            ),
            "new_units",
            "department",
            "note",
        )

    def clean_new_units(self):
        """(code, name) pairs, one a line: "mã | tên", or the two cells of a row pasted from a
        spreadsheet (separated by a tab); the full-width bar of some Vietnamese keyboards reads as
        a bar."""
        pairs = []
        for number, line in enumerate(self.cleaned_data.get("new_units", "").splitlines(), start=1):
            if not line.strip():
                continue
            line = line.replace("\uff5c", "|")
            code, sep, name = line.partition("|") if "|" in line else line.strip().partition("\t")
            if not sep or not code.strip() or not name.strip():
                raise forms.ValidationError(
                    _("Dòng %(n)s chưa đúng dạng “mã | tên đơn vị”: %(line)s")
                    % {"n": number, "line": line.strip()}
                )
            pairs.append((code.strip(), name.strip()))
        return pairs

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        before = list(data.get("units_before") or [])
        required = {
            ReorganisationKind.RENAME: {
                "units_before": _("Chọn đơn vị đổi tên."),
                "new_name": _("Nhập tên mới."),
            },
            ReorganisationKind.MERGER: {
                "units_before": _("Chọn các đơn vị được hợp nhất."),
                "new_units": _("Ghi đơn vị mới hình thành, dạng “mã | tên đơn vị”."),
                "main_predecessor": _(
                    "Chọn đơn vị tiền thân chính mà đơn vị mới tiếp nối chuỗi năm thi đua."
                ),
            },
            ReorganisationKind.ABSORPTION: {
                "units_before": _("Chọn đơn vị được sáp nhập."),
                "units_after": _("Chọn đơn vị nhận sáp nhập."),
            },
            ReorganisationKind.SPLIT: {
                "units_before": _("Chọn đơn vị bị chia tách."),
                "new_units": _("Ghi các đơn vị mới sau chia tách, mỗi dòng “mã | tên đơn vị”."),
            },
            ReorganisationKind.TRANSFER: {
                "department": _("Chọn khoa, phòng được điều chuyển."),
                "units_after": _("Chọn đơn vị nhận khoa, phòng."),
            },
            ReorganisationKind.DISSOLUTION: {"units_before": _("Chọn đơn vị giải thể.")},
        }.get(kind, {})
        for name, message in required.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        single = {ReorganisationKind.RENAME, ReorganisationKind.SPLIT, ReorganisationKind.DISSOLUTION}
        if kind in single and len(before) > 1:
            self.add_error("units_before", _("Chọn đúng một đơn vị."))
        return data


class ReorganisationMainForm(forms.Form):
    main_predecessor = forms.ModelChoiceField(
        label=_("Đơn vị tiền thân chính"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("(Đơn vị nhận sáp nhập tiếp nối chuỗi của chính mình)"),
    )

    def __init__(self, *args, event, **kwargs):
        kwargs.setdefault("initial", {"main_predecessor": event.main_predecessor_id})
        super().__init__(*args, **kwargs)
        after = [unit.pk for unit in event.after.all()]
        self.fields["main_predecessor"].queryset = event.before.exclude(pk__in=after).order_by("name")


# The header and signature of a document (units.models.DocumentHeading), one fragment for every kind
# ---------------------------------------------------------------------------
SIGNER_NAME_REQUIRED = _("Vui lòng nhập họ tên người ký (đã có chức vụ người ký nhưng chưa có họ tên).")


# The heading's model fields a form edits (the recipients are edited as ``recipients_text``):
# a form's ``Meta.fields`` lists its own fields, then ``*HEADING_FORM_FIELDS``.
HEADING_FORM_FIELDS = (
    "authority_line",
    "issuer_line",
    "place",
    "signer_prefix",
    "signer_prefix_title",
    "signer_position",
    "signer_name",
)


def text_lines(text: str) -> list[str]:
    """The non-empty lines of a textarea, stripped: one recipient, addressee or basis a line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class DocumentHeadingFormMixin:
    """For a ModelForm of a ``DocumentHeading`` model: the recipients as lines of text, the signer
    picked from the agency's signer or typed, and a signer with a title but no name refused at the
    name. ``Meta.fields`` ends with ``*HEADING_FORM_FIELDS``; a new document's form calls
    ``start_heading_from_agency()`` to begin with the agency's header and signer. Lay the fields
    out with ``heading_layout()`` (crispy) where the form's layout wants them."""

    heading_fields = HEADING_FORM_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Agency

        agency = Agency.load()
        self.fields["recipients_text"] = forms.CharField(
            label=_("Nơi nhận"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Mỗi nơi nhận một dòng; dòng cuối thường là “Lưu: VT, …”."),
        )
        if "signer_position" in self.fields:
            self.fields["signer_position"].widget = forms.Textarea(attrs={"rows": 2})
        if "signer_name" in self.fields and agency.signer_name:
            self.fields["signer_name"].widget.attrs["list"] = "agency-signers"
            self.agency_signers = [agency.signer_name]
        signers = list(agency.signers.active()) if agency.pk else []
        if signers and "signer_name" in self.fields:
            self.fields["agency_signer"] = forms.ChoiceField(
                label=_("Chọn người ký của cơ quan"),
                required=False,
                choices=[("", _("(Nhập tay bên dưới)")), *((str(s.pk), str(s)) for s in signers)],
                widget=AgencySignerSelect(signers=signers),
                help_text=_("Chọn một người ký để điền thẩm quyền, chức vụ và họ tên; hoặc nhập tay."),
            )
            if "signer_prefix" in self.fields:  # shown right before the signer fields it fills
                names = list(self.fields)
                names.remove("agency_signer")
                names.insert(names.index("signer_prefix"), "agency_signer")
                self.fields = {name: self.fields[name] for name in names}
            self.agency_signer_rows = {str(s.pk): s for s in signers}
            names = [*getattr(self, "agency_signers", []), *(s.full_name for s in signers)]
            self.agency_signers = list(dict.fromkeys(names))
            self.fields["signer_name"].widget.attrs["list"] = "agency-signers"
        if not self.is_bound:
            self.initial.setdefault("recipients_text", "\n".join(self.instance.recipients or []))

    def start_heading_from_agency(self, *, recipients=(), council: bool = False) -> None:
        """A new document whose header is still empty starts with the agency's header and signer
        (``Agency.heading_defaults``) and ``recipients``, as the form's initial values: what the
        user leaves as it is, is saved; the instance itself is not touched."""
        from .models import Agency, DocumentHeading

        if self.instance.pk or any(getattr(self.instance, name) for name in DocumentHeading.HEADING_FIELDS):
            return
        defaults = Agency.load().heading_defaults(council=council)
        for name in HEADING_FORM_FIELDS:
            self.initial.setdefault(name, defaults[name])
        if not self.is_bound:
            self.initial["recipients_text"] = "\n".join(recipients)

    def agency_signer_layout(self) -> list[str]:
        """The choice of the agency's signers, where a layout lists the signer fields."""
        return ["agency_signer"] if "agency_signer" in self.fields else []

    def heading_layout(self):
        return Layout(
            Row(Column("authority_line", css_class="col-md-6"), Column("issuer_line", css_class="col-md-6")),
            Row(Column("place", css_class="col-md-4")),
            *self.agency_signer_layout(),
            Row(
                Column("signer_prefix", css_class="col-md-3"),
                Column("signer_prefix_title", css_class="col-md-3"),
                Column("signer_position", css_class="col-md-3"),
                Column("signer_name", css_class="col-md-3"),
            ),
            "recipients_text",
        )

    def clean(self):
        cleaned = super().clean()
        chosen = getattr(self, "agency_signer_rows", {}).get(cleaned.get("agency_signer") or "")
        if chosen is not None:  # the chosen signer wins over what the signer fields held
            for name, value in chosen.heading_values().items():
                if name in self.fields:
                    cleaned[name] = value
        self.instance.recipients = text_lines(cleaned.get("recipients_text", ""))
        signer_named = (cleaned.get("signer_name") or "").strip()
        signer_titled = any(
            (cleaned.get(name) or "").strip()
            for name in ("signer_prefix", "signer_prefix_title", "signer_position")
        )
        if signer_titled and not signer_named and "signer_name" in self.fields:
            self.add_error("signer_name", SIGNER_NAME_REQUIRED)
        return cleaned

    def heading_cleaned(self) -> dict:
        """The heading as typed (``DocumentHeading.HEADING_FIELDS``), for a service that takes it."""
        values = {name: (self.cleaned_data.get(name) or "") for name in HEADING_FORM_FIELDS}
        values["recipients"] = text_lines(self.cleaned_data.get("recipients_text", ""))
        return values


class AgencySignerSelect(forms.Select):
    """The agency's signers, each option carrying the values it fills in (static/js/app.js)."""

    def __init__(self, *args, signers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs["data-agency-signer"] = ""
        self.signer_values = {str(s.pk): s.heading_values() for s in signers}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        for field, text in self.signer_values.get(str(value), {}).items():
            option["attrs"][f"data-{field.replace('_', '-')}"] = text
        return option
