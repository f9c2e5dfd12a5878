"""On PostgreSQL, decisions, tờ trình, summary reports and sessions written before documents
carried their own heading are migrated to what they printed: an authority line typed whole
("KT. GIÁM ĐỐC") fits the shorter prefix column as prefix and title, recipients become a list."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BEFORE = [("council", "0005_signed_opinion_form"), ("reports", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_records_from_before_keep_what_they_printed():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    try:
        old.get_model("units", "Agency").objects.all().delete()
        old.get_model("units", "Agency").objects.create(
            name="Sở Y tế", governing_body="UBND tỉnh Đồng Nai", place_name="Đồng Nai"
        )
        decision = old.get_model("council", "Decision").objects.create(
            kind="revocation",
            year=2026,
            number=7,
            date=datetime.date(2026, 3, 2),
            title="Về việc thu hồi",
            signer_prefix="KT. GIÁM ĐỐC",
            signer_position="PHÓ GIÁM ĐỐC",
            signer_name="Lê Quang Trung",
        )
        pack = old.get_model("council", "ProposalPack").objects.create(
            authority="province_chair", year=2025, title="Tờ trình"
        )
        report = old.get_model("reports", "SummaryReport").objects.create(
            year=2026,
            kind="half_year",
            signer_prefix="TL. GIÁM ĐỐC",
            signer_position="CHÁNH VĂN PHÒNG",
            signer_name="Trần Văn Bình",
            recipients="Ban TĐKT tỉnh;\n\nLưu: VT, VP.",
        )
    finally:
        new = migrate(latest)

    decision = new.get_model("council", "Decision").objects.get(pk=decision.pk)
    pack = new.get_model("council", "ProposalPack").objects.get(pk=pack.pk)
    report = new.get_model("reports", "SummaryReport").objects.get(pk=report.pk)
    assert (decision.signer_prefix, decision.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert (decision.issuer_line, decision.place) == ("Sở Y tế", "Đồng Nai")
    assert decision.recipients == ["Như Điều 2;", "Lưu: VT, VP."]
    assert (pack.signer_position, pack.recipients) == ("GIÁM ĐỐC", ["Như trên;", "Lưu: VT, VP."])
    assert (report.signer_prefix, report.signer_prefix_title) == ("TL.", "GIÁM ĐỐC")
    assert report.recipients == ["Ban TĐKT tỉnh;", "Lưu: VT, VP."]
