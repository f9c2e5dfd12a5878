# ruff: noqa: E501  (the seed text is transcribed as it is, one paragraph per line)
"""Demo data of the campaigns app: seed 002 as a campaign, a registration round and a scoring table.

``demo_campaigns_load()`` is idempotent: rows are keyed on their names and only missing rows are
created; existing rows are left as they are. The campaign is transcribed by hand from seed 002
(Sở Y tế Đồng Nai, Kế hoạch phát động phong trào thi đua "... cất cánh cùng Sân bay Long
Thành", 2024-2025); the plans importer is not used here.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from units.models import Unit

from .enums import CampaignKind, CampaignStatus, LatePolicy
from .models import Campaign, CampaignDuty, CampaignItem, CriteriaSet, Criterion, RegistrationRound

THEME = "Ngành y tế tỉnh Đồng Nai đẩy mạnh phát triển toàn diện, cất cánh cùng Sân bay Long Thành"
PROVINCE_THEME = (
    "Tỉnh Đồng Nai đẩy mạnh phát triển toàn diện kinh tế - xã hội, giữ vững quốc phòng - an ninh, "
    "cất cánh cùng Sân bay Long Thành"
)

PURPOSE = """Tuyên truyền cán bộ, đảng viên và toàn thể cán bộ công chức, viên chức, người lao động thống nhất cao về nhận thức và hành động, đẩy mạnh các phong trào thi đua yêu nước lập thành tích chào mừng Đại hội Đại biểu Đảng bộ tỉnh Đồng Nai lần thứ XII nhiệm kỳ 2025 - 2030, Đại hội Thi đua yêu nước tỉnh Đồng Nai lần thứ VII và hướng tới kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025).
Thông qua việc đẩy mạnh phong trào thi đua nhằm huy động sức mạnh tổng hợp, cổ vũ, động viên tập thể và cá nhân khắc phục khó khăn, nỗ lực phấn đấu hoàn thành tốt nhiệm vụ, nâng cao đời sống vật chất và tinh thần của công chức, viên chức, người lao động, phát huy sức mạnh của khối đại đoàn kết toàn dân tộc, thực hiện thắng lợi các chỉ tiêu phát triển kinh tế - xã hội, giữ vững quốc phòng - an ninh trên địa bàn tỉnh, góp phần hoàn thành các mục tiêu, đạt và vượt mức các chỉ tiêu Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh Đồng Nai lần thứ XI.
Tổ chức thực hiện phong trào thi đua phải kết hợp chặt chẽ với các hoạt động kỷ niệm, các ngày lễ lớn, các sự kiện chính trị trọng đại của đất nước, của tỉnh, của ngành; gắn với việc thực hiện nhiệm vụ chính trị của các cơ quan, đơn vị..."""

COLLECTIVES = (
    "Các phòng chuyên môn và tương đương, các chi cục và các đơn vị sự nghiệp công lập trực thuộc "
    "Sở Y tế tỉnh Đồng Nai."
)
INDIVIDUALS = (
    "Công chức, viên chức, người lao động đang công tác tại các phòng chức năng thuộc Sở Y tế, "
    "các đơn vị trực thuộc Sở Y tế tỉnh Đồng Nai."
)

ITEMS = [
    ("a)", """Đẩy mạnh phong trào thi đua yêu nước, huy động sức mạnh tổng hợp của các đơn vị và toàn thể công chức, viên chức, người lao động góp phần hoàn thành và hoàn thành vượt mức các nhiệm vụ trọng tâm thuộc lĩnh vực y tế của Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh lần thứ XI, lập thành tích chào mừng kỷ niệm các ngày lễ lớn trong giai đoạn 2024 - 2025.
- Không ngừng nâng cao đời sống vật chất, tinh thần của công chức, viên chức, người lao động. Xây dựng môi trường văn hóa lành mạnh. Nâng cao chất lượng, hiệu quả phong trào “Toàn tỉnh chung sức xây dựng nông thôn mới”.
- Thi đua thực hiện hoàn thành tốt các chỉ tiêu, nhiệm vụ được giao, góp phần thực hiện thắng lợi công tác “Bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân”.
- Thi đua phát triển khoa học công nghệ và đổi mới sáng tạo; phát huy sáng kiến, cải tiến kỹ thuật, ứng dụng khoa học công nghệ tiên tiến; đẩy mạnh công tác đào tạo đội ngũ y tế có trình độ chuyên môn sâu, tay nghề cao đủ năng lực thực hiện các nhiệm vụ chuyên môn.
- Thúc đẩy phát triển và ứng dụng tiến bộ khoa học và công nghệ trong công tác khám bệnh, chữa bệnh.
- Thi đua xây dựng bộ máy các cơ quan, đơn vị hoạt động hiệu lực, hiệu quả; đẩy mạnh cải cách hành chính, trọng tâm là cải cách thủ tục hành chính. Tăng cường công tác phòng, chống tham nhũng; nâng cao hiệu quả công tác đối ngoại, hội nhập quốc tế.
- Thi đua xây dựng Đảng trong sạch, vững mạnh, nâng cao chất lượng đội ngũ cán bộ, đảng viên; năng lực lãnh đạo và sức chiến đấu của các tổ chức đảng; nêu cao tính tiên phong gương mẫu của cán bộ, đảng viên và trách nhiệm của người đứng đầu. Nâng cao chất lượng, hiệu lực, hiệu quả hoạt động của các cơ quan chính quyền; xây dựng chính quyền điện tử, nền hành chính hiện đại."""),
    ("b)", """Thi đua hoàn thành xuất sắc nhiệm vụ được giao gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo tinh thần Kết luận số 01-KL/TW ngày 18 tháng 5 năm 2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị khóa XII bằng những việc làm, hành động cụ thể, thiết thực, sáng tạo, hiệu quả."""),
    ("c)", """Tiếp tục đẩy mạnh các phong trào thi đua chuyên đề như: “Toàn tỉnh chung sức xây dựng nông thôn mới giai đoạn 2021 - 2025”; “Vì người nghèo - không để ai bị bỏ lại phía sau”, “Cán bộ, công chức, viên chức thi đua thực hiện tốt văn hóa công sở giai đoạn 2019 - 2025”; tập trung thực hiện tốt các Cuộc vận động “Toàn dân đoàn kết xây dựng đời sống văn hóa”, “Cán bộ, công chức, viên chức nói không với tiêu cực”..."""),
    ("d)", """Thi đua thực hiện tốt công tác chuẩn bị tổ chức Hội nghị điển hình tiên tiến, Đại hội Thi đua các cấp tiến tới Đại hội Thi đua yêu nước tỉnh Đồng Nai lần thứ VII."""),
    ("đ)", """Thi đua thực hiện tốt công tác chuẩn bị tổ chức Đại hội Đảng các cấp tiến tới Đại hội Đại biểu Đảng bộ tỉnh lần thứ XII. Trước hết là tập trung trí tuệ, công sức xây dựng hệ thống văn kiện trình Đại hội; chủ động chuẩn bị phương án nhân sự đảm bảo dân chủ, khách quan, toàn diện; thực hiện tốt công tác thông tin tuyên truyền, an ninh, hậu cần, phục vụ; lãnh đạo, chỉ đạo tổ chức thành công Đại hội Đảng các cấp.."""),
]  # fmt: skip

# (unit code in units/demo.py or None, assignee as written, duty text)
DUTIES = [
    ("VP-SYT", "Văn phòng Sở Y tế", """- Tham mưu tổng kết phong trào thi đua “Ngành y tế tỉnh Đồng Nai đẩy mạnh phát triển toàn diện, cất cánh cùng Sân bay Long Thành” nhân dịp chào mừng Đại hội Đại biểu Đảng bộ tỉnh Đồng Nai lần thứ XII nhiệm kỳ 2025 - 2030, Đại hội Thi đua yêu nước tỉnh Đồng Nai lần thứ VII.
- Hướng dẫn các cơ quan, đơn vị trong tổ chức bình xét, thủ tục, hồ sơ đề nghị khen thưởng cho các tập thể, cá nhân có thành tích tiêu biểu, xuất sắc trong phong trào thi đua theo hướng dẫn của các cơ quan có thẩm quyền."""),
    ("CDC-DN", "Trung tâm Kiểm soát bệnh tật", """Tập trung đẩy mạnh tuyên truyền về tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh, các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng, những điển hình trong các phong trào thi đua yêu nước; tuyên truyền các hoạt động tôn vinh gắn với các ngày lễ, kỷ niệm trọng đại của đất nước trong năm 2024 và năm 2025."""),
    (None, "Các phòng chuyên môn và các cơ quan, đơn vị trực thuộc Sở Y tế", """- Tổ chức triển khai kế hoạch và phát động phong trào thi đua chuyên đề đặc thù sát với tình hình thực tế, gắn với việc thực hiện nhiệm vụ chính trị trọng tâm của cơ quan, đơn vị, nội dung thi đua hướng tới lập thành tích chào mừng Đại hội Đại biểu Đảng bộ tỉnh Đồng Nai lần thứ XII nhiệm kỳ 2025 - 2030, Đại hội Thi đua yêu nước tỉnh Đồng Nai lần thứ VII và hướng tới kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025), song song cùng với việc phát triển đồng bộ khi hoàn thành Dự án đầu tư xây dựng Cảng hàng không quốc tế Long Thành giai đoạn 1.
- Tăng cường công tác tuyên truyền phong trào thi đua và việc tổ chức Đại hội Đảng các cấp nhiệm kỳ 2025 - 2020, Đại hội Thi đua yêu nước của tỉnh lần thứ VII; tăng cường thực hiện công tác phát hiện, bồi dưỡng, biểu dương và nhân rộng điển hình tiên tiến trong các phong trào thi đua."""),
]  # fmt: skip

# A scoring table in the shape of provincial cluster tables (codes, maximum points).
CRITERIA = [
    ("1", "Thực hiện nhiệm vụ chuyên môn được giao", "60", ""),
    ("1.1", "Hoàn thành các chỉ tiêu kế hoạch năm", "30", "Đủ 100% chỉ tiêu: 30 điểm; mỗi chỉ tiêu không đạt trừ 5 điểm."),
    ("1.2", "Chất lượng khám bệnh, chữa bệnh và sự hài lòng của người bệnh", "20", "Theo kết quả kiểm tra, đánh giá của Sở."),
    ("1.3", "Cải cách hành chính, chuyển đổi số", "10", ""),
    ("2", "Công tác thi đua, khen thưởng", "25", ""),
    ("2.1", "Ban hành kế hoạch, phát động và đăng ký thi đua đúng hạn", "10", "Đăng ký quá hạn: trừ 5 điểm."),
    ("2.2", "Sơ kết, tổng kết; phát hiện, nhân rộng điển hình tiên tiến", "15", ""),
    ("3", "Xây dựng tổ chức Đảng, đoàn thể; thực hiện giao ước thi đua của cụm, khối", "15", ""),
]  # fmt: skip


@transaction.atomic
def demo_campaigns_load(*, year: int | None = None) -> dict[str, int]:
    """Create whatever demo rows are missing; return how many of each were created."""
    year = year or timezone.localdate().year
    created = {"phong trào": 0, "đợt đăng ký": 0, "bộ tiêu chí": 0}
    campaign = Campaign.objects.filter(name=THEME).first()
    if campaign is None:
        campaign = Campaign.objects.create(
            name=THEME,
            kind=CampaignKind.THEMATIC,
            purpose=PURPOSE,
            document_number="/KH-SYT",
            document_date=datetime.date(2024, 7, 1),
            document_issuer="Sở Y tế tỉnh Đồng Nai",
            parent_text=(
                "Kế hoạch số 216/KH-UBND ngày 17/6/2024 của UBND tỉnh Đồng Nai về phát động phong trào thi đua "
                f"“{PROVINCE_THEME}”"
            ),
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2025, 6, 30),
            review_date=datetime.date(2025, 6, 30),
            collective_subjects=COLLECTIVES,
            individual_subjects=INDIVIDUALS,
            status=CampaignStatus.CLOSED,
            # The seed's own header and signer: a deputy director signs, not the agency's default.
            authority_line="UBND TỈNH ĐỒNG NAI",
            issuer_line="SỞ Y TẾ",
            place="Đồng Nai",
            signer_prefix="KT.",
            signer_prefix_title="GIÁM ĐỐC",
            signer_position="PHÓ GIÁM ĐỐC",
            signer_name="Võ Thị Ngọc Lắm",
            recipients=[
                "Ban Giám đốc Sở;",
                "Các phòng chuyên môn Sở;",
                "Các đơn vị trực thuộc;",
                "Lưu: VT, VP.",
            ],
        )
        for index, (label, text) in enumerate(ITEMS, start=1):
            CampaignItem.objects.create(campaign=campaign, order=index * 10, label=label, text=text)
        units = {u.code: u for u in Unit.objects.filter(code__in=[code for code, _a, _t in DUTIES if code])}
        for index, (code, assignee, text) in enumerate(DUTIES, start=1):
            CampaignDuty.objects.create(
                campaign=campaign, order=index * 10, unit=units.get(code), assignee=assignee, text=text
            )
        created["phong trào"] += 1

    round_name = f"Đăng ký thi đua năm {year}"
    if not RegistrationRound.objects.filter(name=round_name, year=year).exists():
        RegistrationRound.objects.create(
            name=round_name,
            year=year,
            deadline=datetime.date(year, 12, 31),
            late_policy=LatePolicy.ACCEPT_MARK_LATE,
            note="Các đơn vị đăng ký danh hiệu thi đua cho tập thể và cá nhân; gửi về Văn phòng Sở (Thường trực TĐKT).",
        )
        created["đợt đăng ký"] += 1

    set_name = f"Bảng chấm điểm thi đua cụm, khối năm {year}"
    if not CriteriaSet.objects.filter(name=set_name, year=year).exists():
        criteria_set = CriteriaSet.objects.create(name=set_name, year=year, leaders_per_cluster=1)
        by_code = {}
        for index, (code, title, max_points, guidance) in enumerate(CRITERIA, start=1):
            by_code[code] = Criterion.objects.create(
                criteria_set=criteria_set,
                parent=by_code.get(code.rsplit(".", 1)[0]) if "." in code else None,
                code=code,
                title=title,
                max_points=Decimal(max_points),
                guidance=guidance,
                order=index * 10,
            )
        created["bộ tiêu chí"] += 1
    return created
