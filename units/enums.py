from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    OFFICE = "office", _("Văn phòng / phòng chuyên môn")
    INSPECTORATE = "inspectorate", _("Thanh tra")
    SUB_DEPARTMENT = "sub_department", _("Chi cục")
    HOSPITAL = "hospital", _("Bệnh viện")
    HEALTH_CENTRE = "health_centre", _("Trung tâm y tế")
    CENTRE = "centre", _("Trung tâm chuyên ngành")
    SCHOOL = "school", _("Trường")
    SUB_UNIT = "sub_unit", _("Khoa / phòng trực thuộc")
    OTHER = "other", _("Đơn vị khác")

    # Kinds that belong to the department itself (công chức), not to a public service unit.
    @classmethod
    def department_kinds(cls):
        return {cls.OFFICE, cls.INSPECTORATE, cls.SUB_DEPARTMENT}


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class ClusterRole(models.TextChoices):
    LEADER = "leader", _("Trưởng cụm/khối")
    DEPUTY = "deputy", _("Phó cụm/khối")
    MEMBER = "member", _("Thành viên")


class Role(models.TextChoices):
    """What a user may be. A user may hold several roles at once."""

    OFFICE = "office", _("Thường trực TĐKT")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    COUNCIL = "council", _("Thành viên Hội đồng TĐKT")
    ADMIN = "admin", _("Quản trị hệ thống")


# The years a page may be asked for and a year field accepts.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class ReorganisationKind(models.TextChoices):
    """What happened to the units on a day (the decision on the reorganisation says which)."""

    RENAME = "rename", _("Đổi tên")
    MERGER = "merger", _("Hợp nhất (các đơn vị thành một đơn vị mới)")
    ABSORPTION = "absorption", _("Sáp nhập (vào một đơn vị đang có)")
    SPLIT = "split", _("Chia tách")
    TRANSFER = "transfer", _("Điều chuyển khoa, phòng sang đơn vị khác")
    DISSOLUTION = "dissolution", _("Giải thể")


class SignerPrefix(models.TextChoices):
    """The signing authority written before the title (Decree 30/2020/NĐ-CP, Article 13)."""

    NONE = "", _("(Ký trực tiếp)")
    KT = "KT.", _("KT. (ký thay)")
    TM = "TM.", _("TM. (thay mặt)")
    TL = "TL.", _("TL. (thừa lệnh)")
    TUQ = "TUQ.", _("TUQ. (thừa ủy quyền)")
    Q = "Q.", _("Q. (quyền)")


class IssuedKind(models.TextChoices):
    """The kinds of official document the agency issues and keeps in the register of issued
    documents (Decree 30/2020/NĐ-CP, Appendix III: the types and their abbreviations)."""

    PLAN = "plan", _("Kế hoạch")
    CAMPAIGN = "campaign", _("Kế hoạch phát động phong trào thi đua")
    DECISION = "decision", _("Quyết định")
    DISCLOSURE = "disclosure", _("Thông báo công khai")
    MINUTES = "minutes", _("Biên bản họp Hội đồng")
    PROPOSAL = "proposal", _("Tờ trình")
    SUMMARY = "summary", _("Báo cáo")
    LETTER = "letter", _("Công văn")
