"""Seed two rule sets with the ladder of titles of Luật Thi đua, khen thưởng 2022
(Điều 21–28, 74) and the council's voting settings (Điều 90).

- "Luật TĐKT 2003/2013 (NĐ 91/2017)": achievements up to 2023 (CSTĐCS needs an initiative).
- "Mặc định theo Luật TĐKT 2022 (NĐ 152/2025)": from 2024 (CSTĐCS: HTXSNV or an initiative or
  a research work).

A value confirmed in the legal text is seeded confirmed; a value only believed or in flux is seeded
not confirmed (shown on screen for the office to check against its province's rules).
Rule sets that already exist (matched by name) are left as they are, so an administrator's
edits survive a re-run.
"""

import datetime
from decimal import Decimal

from django.db import migrations

NEW_NAME = "Mặc định theo Luật TĐKT 2022 (NĐ 152/2025)"
OLD_NAME = "Luật TĐKT 2003/2013 (NĐ 91/2017)"

HTXSNV, HTTNV, HTNV = "HTXSNV", "HTTNV", "HTNV"
BASE, PROVINCE, NATIONAL = "base", "province", "national"

TIE_RULE = (
    "Khi số phiếu đồng ý bằng số phiếu không đồng ý: theo ý kiến của Chủ tịch Hội đồng "
    "(chưa xác nhận — Thường trực kiểm tra theo quy chế Hội đồng)."
)
# Show of hands, more than half of those present, 2/3 of members present [B common practice / ?].
HANDS = {
    "vote_method": "show_of_hands",
    "quorum_numerator": 2,
    "quorum_denominator": 3,
    "threshold_numerator": 1,
    "threshold_denominator": 2,
    "threshold_comparison": "gt",
    "threshold_base": "present",
    "tie_rule": TIE_RULE,
    "vote_confirmed": False,
}
# Secret ballot, at least 90% of ALL members (NĐ 91/2017 Đ.45 k.8 [C old]; current regime [?]).
SECRET = {
    **HANDS,
    "vote_method": "secret_ballot",
    "threshold_numerator": 9,
    "threshold_denominator": 10,
    "threshold_comparison": "gte",
    "threshold_base": "all_members",
    "tie_rule": "",
}


def _rules(new: bool):
    """(award code, rule fields, paths) for one rule set."""
    cstdcs_paths = (
        [
            {"label": "Điều 23: hoàn thành xuất sắc nhiệm vụ", "evaluation_level": HTXSNV, "confirmed": True},
            {
                "label": "Điều 23: sáng kiến được công nhận cấp cơ sở",
                "initiative_scope": BASE,
                "initiative_kind": "initiative",
                "initiative_count": 1,
                "confirmed": True,
            },
            {
                "label": "Điều 23: đề tài, đề án khoa học được nghiệm thu",
                "initiative_scope": BASE,
                "initiative_kind": "research",
                "initiative_count": 1,
                "confirmed": True,
            },
        ]
        if new
        else [
            {
                "label": "Luật 2003 Điều 23: có sáng kiến hoặc đề tài nghiên cứu",
                "initiative_scope": BASE,
                "initiative_kind": "any",
                "initiative_count": 1,
                "confirmed": True,
            }
        ]
    )
    return [
        (
            "LDTT",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 24" if new else "Luật TĐKT 2003 Điều 24",
                "min_evaluation": HTTNV,
                "criteria_confirmed": True,
                "note": "Tiêu chí về tinh thần tự lực, đoàn kết, tham gia phong trào do Hội đồng xét.",
                **HANDS,
            },
            [],
        ),
        (
            "CSTDCS",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 23" if new else "Luật TĐKT 2003 Điều 23; TT 07/2014/TT-BNV Điều 5",
                "requires_same_year_title": "LDTT",
                "quota_base_title": "LDTT",
                "quota_share": Decimal("0.15"),
                "quota_scope": "unit",
                "quota_rounding": "floor",
                "quota_minimum": 1,
                "criteria_confirmed": True,
                # 15% of LĐTT: [C] under TT 07/2014; no confirmed national cap since 2024 [?].
                "quota_confirmed": not new,
                "note": (
                    "Tỷ lệ 15% số LĐTT theo TT 07/2014/TT-BNV; sau 2024 chưa xác nhận mức trần chung, "
                    "tỉnh/ngành quy định."
                    if new
                    else "Theo Luật 2003, sáng kiến là điều kiện bắt buộc."
                ),
                **HANDS,
            },
            cstdcs_paths,
        ),
        (
            "CSTD_TINH",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 22" if new else "Luật TĐKT 2003 Điều 22",
                "criteria_confirmed": False,
                "note": "Tiêu chuẩn theo cách hiểu Điều 22 [B]; sáng kiến/đề tài trong 03 năm xét.",
                **SECRET,
                "vote_confirmed": not new,
            },
            [
                {
                    "label": "03 lần liên tục CSTĐCS và sáng kiến/đề tài phạm vi tỉnh",
                    "title": "CSTDCS",
                    "title_count": 3,
                    "initiative_scope": PROVINCE,
                    "initiative_kind": "any",
                    "initiative_count": 1,
                    "initiative_years": 3,
                    "confirmed": False,
                }
            ],
        ),
        (
            "CSTD_TQ",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 21" if new else "Luật TĐKT 2003 Điều 21",
                "criteria_confirmed": False,
                "note": (
                    "Tiêu chuẩn [C]; cách hiểu “02 lần liên tục CSTĐ tỉnh” là hai kỳ liền nhau, cách nhau "
                    "03 năm (năm xét và 03 năm trước) — cần Thường trực xác nhận."
                ),
                **SECRET,
                "vote_confirmed": not new,
            },
            [
                {
                    "label": "02 lần liên tục CSTĐ tỉnh và sáng kiến/đề tài phạm vi toàn quốc",
                    "title": "CSTD_TINH",
                    "title_count": 2,
                    "title_interval": 3,
                    "initiative_scope": NATIONAL,
                    "initiative_kind": "any",
                    "initiative_count": 1,
                    "initiative_years": 6,
                    "confirmed": False,
                }
            ],
        ),
        (
            "BK_UBND",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 74 khoản 1 điểm d" if new else "NĐ 91/2017",
                "criteria_confirmed": new,
                "note": (
                    "Chỉ kiểm tra tự động điểm d; các trường hợp khác (thành tích xuất sắc trong phong trào, "
                    "đột xuất) do Hội đồng xem xét theo báo cáo thành tích."
                ),
                **HANDS,
            },
            [
                {
                    "label": "Điểm d: 02 năm liên tục CSTĐCS",
                    "applies_to": "individual",
                    "title": "CSTDCS",
                    "title_count": 2,
                    "confirmed": new,
                },
                {
                    "label": "Điểm d: 02 năm liên tục HTXSNV và 02 sáng kiến/đề tài cấp cơ sở",
                    "applies_to": "individual",
                    "evaluation_level": HTXSNV,
                    "evaluation_years": 2,
                    "initiative_scope": BASE,
                    "initiative_kind": "any",
                    "initiative_count": 2,
                    "initiative_years": 2,
                    "confirmed": new,
                },
                {
                    "label": "Tập thể: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ",
                    "applies_to": "collective",
                    "evaluation_level": HTXSNV,
                    "evaluation_years": 2,
                    "confirmed": False,
                },
            ],
        ),
        (
            "BK_TTG",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 73" if new else "NĐ 91/2017 (như NĐ 65/2014)",
                "criteria_confirmed": False,
                "note": (
                    "Theo quy định cũ: đã có Bằng khen Bộ/tỉnh, 05 năm liên tục tiếp theo HTXSNV và 05 sáng kiến "
                    "cấp cơ sở trong thời gian đó [C cũ / B hiện hành]. Tập thể: Thường trực xem xét."
                ),
                **HANDS,
            },
            [
                {
                    "label": "Đã có Bằng khen Bộ/tỉnh, 05 năm liên tục HTXSNV và 05 sáng kiến cấp cơ sở",
                    "applies_to": "individual",
                    "prior_award_types": ["BK_UBND", "BK_BYT"],
                    "prior_award_years_before": 5,
                    "evaluation_level": HTXSNV,
                    "evaluation_years": 5,
                    "initiative_scope": BASE,
                    "initiative_kind": "any",
                    "initiative_count": 5,
                    "initiative_years": 5,
                    "confirmed": False,
                }
            ],
        ),
        (
            "TTLDTT",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 28" if new else "Luật TĐKT 2003 Điều 28",
                "min_evaluation": HTTNV,
                "share_title": "LDTT",
                "share_title_min": Decimal("0.5"),
                "share_title_comparison": "gt",
                "criteria_confirmed": not new,
                "note": "Trên 50% thành viên đạt LĐTT [C Luật 2003; B Luật 2022].",
                **HANDS,
            },
            [],
        ),
        (
            "TTLDXS",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 27" if new else "Luật TĐKT 2003 Điều 27",
                "min_evaluation": HTXSNV,
                "member_min_evaluation": HTNV,
                "member_min_evaluation_share": Decimal("1"),
                "share_title": "LDTT",
                "share_title_min": Decimal("0.7"),
                "share_title_comparison": "gte",
                "member_required_title": "CSTDCS",
                "member_required_count": 1,
                "criteria_confirmed": new,
                **HANDS,
            },
            [],
        ),
        (
            "CO_TINH",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 26" if new else "Luật TĐKT 2003 Điều 26",
                "requires_cluster_ranking": True,
                "criteria_confirmed": new,
                "note": "Dẫn đầu cụm/khối thi đua hoặc dẫn đầu phong trào thi đua theo chuyên đề.",
                **SECRET,
            },
            [],
        ),
        (
            "GK_GD",
            {
                "legal_basis": "Luật TĐKT 2022 Điều 75" if new else "Luật TĐKT 2003 Điều 75",
                "criteria_confirmed": False,
                "note": "Không có điều kiện tiên quyết; tiêu chuẩn chi tiết do Bộ/tỉnh quy định [B].",
                **HANDS,
            },
            [],
        ),
    ]


RULE_SETS = [
    {
        "name": OLD_NAME,
        "legal_source": (
            "Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005, 2009, 2013; Nghị định 91/2017/NĐ-CP; "
            "Thông tư 07/2014/TT-BNV (tỷ lệ CSTĐCS); Thông tư 38/2018/TT-BYT."
        ),
        "effective_from": datetime.date(2014, 6, 1),
        "effective_to": datetime.date(2023, 12, 31),
        "confirmed": False,
        "confirmation_note": (
            "Ngày bắt đầu lấy theo ngày Luật sửa đổi 2013 có hiệu lực (01/6/2014) [B]; dùng để xét thành tích "
            "đến hết năm 2023."
        ),
        "new": False,
    },
    {
        "name": NEW_NAME,
        "legal_source": (
            "Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024); Nghị định 98/2023/NĐ-CP, thay thế "
            "bởi Nghị định 152/2025/NĐ-CP; Thông tư 15/2025/TT-BNV; Thông tư 25/2023/TT-BYT; quy định công tác "
            "TĐKT của tỉnh."
        ),
        "effective_from": datetime.date(2024, 1, 1),
        "effective_to": None,
        "confirmed": False,
        "confirmation_note": (
            "Giá trị mặc định theo tài liệu nghiệp vụ; các mục ghi “chưa xác nhận” cần Thường trực đối chiếu với "
            "NĐ 152/2025/NĐ-CP và quy định của tỉnh."
        ),
        "new": True,
    },
]

FK_FIELDS = ("requires_same_year_title", "share_title", "member_required_title", "quota_base_title")


def seed(apps, schema_editor):
    AwardType = apps.get_model("catalog", "AwardType")
    RuleSet = apps.get_model("awards", "RuleSet")
    AwardRule = apps.get_model("awards", "AwardRule")
    AwardRulePath = apps.get_model("awards", "AwardRulePath")
    types = {a.code: a for a in AwardType.objects.all()}

    for spec in RULE_SETS:
        spec = dict(spec)
        new = spec.pop("new")
        rule_set, created = RuleSet.objects.get_or_create(name=spec.pop("name"), defaults={**spec, "active": True})
        if not created:
            continue
        for code, fields, paths in _rules(new):
            if code not in types:
                continue
            fields = dict(fields)
            for name in FK_FIELDS:
                if name in fields:
                    fields[name] = types[fields[name]]
            rule = AwardRule.objects.create(rule_set=rule_set, award_type=types[code], **fields)
            for order, path in enumerate(paths, start=1):
                path = dict(path)
                prior = path.pop("prior_award_types", [])
                if "title" in path:
                    path["title"] = types[path["title"]]
                created_path = AwardRulePath.objects.create(rule=rule, order=order, **path)
                created_path.prior_award_types.set([types[c] for c in prior if c in types])


def unseed(apps, schema_editor):
    pass  # keep the rows: nominations point at the rule set that judged them


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("catalog", "0002_seed_catalog")]

    operations = [migrations.RunPython(seed, unseed)]
