"""Existing summary reports keep the header and signature they printed: the authority line as
typed ("KT. GIÁM ĐỐC") split into the prefix and its title (a line with no known prefix kept above
the position, where it printed), and the recipients, one a line, as a list. Historical rows are
converted the same way so that the shorter prefix column fits them."""

from django.db import migrations

PREFIXES = ("KT.", "TM.", "TL.", "TUQ.", "Q.")


def signer_parts(prefix_line: str, position: str) -> tuple[str, str, str]:
    text = " ".join((prefix_line or "").split())
    if not text:
        return "", "", position
    head, _space, rest = text.partition(" ")
    wanted = head.upper().rstrip(".") + "."
    if wanted in PREFIXES:
        return wanted, rest.strip(), position
    return "", "", "\n".join(x for x in (text, position) if x)


def forwards(apps, schema_editor):
    for name in ("SummaryReport", "HistoricalSummaryReport"):
        model = apps.get_model("reports", name)
        for row in model.objects.all().iterator():
            prefix, title, position = signer_parts(row.signer_prefix, row.signer_position)
            recipients = [
                line.strip() for line in (row.recipients_as_text or "").splitlines() if line.strip()
            ]
            model.objects.filter(pk=row.pk).update(
                signer_prefix=prefix,
                signer_prefix_title=title,
                signer_position=position,
                recipients=recipients,
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_summary_heading")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
