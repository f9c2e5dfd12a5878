"""The data migration gives every existing campaign the header and signer it printed before."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("campaigns", "0004_campaign_launch_form_and_heading")]
AFTER = [("campaigns", "0005_campaign_heading_as_printed")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_campaigns_get_the_agency_values_they_printed():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("units", "Agency").objects.create(
        name="Sở Y tế",
        short_name="SYT",
        governing_body="UBND tỉnh Đồng Nai",
        place_name="Đồng Nai",
        letterhead="UBND TỈNH ĐỒNG NAI\nSỞ Y TẾ",
        signer_name="Võ Thị Ngọc Lắm",
        signer_position="Phó Giám đốc",
    )
    campaign = old_apps.get_model("campaigns", "Campaign").objects.create(
        name="Thi đua", kind="thematic", start_date=datetime.date(2024, 7, 1)
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    new_apps = executor.loader.project_state(AFTER).apps
    migrated = new_apps.get_model("campaigns", "Campaign").objects.get(pk=campaign.pk)
    assert (migrated.authority_line, migrated.issuer_line, migrated.place) == (
        "UBND TỈNH ĐỒNG NAI",
        "SỞ Y TẾ",
        "Đồng Nai",
    )
    assert (migrated.signer_prefix, migrated.signer_prefix_title, migrated.signer_position) == (
        "KT.",
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    )
    assert migrated.signer_name == "Võ Thị Ngọc Lắm"
    assert migrated.recipients[-1] == "Lưu: VT, VP."
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
