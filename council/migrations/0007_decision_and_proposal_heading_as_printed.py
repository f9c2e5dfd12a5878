"""Existing decisions and tờ trình keep the header and signature they printed until now: the
agency's governing body and name, its place, the authority line as typed ("KT. GIÁM ĐỐC" split
into the prefix and its title; a line with no known prefix kept above the position), the position
and name as typed, and the recipients the documents wrote ("Như Điều 3;" for an award decision,
"Như Điều 2;" for a correction or revocation, "Như trên;" for a tờ trình). Historical rows are
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


def heading(agency, row, recipients) -> dict:
    prefix, title, position = signer_parts(row.signer_prefix, row.signer_position)
    values = {"signer_prefix": prefix, "signer_prefix_title": title, "signer_position": position}
    if agency is not None:
        values.update(authority_line=agency.governing_body, issuer_line=agency.name, place=agency.place_name)
    values["recipients"] = list(recipients)
    return values


def decision_recipients(row) -> list[str]:
    article = "3" if row.kind == "award" else "2"
    return [f"Như Điều {article};", "Lưu: VT, VP."]


def forwards(apps, schema_editor):
    agency = apps.get_model("units", "Agency").objects.order_by("pk").first()
    for name in ("Decision", "HistoricalDecision"):
        model = apps.get_model("council", name)
        for row in model.objects.all().iterator():
            values = heading(agency, row, decision_recipients(row))
            model.objects.filter(pk=row.pk).update(**values)
    for name in ("ProposalPack", "HistoricalProposalPack"):
        model = apps.get_model("council", name)
        for row in model.objects.all().iterator():
            values = heading(agency, row, ["Như trên;", "Lưu: VT, VP."])
            values["signer_position"] = values["signer_position"] or "GIÁM ĐỐC"  # printed when empty
            model.objects.filter(pk=row.pk).update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0006_decision_and_proposal_heading"),
        ("units", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
