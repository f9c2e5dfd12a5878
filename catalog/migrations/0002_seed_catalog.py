"""Seed the catalog: the titles (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 21–28) and
commendation forms (Điều 71–75) a provincial Sở Y tế uses, with their reward coefficients.

Values are defaults from public sources; [B]/[?] facts are seeded with confirmed=False so the
office checks them against the province's own rules. Existing rows (matched by code) are left
as they are, so an administrator's edits survive a re-run.
"""

from decimal import Decimal

from django.db import migrations

T, F = "title", "form"
IND, COL, BOTH = "individual", "collective", "both"
ANNUAL, LONG = "annual", "long_service"
INTERNAL = "Trong Sở Y tế (Hội đồng TĐKT Sở xét)"
VIA_HOME = "qua Sở Nội vụ (trình Chủ tịch UBND tỉnh)"
VIA_MOH = "qua Bộ Y tế"
VIA_STATE = "qua UBND tỉnh, Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"
UNIT = "Tại đơn vị (Hội đồng TĐKT đơn vị xét)"

CATALOG = [
    # code, name, short, kind, subject, authority, route, achievement, docs, coef, registrable,
    # confirmed, legal basis, source note, aliases
    ("LDTT", "Lao động tiên tiến", "LĐTT", T, IND, "director", INTERNAL, ANNUAL,
     ["TOTRINH", "BIENBAN"], "0.3", True, False, "Luật TĐKT 2022 Điều 24; TT 25/2023/TT-BYT",
     "Tiêu chuẩn, hệ số [C]; thẩm quyền (Giám đốc Sở hay thủ trưởng đơn vị có tư cách pháp nhân) [B].",
     []),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "CSTĐCS", T, IND, "director", INTERNAL, ANNUAL,
     ["TOTRINH", "BIENBAN", "BAOCAO"], "1.0", True, False, "Luật TĐKT 2022 Điều 23",
     "Tiêu chuẩn, hệ số [C]; thẩm quyền [B]; tỷ lệ tối đa so với LĐTT chưa xác nhận [?]. "
     "Sáng kiến cấp cơ sở là một trong các căn cứ thay thế (kèm hồ sơ khi dùng làm căn cứ).",
     ["Chiến sĩ thi đua cấp cơ sở"]),
    ("CSTD_TINH", "Chiến sĩ thi đua tỉnh", "CSTĐ tỉnh", T, IND, "province_chair", VIA_HOME, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "SANGKIEN", "QDKT"], "3.0", True, False,
     "Luật TĐKT 2022 Điều 22",
     "Hệ số [C]; tiêu chuẩn (03 lần liên tục CSTĐCS, sáng kiến phạm vi tỉnh) và số điều [B]; "
     "Hội đồng bỏ phiếu kín.",
     ["Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
      "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh"]),
    ("CSTD_BYT", "Chiến sĩ thi đua Bộ Y tế", "CSTĐ Bộ Y tế", T, IND, "minister", VIA_MOH, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "SANGKIEN", "QDKT"], "3.0", False, False,
     "Luật TĐKT 2022 Điều 22; TT 25/2023/TT-BYT",
     "Dành cho đơn vị trực thuộc Bộ Y tế; thẩm quyền và tiêu chuẩn [B].",
     ["Chiến sĩ thi đua cấp Bộ", "Chiến sĩ thi đua ngành Y tế"]),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "CSTĐ toàn quốc", T, IND, "prime_minister", VIA_STATE, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "SANGKIEN", "QDKT"], "4.5", True, True,
     "Luật TĐKT 2022 Điều 21",
     "Tiêu chuẩn (02 lần liên tục CSTĐ tỉnh, sáng kiến phạm vi toàn quốc), hệ số [C]. Hồ sơ 02 bộ.",
     []),
    ("TTLDTT", "Tập thể lao động tiên tiến", "TTLĐTT", T, COL, "director", INTERNAL, ANNUAL,
     ["TOTRINH", "BIENBAN"], "0.8", True, False, "Luật TĐKT 2022 Điều 28",
     "Hệ số [C]; tiêu chuẩn (> 50% thành viên đạt LĐTT) và thẩm quyền [B].",
     []),
    ("TTLDXS", "Tập thể lao động xuất sắc", "TTLĐXS", T, COL, "province_chair", VIA_HOME, ANNUAL,
     ["TOTRINH", "BIENBAN", "BAOCAO", "DGXL"], "1.5", True, False, "Luật TĐKT 2022 Điều 27",
     "Tiêu chuẩn (100% hoàn thành nhiệm vụ, ≥ 70% LĐTT, có CSTĐCS), hệ số [C]; thẩm quyền, số điều [B].",
     []),
    ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua tỉnh", T, COL, "province_chair", VIA_HOME,
     ANNUAL, ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "BBCUM"], "8", True, True,
     "Luật TĐKT 2022 Điều 26",
     "Tập thể dẫn đầu cụm, khối thi đua hoặc dẫn đầu phong trào thi đua theo chuyên đề [C].",
     ["Cờ thi đua cấp tỉnh", "Cờ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương",
      "Cờ thi đua của Bộ, ban, ngành, tỉnh", "Cờ thi đua UBND tỉnh"]),
    ("CO_BYT", "Cờ thi đua của Bộ Y tế", "Cờ thi đua Bộ Y tế", T, COL, "minister", VIA_MOH, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "BBCUM"], "8", True, True,
     "Luật TĐKT 2022 Điều 26; TT 25/2023/TT-BYT",
     "Tập thể dẫn đầu cụm, khối thi đua do Bộ Y tế tổ chức [C].",
     ["Cờ thi đua cấp Bộ"]),
    ("CO_CP", "Cờ thi đua của Chính phủ", "Cờ thi đua Chính phủ", T, COL, "prime_minister", VIA_STATE, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "QDKT"], "12", True, False, "Luật TĐKT 2022 Điều 25",
     "Hệ số [C]; tiêu chuẩn và số điều [B]. Hồ sơ 02 bộ.",
     []),
    ("GK_GD", "Giấy khen của Giám đốc Sở Y tế", "Giấy khen", F, BOTH, "director", INTERNAL, ANNUAL,
     ["TOTRINH", "BIENBAN", "BAOCAO"], "0.3", True, False, "Luật TĐKT 2022 Điều 75; TT 25/2023/TT-BYT",
     "Hệ số 0,3 cho cá nhân [C]; tập thể được tính gấp đôi (0,6) [B] — hệ số ghi ở đây là của cá nhân.",
     ["Giấy khen Giám đốc Sở", "Giấy khen của Giám đốc Sở"]),
    ("GK_DV", "Giấy khen của Thủ trưởng đơn vị", "Giấy khen đơn vị", F, BOTH, "unit_head", UNIT, ANNUAL,
     ["TOTRINH", "BIENBAN", "BAOCAO"], "0.3", False, False, "Luật TĐKT 2022 Điều 75",
     "Thủ trưởng đơn vị được tặng Giấy khen nếu quy định của tỉnh cho phép [B]; hệ số như Giấy khen.",
     []),
    ("BK_UBND", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen UBND tỉnh", F, BOTH, "province_chair",
     VIA_HOME, ANNUAL, ["TOTRINH", "BIENBAN", "BAOCAO"], "1.0", True, True, "Luật TĐKT 2022 Điều 74",
     "Tiêu chuẩn cá nhân điểm d (02 năm liên tục CSTĐCS, hoặc 02 năm HTXSNV và 02 sáng kiến) [C]; "
     "tiêu chuẩn tập thể [B]; tỉnh quy định chi tiết (khoản 6 Điều 74).",
     ["Bằng khen cấp tỉnh", "Bằng khen UBND tỉnh", "Bằng khen cấp bộ, ngành, tỉnh, đoàn thể trung ương",
      "Bằng khen của Bộ, ban, ngành, tỉnh"]),
    ("BK_BYT", "Bằng khen của Bộ trưởng Bộ Y tế", "Bằng khen Bộ Y tế", F, BOTH, "minister", VIA_MOH, ANNUAL,
     ["TOTRINH", "BIENBAN", "BAOCAO", "QDKT"], "1.0", True, False,
     "Luật TĐKT 2022 Điều 74 khoản 6; TT 25/2023/TT-BYT",
     "Khung tiêu chuẩn theo Điều 74 và TT 25/2023/TT-BYT; hệ số [B].",
     ["Bằng khen cấp Bộ", "Bằng khen Bộ Y tế"]),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "Bằng khen Thủ tướng", F, BOTH, "prime_minister", VIA_STATE,
     ANNUAL, ["TOTRINH", "BIENBAN", "BAOCAO", "QDKT", "SANGKIEN"], "3.5", True, False, "Luật TĐKT 2022 Điều 73",
     "Tiêu chuẩn (đã có Bằng khen Bộ/tỉnh và 05 năm liên tục HTXSNV, 05 sáng kiến) theo quy định cũ [C]; "
     "theo Luật 2022 [B]; hệ số 3,5 cho cá nhân [B]. Hồ sơ 02 bộ.",
     ["Bằng khen Thủ tướng Chính phủ"]),
    ("KNC_VSKND", "Kỷ niệm chương “Vì sức khỏe nhân dân”", "KNC Vì sức khỏe nhân dân", F, IND, "minister",
     VIA_MOH, LONG, ["TOTRINH", "DSNIENHAN"], None, False, False, "TT 25/2023/TT-BYT (khoản 2 Điều 71)",
     "Tặng một lần theo thời gian công tác trong ngành; mức trước 2024: nam 20 năm, nữ 15 năm [C]; "
     "mức hiện hành chưa xác nhận [?].",
     ["Kỷ niệm chương Vì sức khỏe nhân dân"]),
    ("HCLD3", "Huân chương Lao động hạng Ba", "HCLĐ hạng Ba", F, BOTH, "president", VIA_STATE, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "QDKT"], None, False, False, "Luật TĐKT 2022 Chương III",
     "Khen thưởng cấp Nhà nước; tiêu chuẩn, hệ số [B]. Hồ sơ 03 bộ, có lấy ý kiến công khai.",
     []),
    ("HCLD2", "Huân chương Lao động hạng Nhì", "HCLĐ hạng Nhì", F, BOTH, "president", VIA_STATE, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "QDKT"], None, False, False, "Luật TĐKT 2022 Chương III",
     "Khen thưởng cấp Nhà nước; tiêu chuẩn, hệ số [B].",
     []),
    ("HCLD1", "Huân chương Lao động hạng Nhất", "HCLĐ hạng Nhất", F, BOTH, "president", VIA_STATE, ANNUAL,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO", "QDKT"], None, False, False, "Luật TĐKT 2022 Chương III",
     "Khen thưởng cấp Nhà nước; tiêu chuẩn, hệ số [B].",
     []),
    ("TTND", "Thầy thuốc Nhân dân", "TTND", F, IND, "president", VIA_STATE, LONG,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO"], None, False, True, "Nghị định 25/2024/NĐ-CP",
     "Danh hiệu vinh dự Nhà nước, xét theo đợt (lần thứ 14 năm 2023) [C]; đợt tiếp theo dự kiến 2026 [B].",
     []),
    ("TTUT", "Thầy thuốc Ưu tú", "TTƯT", F, IND, "president", VIA_STATE, LONG,
     ["TOTRINH", "BIENBAN", "KQBOPHIEU", "BAOCAO"], None, False, True, "Nghị định 25/2024/NĐ-CP",
     "Danh hiệu vinh dự Nhà nước, xét theo đợt [C].",
     []),
]  # fmt: skip


def _key(name):
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def seed(apps, schema_editor):
    AwardType = apps.get_model("catalog", "AwardType")
    AwardTypeAlias = apps.get_model("catalog", "AwardTypeAlias")
    for order, row in enumerate(CATALOG, start=1):
        (code, name, short, kind, subject, authority, route, achievement, docs, coef, registrable, confirmed,
         basis, note, aliases) = row  # fmt: skip
        award, created = AwardType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "subject": subject,
                "authority": authority,
                "route": route,
                "achievement_kind": achievement,
                "required_documents": docs,
                "reward_coefficient": Decimal(coef) if coef is not None else None,
                "registrable": registrable,
                "confirmed": confirmed,
                "legal_basis": basis,
                "source_note": note,
                "order": order * 10,
                "active": True,
            },
        )
        if not created:
            continue
        for alias in aliases:
            AwardTypeAlias.objects.get_or_create(key=_key(alias), defaults={"award_type": award, "name": alias})


def unseed(apps, schema_editor):
    pass  # keep the rows: they may already be referenced


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
