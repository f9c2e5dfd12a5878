"""Existing disclosure notices keep the header and signature they printed until now: the
agency's letterhead (else its governing body and name), its place, its default signer ("KT. GIÁM
ĐỐC" over a deputy's position) and the notice's usual recipients."""

from django.db import migrations

RECIPIENTS = [
    "Các đơn vị trực thuộc;",
    "Thành viên Hội đồng TĐKT;",
    "Trang thông tin điện tử của Sở;",
    "Lưu: VT, VP.",
]


def forwards(apps, schema_editor):
    agency = apps.get_model("units", "Agency").objects.order_by("pk").first()
    if agency is None:
        return
    lines = [ln.strip() for ln in (agency.letterhead or "").splitlines() if ln.strip()]
    if len(lines) >= 2:
        authority, issuer = lines[0].upper(), lines[1].upper()
    else:
        authority, issuer = agency.governing_body.upper(), agency.name.upper()
    position = " ".join(agency.signer_position.split()).upper()
    prefix, title = ("KT.", position[4:]) if position.startswith("PHÓ ") else ("", "")
    apps.get_model("awards", "DisclosurePeriod").objects.all().update(
        authority_line=authority,
        issuer_line=issuer,
        place=agency.place_name,
        recipients=list(RECIPIENTS),
        signer_prefix=prefix,
        signer_prefix_title=title,
        signer_position=position,
        signer_name=agency.signer_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0012_disclosure_heading"),
        ("units", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
