"""Disclosure comments are moderated by the office before anyone else reads them.

Comments sent before moderation existed were already shown to the council, so they are recorded
as accepted (with no moderator: nobody read them as such); new comments start pending.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def accept_existing_comments(apps, schema_editor):
    apps.get_model("awards", "DisclosureComment").objects.update(status="accepted")


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0013_disclosure_heading_as_printed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalDisclosureComment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('text', models.TextField(verbose_name='nội dung ý kiến')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='gửi lúc')),
                ('status', models.CharField(choices=[('pending', 'Chờ duyệt'), ('accepted', 'Đã tiếp nhận'), ('rejected', 'Không tiếp nhận')], db_index=True, default='pending', max_length=10, verbose_name='tình trạng duyệt')),
                ('moderated_at', models.DateTimeField(blank=True, null=True, verbose_name='duyệt lúc')),
                ('moderation_reason', models.TextField(blank=True, verbose_name='lý do')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical ý kiến góp ý',
                'verbose_name_plural': 'historical ý kiến góp ý',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='disclosurecomment',
            name='moderated_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='duyệt lúc'),
        ),
        migrations.AddField(
            model_name='disclosurecomment',
            name='moderated_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người duyệt'),
        ),
        migrations.AddField(
            model_name='disclosurecomment',
            name='moderation_reason',
            field=models.TextField(blank=True, verbose_name='lý do'),
        ),
        migrations.AddField(
            model_name='disclosurecomment',
            name='status',
            field=models.CharField(choices=[('pending', 'Chờ duyệt'), ('accepted', 'Đã tiếp nhận'), ('rejected', 'Không tiếp nhận')], db_index=True, default='pending', max_length=10, verbose_name='tình trạng duyệt'),
        ),
        migrations.AddConstraint(
            model_name='disclosurecomment',
            constraint=models.CheckConstraint(condition=models.Q(('moderation_reason', ''), ('status', 'rejected'), _negated=True), name='disclosure_comment_rejected_has_reason', violation_error_message='Nêu lý do không tiếp nhận ý kiến.'),
        ),
        migrations.AddField(
            model_name='historicaldisclosurecomment',
            name='author',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người góp ý'),
        ),
        migrations.AddField(
            model_name='historicaldisclosurecomment',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaldisclosurecomment',
            name='moderated_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người duyệt'),
        ),
        migrations.AddField(
            model_name='historicaldisclosurecomment',
            name='nomination',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='awards.nomination', verbose_name='về đề nghị'),
        ),
        migrations.AddField(
            model_name='historicaldisclosurecomment',
            name='period',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='awards.disclosureperiod', verbose_name='đợt công khai'),
        ),
        # Last, so that no table is altered after rows were updated in the same transaction.
        migrations.RunPython(accept_existing_comments, migrations.RunPython.noop),
    ]
