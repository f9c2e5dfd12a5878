"""Cite the law in the default rules: each rule's legal basis with the law's number and article,
the legal basis of the CSTĐCS quota, and of each rule's way of voting.

Articles of Luật Thi đua, khen thưởng số 06/2022/QH15: Điều 23, Điều 24 khoản 1, Điều 26 khoản 1
and 2, Điều 74 khoản 1 điểm d (confirmed); Điều 21, 22, 27, 28, 73, 75 (inferred from the clauses
that Nghị định 98/2023/NĐ-CP and Thông tư 25/2023/TT-BYT say they detail; the rule set shows them
as not confirmed). The quota of 15 % of the LĐTT comes from Thông tư 07/2014/TT-BNV Điều 5 (before
2024); the secret ballot from 90 % of all members from Nghị định 91/2017/NĐ-CP Điều 45 khoản 8
(before 2024); the current values are the province's, not confirmed.

Only rows still holding the seeded values are changed, so an administrator's edits survive.
"""

from django.db import migrations

NEW_NAME = "Mặc định theo Luật TĐKT 2022 (NĐ 152/2025)"
OLD_NAME = "Luật TĐKT 2003/2013 (NĐ 91/2017)"
LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"

# award code -> (seeded legal basis, legal basis with the law's number)
NEW_BASES = {
    "LDTT": ("Luật TĐKT 2022 Điều 24", f"{LAW}, Điều 24 khoản 1"),
    "CSTDCS": ("Luật TĐKT 2022 Điều 23", f"{LAW}, Điều 23"),
    "CSTD_TINH": ("Luật TĐKT 2022 Điều 22", f"{LAW}, Điều 22"),
    "CSTD_TQ": ("Luật TĐKT 2022 Điều 21", f"{LAW}, Điều 21"),
    "BK_UBND": ("Luật TĐKT 2022 Điều 74 khoản 1 điểm d", f"{LAW}, Điều 74 khoản 1 điểm d"),
    "BK_TTG": ("Luật TĐKT 2022 Điều 73", f"{LAW}, Điều 73"),
    "TTLDTT": ("Luật TĐKT 2022 Điều 28", f"{LAW}, Điều 28"),
    "TTLDXS": ("Luật TĐKT 2022 Điều 27", f"{LAW}, Điều 27"),
    "CO_TINH": ("Luật TĐKT 2022 Điều 26", f"{LAW}, Điều 26 khoản 1, khoản 2"),
    "GK_GD": ("Luật TĐKT 2022 Điều 75", f"{LAW}, Điều 75"),
}

QUOTA_OLD = "Thông tư 07/2014/TT-BNV, Điều 5 (tối đa 15% số cá nhân đạt Lao động tiên tiến)"
QUOTA_NEW = (
    "Thông tư 07/2014/TT-BNV, Điều 5 (tối đa 15% số Lao động tiên tiến, quy định trước năm 2024); "
    "mức hiện hành theo quy định của tỉnh, chưa xác nhận"
)
SECRET_OLD = "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (bỏ phiếu kín, từ 90% tổng số thành viên Hội đồng)"
SECRET_NEW = (
    "Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 (quy định trước năm 2024); mức theo Nghị định "
    "152/2025/NĐ-CP chưa xác nhận"
)
HANDS_NEW = f"{LAW}, Điều 90 (Hội đồng Thi đua – Khen thưởng); tỷ lệ theo quy chế Hội đồng, chưa xác nhận"
HANDS_OLD = "Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng (chưa xác nhận)"


def seed(apps, schema_editor):
    AwardRule = apps.get_model("awards", "AwardRule")
    for name, new in ((NEW_NAME, True), (OLD_NAME, False)):
        for rule in AwardRule.objects.filter(rule_set__name=name).select_related("award_type"):
            fields = []
            code = rule.award_type.code
            if new and code in NEW_BASES and rule.legal_basis == NEW_BASES[code][0]:
                rule.legal_basis = NEW_BASES[code][1]
                fields.append("legal_basis")
            if rule.quota_base_title_id and not rule.quota_legal_basis:
                rule.quota_legal_basis = QUOTA_NEW if new else QUOTA_OLD
                fields.append("quota_legal_basis")
            if not rule.vote_legal_basis:
                if rule.vote_method == "secret_ballot":
                    rule.vote_legal_basis = SECRET_NEW if new else SECRET_OLD
                else:
                    rule.vote_legal_basis = HANDS_NEW if new else HANDS_OLD
                fields.append("vote_legal_basis")
            if fields:
                rule.save(update_fields=fields)


def unseed(apps, schema_editor):
    pass  # the longer citations are kept


class Migration(migrations.Migration):
    dependencies = [("awards", "0009_verdict_provenance_and_changes")]

    operations = [migrations.RunPython(seed, unseed)]
