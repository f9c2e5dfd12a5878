from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .concurrency import VERSION_FIELD, VersionedFormMixin
from .enums import FIRST_YEAR, LAST_YEAR, ClusterRole
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

    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa. Lưu ý chữ hoa, chữ thường."
        ),
        "inactive": _(
            "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa. Lưu ý chữ hoa, chữ thường."
        ),
    }


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
    members = forms.ModelMultipleChoiceField(
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
