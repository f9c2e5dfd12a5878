"""Existing campaigns keep the header and signature they printed until now: the agency's
letterhead (else its governing body and name), its place, its default signer ("KT. GIÁM ĐỐC" over
a deputy's position) and the launching plan's usual recipients."""

from django.db import migrations

RECIPIENTS = ["Ban Giám đốc Sở;", "Các phòng chuyên môn Sở;", "Các đơn vị trực thuộc;", "Lưu: VT, VP."]


def printed_heading(agency) -> dict:
    if agency is None:
        return {}
    lines = [ln.strip() for ln in (agency.letterhead or "").splitlines() if ln.strip()]
    if len(lines) >= 2:
        authority, issuer = lines[0].upper(), lines[1].upper()
    else:
        authority, issuer = agency.governing_body.upper(), agency.name.upper()
    position = " ".join(agency.signer_position.split()).upper()
    prefix, title = ("KT.", position[4:]) if position.startswith("PHÓ ") else ("", "")
    return {
        "authority_line": authority,
        "issuer_line": issuer,
        "place": agency.place_name,
        "recipients": list(RECIPIENTS),
        "signer_prefix": prefix,
        "signer_prefix_title": title,
        "signer_position": position,
        "signer_name": agency.signer_name,
    }


def forwards(apps, schema_editor):
    Agency = apps.get_model("units", "Agency")
    Campaign = apps.get_model("campaigns", "Campaign")
    values = printed_heading(Agency.objects.order_by("pk").first())
    if values:
        Campaign.objects.all().update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0004_campaign_launch_form_and_heading"),
        ("units", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
