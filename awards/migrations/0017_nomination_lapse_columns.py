from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_lapse_columns(apps, schema_editor):
    """What the lapsed-verdict mark read through subqueries, stored: the verdict of the last
    SUBMITTED event (else the one before the first change after submission), and the time of
    the last change to "not eligible" after submission."""
    Nomination = apps.get_model("awards", "Nomination")
    NominationEvent = apps.get_model("awards", "NominationEvent")
    VerdictChange = apps.get_model("awards", "VerdictChange")
    sent_with = (
        NominationEvent.objects.filter(nomination=OuterRef("pk"), to_status="submitted")
        .order_by("-at", "-pk")
        .values("eligibility")[:1]
    )
    before_first_change = (
        VerdictChange.objects.filter(nomination=OuterRef("pk"), after_submission=True)
        .order_by("at", "pk")
        .values("old_eligibility")[:1]
    )
    not_eligible_since = (
        VerdictChange.objects.filter(
            nomination=OuterRef("pk"), after_submission=True, new_eligibility="not_eligible"
        )
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    Nomination.objects.update(
        eligibility_when_sent=Coalesce(Subquery(sent_with), Subquery(before_first_change)),
        not_eligible_since=Subquery(not_eligible_since),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0016_nomination_may_lapse_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="nomination",
            name="eligibility_when_sent",
            field=models.CharField(
                blank=True,
                choices=[
                    ("eligible", "Đủ điều kiện"),
                    ("not_eligible", "Không đủ điều kiện"),
                    ("flagged", "Cần xem xét"),
                ],
                editable=False,
                max_length=15,
                null=True,
                verbose_name="kết quả kiểm tra điều kiện lúc gửi",
            ),
        ),
        migrations.AddField(
            model_name="nomination",
            name="not_eligible_since",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="chuyển sang không đủ điều kiện sau khi gửi lúc",
            ),
        ),
        migrations.RunPython(fill_lapse_columns, migrations.RunPython.noop),
    ]
