from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    digest = forms.BooleanField(
        label=_("Nhận một thư tổng hợp mỗi ngày thay vì từng thư"),
        required=False,
    )
