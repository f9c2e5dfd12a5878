"""Every existing session's minutes keep the header and signature they printed until now: the
agency's name over the council's, the agency's place, the chair signing "TM. HỘI ĐỒNG / CHỦ
TỊCH" and the council's usual recipients."""

from django.db import migrations

RECIPIENTS = ["Thành viên Hội đồng;", "Lưu: VT, HĐTĐKT."]
COUNCIL_LINE = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


def full_name(user) -> str:
    if user.person_id:
        return user.person.full_name
    return f"{user.first_name} {user.last_name}".strip() or user.username


def forwards(apps, schema_editor):
    agency = apps.get_model("units", "Agency").objects.order_by("pk").first()
    Session = apps.get_model("council", "CouncilSession")
    Minutes = apps.get_model("council", "SessionMinutes")
    for session in Session.objects.select_related("chair__person").iterator():
        Minutes.objects.get_or_create(
            session=session,
            defaults={
                "authority_line": agency.name if agency else "",
                "issuer_line": COUNCIL_LINE,
                "place": agency.place_name if agency else "",
                "recipients": list(RECIPIENTS),
                "signer_prefix": "TM.",
                "signer_prefix_title": "HỘI ĐỒNG",
                "signer_position": "CHỦ TỊCH",
                "signer_name": full_name(session.chair),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0009_session_minutes_heading"),
        ("units", "0004_agency_signers"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
