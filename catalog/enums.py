"""Choices of the catalog of titles (danh hiệu thi đua) and commendation forms (hình thức khen thưởng)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


# The subjects an award applies to, for each audience.
FOR_INDIVIDUALS = frozenset({Subject.INDIVIDUAL, Subject.BOTH})
FOR_COLLECTIVES = frozenset({Subject.COLLECTIVE, Subject.BOTH})


class Authority(models.TextChoices):
    """Who confers the award (Luật Thi đua, khen thưởng 2022, Chương IV: an authority
    matrix kept as data)."""

    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    DIRECTOR = "director", _("Giám đốc Sở")
    PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND tỉnh")
    MINISTER = "minister", _("Bộ trưởng Bộ Y tế")
    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PRESIDENT = "president", _("Chủ tịch nước")


class AchievementKind(models.TextChoices):
    """Loại hình khen thưởng (Luật Thi đua, khen thưởng 2022: công trạng, chuyên đề, đột xuất)."""

    ANNUAL = "annual", _("Công trạng (thường xuyên, hằng năm)")
    THEMATIC = "thematic", _("Theo chuyên đề")
    AD_HOC = "ad_hoc", _("Đột xuất")
    LONG_SERVICE = "long_service", _("Quá trình cống hiến, niên hạn")


class DocumentKind(models.TextChoices):
    """Kinds of dossier documents (Luật Thi đua, khen thưởng 2022, Điều 84, hồ sơ đề nghị khen
    thưởng; codes as in the provincial TĐKT software)."""

    TOTRINH = "TOTRINH", _("Tờ trình kèm danh sách")
    BIENBAN = "BIENBAN", _("Biên bản họp xét của Hội đồng TĐKT")
    KQBOPHIEU = "KQBOPHIEU", _("Kết quả bỏ phiếu kín")
    BAOCAO = "BAOCAO", _("Báo cáo thành tích")
    SANGKIEN = "SANGKIEN", _("Quyết định/giấy chứng nhận công nhận sáng kiến")
    DTKH = "DTKH", _("Đề tài, đề án khoa học được nghiệm thu")
    QDKT = "QDKT", _("Bản sao quyết định khen thưởng trước đó")
    DGXL = "DGXL", _("Kết quả đánh giá, xếp loại")
    BBCUM = "BBCUM", _("Biên bản họp, xếp hạng của cụm/khối thi đua")
    DSNIENHAN = "DSNIENHAN", _("Danh sách kèm thời gian công tác trong ngành")
    KHAC = "KHAC", _("Tài liệu khác")
