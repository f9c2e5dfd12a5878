"""Demo data: the Đồng Nai Department of Health, its units, clusters, staff and one login per role.

``demo_load()`` is idempotent: every row is keyed on a stable code (unit code, staff code,
cluster year and name, username) and only missing rows are created. Existing rows are never
changed, so a second run writes nothing (not even history rows) and keeps whatever an
administrator has edited since, passwords included.

Names are generated from a fixed seed per unit, so every run (and every machine) produces the
same staff, and adding a unit to the lists below does not reshuffle the others.
"""

import datetime
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .enums import ClusterRole, Gender, UnitKind
from .models import Agency, Cluster, ClusterMembership, Person, Unit, User

SEED = "thiduakt-demo-dong-nai"
TARGET_STAFF = 300

AGENCY = {
    "name": "Sở Y tế",
    "short_name": "SYT",
    "governing_body": "UBND tỉnh Đồng Nai",
    "place_name": "Đồng Nai",
    "letterhead": "UBND TỈNH ĐỒNG NAI\nSỞ Y TẾ",
    "address": "Số 2 Phan Đình Phùng, phường Quang Vinh, thành phố Biên Hòa, tỉnh Đồng Nai",
    "email": "syt@dongnai.gov.vn",
}


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None = None
    size: int = 4  # staff generated for the unit (leaders included)


U = DemoUnit
K = UnitKind

# Top-level units, in the order they are listed on official documents.
UNITS = [
    # The department's own offices and sub-departments (công chức).
    U("VP-SYT", "Văn phòng Sở", "VP Sở", K.OFFICE, size=12),
    U("P-KHTC", "Phòng Kế hoạch - Tài chính", "P.KHTC", K.OFFICE, size=6),
    U("P-NVY", "Phòng Nghiệp vụ Y", "P.NVY", K.OFFICE, size=6),
    U("P-NVD", "Phòng Nghiệp vụ Dược", "P.NVD", K.OFFICE, size=5),
    U("P-TCCB", "Phòng Tổ chức cán bộ", "P.TCCB", K.OFFICE, size=5),
    U("TTRA-SYT", "Thanh tra Sở", "Thanh tra", K.INSPECTORATE, size=5),
    U("CC-ATVSTP", "Chi cục An toàn vệ sinh thực phẩm", "CC ATVSTP", K.SUB_DEPARTMENT, size=6),
    U("CC-DSKHHGD", "Chi cục Dân số - Kế hoạch hóa gia đình", "CC DS-KHHGĐ", K.SUB_DEPARTMENT, size=6),
    # Provincial hospitals.
    U("BVDK-DN", "Bệnh viện Đa khoa Đồng Nai", "BVĐK Đồng Nai", K.HOSPITAL, size=10),
    U("BVDK-TN", "Bệnh viện Đa khoa Thống Nhất", "BVĐK Thống Nhất", K.HOSPITAL, size=12),
    U("BVND-DN", "Bệnh viện Nhi đồng Đồng Nai", "BV Nhi đồng", K.HOSPITAL, size=8),
    U("BV-YDCT", "Bệnh viện Y dược cổ truyền", "BV YDCT", K.HOSPITAL, size=8),
    U("BV-PHOI", "Bệnh viện Phổi", "BV Phổi", K.HOSPITAL, size=7),
    U("BV-DALIEU", "Bệnh viện Da liễu", "BV Da liễu", K.HOSPITAL, size=6),
    U("BVDKKV-LK", "Bệnh viện Đa khoa khu vực Long Khánh", "BVĐKKV Long Khánh", K.HOSPITAL, size=9),
    U("BVDKKV-LT", "Bệnh viện Đa khoa khu vực Long Thành", "BVĐKKV Long Thành", K.HOSPITAL, size=8),
    U("BVDKKV-DQ", "Bệnh viện Đa khoa khu vực Định Quán", "BVĐKKV Định Quán", K.HOSPITAL, size=8),
    # District and city health centres.
    U("TTYT-BH", "Trung tâm Y tế thành phố Biên Hòa", "TTYT Biên Hòa", K.HEALTH_CENTRE, size=10),
    U("TTYT-LK", "Trung tâm Y tế thành phố Long Khánh", "TTYT Long Khánh", K.HEALTH_CENTRE, size=7),
    U("TTYT-VC", "Trung tâm Y tế huyện Vĩnh Cửu", "TTYT Vĩnh Cửu", K.HEALTH_CENTRE, size=7),
    U("TTYT-TB", "Trung tâm Y tế huyện Trảng Bom", "TTYT Trảng Bom", K.HEALTH_CENTRE, size=7),
    U("TTYT-TN", "Trung tâm Y tế huyện Thống Nhất", "TTYT Thống Nhất", K.HEALTH_CENTRE, size=7),
    U("TTYT-DQ", "Trung tâm Y tế huyện Định Quán", "TTYT Định Quán", K.HEALTH_CENTRE, size=7),
    U("TTYT-TP", "Trung tâm Y tế huyện Tân Phú", "TTYT Tân Phú", K.HEALTH_CENTRE, size=7),
    U("TTYT-XL", "Trung tâm Y tế huyện Xuân Lộc", "TTYT Xuân Lộc", K.HEALTH_CENTRE, size=7),
    U("TTYT-CM", "Trung tâm Y tế huyện Cẩm Mỹ", "TTYT Cẩm Mỹ", K.HEALTH_CENTRE, size=7),
    U("TTYT-LT", "Trung tâm Y tế huyện Long Thành", "TTYT Long Thành", K.HEALTH_CENTRE, size=7),
    U("TTYT-NT", "Trung tâm Y tế huyện Nhơn Trạch", "TTYT Nhơn Trạch", K.HEALTH_CENTRE, size=7),
    # Specialised centres and the college.
    U("CDC-DN", "Trung tâm Kiểm soát bệnh tật", "CDC Đồng Nai", K.CENTRE, size=10),
    U("TT-PHAPY", "Trung tâm Pháp y", "TT Pháp y", K.CENTRE, size=5),
    U("TT-GDYK", "Trung tâm Giám định y khoa", "TT GĐYK", K.CENTRE, size=5),
    U("TT-KN", "Trung tâm Kiểm nghiệm", "TT Kiểm nghiệm", K.CENTRE, size=6),
    U("TT-CC115", "Trung tâm Cấp cứu 115", "TT Cấp cứu 115", K.CENTRE, size=6),
    U("CDYT-DN", "Trường Cao đẳng Y tế Đồng Nai", "CĐ Y tế Đồng Nai", K.SCHOOL, size=8),
]

# Departments inside hospitals (small collectives with their own emulation titles).
SUB_UNITS = [
    U("BVDK-DN-NOI", "Khoa Nội tổng hợp", "Khoa Nội", K.SUB_UNIT, parent="BVDK-DN", size=8),
    U("BVDK-DN-NGOAI", "Khoa Ngoại tổng hợp", "Khoa Ngoại", K.SUB_UNIT, parent="BVDK-DN", size=8),
    U(
        "BVDK-DN-HSTC",
        "Khoa Hồi sức tích cực - Chống độc",
        "Khoa HSTC-CĐ",
        K.SUB_UNIT,
        parent="BVDK-DN",
        size=8,
    ),
    U("BVDK-DN-CC", "Khoa Cấp cứu", "Khoa Cấp cứu", K.SUB_UNIT, parent="BVDK-DN", size=6),
    U("BVDK-DN-DUOC", "Khoa Dược", "Khoa Dược", K.SUB_UNIT, parent="BVDK-DN", size=5),
    U("BVDK-DN-PDD", "Phòng Điều dưỡng", "P. Điều dưỡng", K.SUB_UNIT, parent="BVDK-DN", size=4),
    U("BVND-DN-SS", "Khoa Sơ sinh", "Khoa Sơ sinh", K.SUB_UNIT, parent="BVND-DN", size=6),
    U(
        "BVND-DN-HSCC",
        "Khoa Hồi sức tích cực - Chống độc",
        "Khoa HSTC-CĐ",
        K.SUB_UNIT,
        parent="BVND-DN",
        size=5,
    ),
]

# Emulation blocks of the sector. Leader and deputy rotate yearly through the members.
CLUSTERS = [
    (
        "Khối các phòng chức năng và chi cục",
        ["VP-SYT", "P-KHTC", "P-NVY", "P-NVD", "P-TCCB", "TTRA-SYT", "CC-ATVSTP", "CC-DSKHHGD"],
    ),
    (
        "Khối bệnh viện tuyến tỉnh",
        [
            "BVDK-DN", "BVDK-TN", "BVND-DN", "BV-YDCT", "BV-PHOI",
            "BV-DALIEU", "BVDKKV-LK", "BVDKKV-LT", "BVDKKV-DQ",
        ],
    ),
    (
        "Khối trung tâm y tế khu vực",
        [
            "TTYT-BH", "TTYT-LK", "TTYT-VC", "TTYT-TB", "TTYT-TN", "TTYT-DQ",
            "TTYT-TP", "TTYT-XL", "TTYT-CM", "TTYT-LT", "TTYT-NT",
        ],
    ),
    (
        "Khối trung tâm chuyên ngành và trường",
        ["CDC-DN", "TT-PHAPY", "TT-GDYK", "TT-KN", "TT-CC115", "CDYT-DN"],
    ),
]  # fmt: skip

# ---------------------------------------------------------------------------
# Names. Family names weighted roughly as in the South; "Hòa", "Thủy" in the traditional spelling
# used on Đồng Nai's documents.
# ---------------------------------------------------------------------------
FAMILY_NAMES = [
    ("Nguyễn", 36), ("Trần", 11), ("Lê", 9), ("Phạm", 6), ("Huỳnh", 5), ("Hoàng", 2), ("Phan", 4),
    ("Võ", 4), ("Vũ", 2), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1),
    ("Lý", 1), ("Trương", 2), ("Đinh", 1), ("Lâm", 1), ("Mai", 1), ("Cao", 1), ("Đoàn", 1),
    ("Lương", 1), ("Châu", 1), ("Tô", 1), ("Thái", 1), ("Lưu", 1), ("Tạ", 1),
]  # fmt: skip
MIDDLE_NAMES = {
    Gender.MALE: [
        "Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Hoàng", "Ngọc",
        "Tuấn", "Quang", "Trọng", "Xuân", "Thành", "Anh", "Duy", "Tấn", "Trung",
    ],
    Gender.FEMALE: [
        "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thị Thanh", "Thị Ngọc", "Thị Kim", "Thanh", "Thu",
        "Kim", "Mỹ", "Bích", "Hồng", "Phương", "Thị Mỹ", "Thị Thu", "Thị Hồng", "Hoàng", "Khánh",
    ],
}  # fmt: skip
GIVEN_NAMES = {
    Gender.MALE: [
        "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đông", "Hải", "Hào", "Hiếu", "Hòa",
        "Hoàng", "Hùng", "Huy", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Long", "Luân",
        "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài",
        "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
    ],
    Gender.FEMALE: [
        "Anh", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
        "Hoa", "Hồng", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga",
        "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thủy", "Thư",
        "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
    ],
}  # fmt: skip


@dataclass(frozen=True)
class Post:
    position: str
    ranks: tuple[str, ...]
    female_share: float = 0.5
    leader: bool = False


P = Post
DOCTOR_SENIOR = ("Bác sĩ chính hạng II", "Bác sĩ cao cấp hạng I")
DOCTOR = ("Bác sĩ hạng III", "Bác sĩ chính hạng II")
NURSE = ("Điều dưỡng hạng IV", "Điều dưỡng hạng III")
CIVIL = ("Chuyên viên", "Chuyên viên chính")

# Leadership posts of a unit, by kind; the first one is the head.
LEADERS = {
    K.OFFICE: [P("Trưởng phòng", ("Chuyên viên chính",), 0.4, True), P("Phó Trưởng phòng", CIVIL, 0.5, True)],
    K.INSPECTORATE: [
        P("Chánh Thanh tra", ("Thanh tra viên chính",), 0.3, True),
        P("Phó Chánh Thanh tra", ("Thanh tra viên chính", "Thanh tra viên"), 0.4, True),
    ],
    K.SUB_DEPARTMENT: [
        P("Chi cục trưởng", ("Chuyên viên chính",), 0.3, True),
        P("Phó Chi cục trưởng", CIVIL, 0.5, True),
    ],
    K.HOSPITAL: [
        P("Giám đốc", DOCTOR_SENIOR, 0.2, True),
        P("Phó Giám đốc", DOCTOR_SENIOR, 0.4, True),
        P("Phó Giám đốc", ("Bác sĩ chính hạng II",), 0.4, True),
    ],
    K.HEALTH_CENTRE: [
        P("Giám đốc", DOCTOR_SENIOR, 0.2, True),
        P("Phó Giám đốc", ("Bác sĩ chính hạng II", "Bác sĩ hạng III"), 0.4, True),
    ],
    K.CENTRE: [
        P("Giám đốc", DOCTOR_SENIOR, 0.3, True),
        P("Phó Giám đốc", ("Bác sĩ chính hạng II", "Bác sĩ hạng III"), 0.4, True),
    ],
    K.SCHOOL: [
        P("Hiệu trưởng", ("Giảng viên giáo dục nghề nghiệp cao cấp (hạng I)",), 0.4, True),
        P("Phó Hiệu trưởng", ("Giảng viên giáo dục nghề nghiệp chính (hạng II)",), 0.5, True),
    ],
    K.SUB_UNIT: [
        P("Trưởng khoa", DOCTOR_SENIOR, 0.3, True),
        P("Điều dưỡng trưởng", ("Điều dưỡng hạng III", "Điều dưỡng hạng II"), 0.8, True),
    ],
}
ACCOUNTANT = P("Kế toán", ("Kế toán viên trung cấp", "Kế toán viên"), 0.7)
HEAD_OF_DEPARTMENT = P("Trưởng khoa", DOCTOR_SENIOR, 0.3, True)
HEAD_NURSE = P("Điều dưỡng trưởng", ("Điều dưỡng hạng III", "Điều dưỡng hạng II"), 0.85, True)
# Middle managers, added after the leaders while the unit has room.
MANAGERS = {
    K.SUB_DEPARTMENT: [P("Trưởng phòng", ("Chuyên viên chính",), 0.4, True)],
    K.HOSPITAL: [HEAD_OF_DEPARTMENT, HEAD_NURSE],
    K.HEALTH_CENTRE: [P("Trưởng khoa", ("Bác sĩ hạng III", "Bác sĩ chính hạng II"), 0.4, True)],
    K.CENTRE: [P("Trưởng phòng", ("Bác sĩ hạng III", "Bác sĩ chính hạng II"), 0.4, True)],
    K.SCHOOL: [P("Trưởng khoa", ("Giảng viên giáo dục nghề nghiệp chính (hạng II)",), 0.5, True)],
}
# Everyone else, drawn with repetition. Ranks run from junior to senior.
STAFF = {
    K.OFFICE: [P("Chuyên viên", CIVIL, 0.6), P("Chuyên viên", CIVIL, 0.6), ACCOUNTANT],
    K.INSPECTORATE: [
        P("Thanh tra viên", ("Thanh tra viên", "Thanh tra viên chính"), 0.5),
        P("Chuyên viên", CIVIL),
    ],
    K.SUB_DEPARTMENT: [P("Chuyên viên", CIVIL, 0.6), P("Chuyên viên", CIVIL, 0.6), ACCOUNTANT],
    K.HOSPITAL: [
        P("Bác sĩ", DOCTOR, 0.45),
        P("Bác sĩ", DOCTOR, 0.45),
        P("Điều dưỡng", NURSE, 0.85),
        P("Điều dưỡng", NURSE, 0.85),
        P("Điều dưỡng", NURSE, 0.85),
        P("Dược sĩ", ("Dược hạng IV", "Dược sĩ hạng III"), 0.7),
        P("Kỹ thuật viên", ("Kỹ thuật y hạng IV", "Kỹ thuật y hạng III"), 0.5),
        ACCOUNTANT,
    ],
    K.HEALTH_CENTRE: [
        P("Bác sĩ", DOCTOR, 0.45),
        P("Y sĩ", ("Y sĩ hạng IV",), 0.6),
        P("Điều dưỡng", NURSE, 0.85),
        P("Điều dưỡng", NURSE, 0.85),
        P("Hộ sinh", ("Hộ sinh hạng IV", "Hộ sinh hạng III"), 1.0),
        P("Dược sĩ", ("Dược hạng IV", "Dược sĩ hạng III"), 0.7),
        P("Kỹ thuật viên", ("Kỹ thuật y hạng IV", "Kỹ thuật y hạng III"), 0.5),
        ACCOUNTANT,
    ],
    K.CENTRE: [
        P("Bác sĩ", DOCTOR, 0.45),
        P("Kỹ thuật viên", ("Kỹ thuật y hạng IV", "Kỹ thuật y hạng III"), 0.5),
        P("Kỹ thuật viên", ("Kỹ thuật y hạng IV", "Kỹ thuật y hạng III"), 0.5),
        P("Chuyên viên", CIVIL, 0.6),
        ACCOUNTANT,
    ],
    K.SCHOOL: [
        P("Giảng viên", ("Giảng viên giáo dục nghề nghiệp lý thuyết (hạng III)",), 0.6),
        P("Giảng viên", ("Giảng viên giáo dục nghề nghiệp thực hành (hạng III)",), 0.6),
        P("Chuyên viên", CIVIL, 0.6),
        ACCOUNTANT,
    ],
    K.SUB_UNIT: [P("Bác sĩ", DOCTOR, 0.45), P("Điều dưỡng", NURSE, 0.85), P("Điều dưỡng", NURSE, 0.85)],
}

# The department's leadership sits with the Văn phòng Sở; the office's own staff follow it.
DEPARTMENT_OFFICE = "VP-SYT"
VP_POSTS = [
    P("Giám đốc Sở", ("Chuyên viên cao cấp",), 0.2, True),
    P("Phó Giám đốc Sở", ("Chuyên viên cao cấp",), 0.3, True),
    P("Phó Giám đốc Sở", ("Chuyên viên chính",), 0.4, True),
    P("Phó Giám đốc Sở", ("Chuyên viên chính",), 0.4, True),
    P("Chánh Văn phòng", ("Chuyên viên chính",), 0.4, True),
    P("Phó Chánh Văn phòng", CIVIL, 0.5, True),
    P("Chuyên viên phụ trách thi đua, khen thưởng", ("Chuyên viên",), 0.7),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str  # shown by demo_logins
    staff_code: str | None  # the Person linked to the login
    is_superuser: bool = False
    is_staff: bool = False
    is_office_staff: bool = False
    head_of: str | None = None
    is_council_member: bool = False


LOGINS = [
    DemoLogin("admin", "Quản trị hệ thống", None, is_superuser=True, is_staff=True),
    DemoLogin(
        "vanphong", "Thường trực TĐKT (Văn phòng Sở)", "VP-SYT-007", is_staff=True, is_office_staff=True
    ),
    DemoLogin("bvdk", "Thủ trưởng đơn vị", "BVDK-DN-001", head_of="BVDK-DN"),
    DemoLogin("ttytbh", "Thủ trưởng đơn vị", "TTYT-BH-001", head_of="TTYT-BH"),
    DemoLogin("hoidong", "Thành viên Hội đồng TĐKT", "VP-SYT-002", is_council_member=True),
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# Generation (pure: no database)
# ---------------------------------------------------------------------------
def _staff_sizes() -> dict[str, int]:
    """Staff per unit: each unit's own size, then the remainder to TARGET_STAFF spread over the
    larger units (hospitals and health centres) in list order."""
    units = UNITS + SUB_UNITS
    sizes = {u.code: max(u.size, len(LEADERS[u.kind])) for u in units}
    sizes[DEPARTMENT_OFFICE] = max(sizes[DEPARTMENT_OFFICE], len(VP_POSTS))
    growable = [u.code for u in units if u.kind in (K.HOSPITAL, K.HEALTH_CENTRE, K.SUB_UNIT)]
    i = 0
    while sum(sizes.values()) < TARGET_STAFF:
        sizes[growable[i % len(growable)]] += 1
        i += 1
    return sizes


def _name(rng: random.Random, gender: str) -> str:
    families, weights = zip(*FAMILY_NAMES, strict=True)
    family = rng.choices(families, weights=weights)[0]
    return nfc(f"{family} {rng.choice(MIDDLE_NAMES[gender])} {rng.choice(GIVEN_NAMES[gender])}")


def _birth_date(rng: random.Random, post: Post) -> datetime.date:
    first, last = (1966, 1980) if post.leader else (1970, 1999)
    start = datetime.date(first, 1, 1)
    span = (datetime.date(last, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(span))


def _rank(rng: random.Random, post: Post, birth: datetime.date) -> str:
    """Juniors (born 1988 or later) hold the first, most junior rank of their post."""
    if birth.year >= 1988:
        return post.ranks[0]
    return rng.choice(post.ranks)


def staff_for(unit: DemoUnit, size: int) -> list[dict]:
    """The generated staff of one unit, in staff-code order. Deterministic per unit code."""
    rng = random.Random(f"{SEED}:{unit.code}")  # nosec B311  # seeded: reproducible demo staff, no secret
    posts = list(VP_POSTS) if unit.code == DEPARTMENT_OFFICE else list(LEADERS[unit.kind])
    posts += MANAGERS.get(unit.kind, [])
    while len(posts) < size:
        posts.append(rng.choice(STAFF[unit.kind]))
    people, used_names = [], set()
    for number, post in enumerate(posts[:size], start=1):
        gender = Gender.FEMALE if rng.random() < post.female_share else Gender.MALE
        name = _name(rng, gender)
        while name in used_names:
            name = _name(rng, gender)
        used_names.add(name)
        birth = _birth_date(rng, post)
        joined = datetime.date(birth.year + rng.randint(22, 27), rng.choice([1, 3, 6, 8, 9, 10]), 1)
        people.append(
            {
                "staff_code": f"{unit.code}-{number:03d}",
                "full_name": name,
                "gender": gender,
                "birth_date": birth,
                "position": nfc(post.position),
                "rank": nfc(_rank(rng, post, birth)),
                "joined_sector": joined,
            }
        )
    return people


def demo_staff() -> dict[str, list[dict]]:
    sizes = _staff_sizes()
    return {u.code: staff_for(u, sizes[u.code]) for u in UNITS + SUB_UNITS}


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------
def _load_agency() -> int:
    agency = Agency.objects.order_by("pk").first()
    created = agency is None
    if created:
        agency = Agency(place_name=AGENCY["place_name"])
    # Fill in an agency row only while it is still bare (just created, or created with the model
    # defaults by Agency.load() on a first page view); one that someone has set up is left alone.
    defaults = {f: Agency._meta.get_field(f).get_default() for f in AGENCY}
    bare = (
        not (agency.letterhead or agency.signer_name) and agency.governing_body == defaults["governing_body"]
    )
    if not (created or bare):
        return 0
    for field, value in AGENCY.items():
        if getattr(agency, field) in ("", defaults[field]):
            setattr(agency, field, value)
    director = Person.objects.filter(staff_code=f"{DEPARTMENT_OFFICE}-001").first()
    if director:
        agency.signer_name, agency.signer_position = director.full_name, "Giám đốc"
    agency.save()
    return int(created)


def _load_units() -> tuple[dict[str, Unit], int]:
    existing = {u.code: u for u in Unit.objects.filter(code__in=[d.code for d in UNITS + SUB_UNITS])}
    created = 0
    for order, demo in enumerate(UNITS + SUB_UNITS, start=1):
        if demo.code in existing:
            continue
        existing[demo.code] = Unit.objects.create(
            code=demo.code,
            name=nfc(demo.name),
            short_name=nfc(demo.short_name),
            kind=demo.kind,
            parent=existing[demo.parent] if demo.parent else None,
            order=order * 10,
            active=True,
        )
        created += 1
    return existing, created


def _load_clusters(units: dict[str, Unit], year: int) -> tuple[int, int]:
    clusters_created = memberships_created = 0
    # A unit already in some cluster of the year (perhaps moved there by the office) stays put.
    placed = set(ClusterMembership.objects.filter(cluster__year=year).values_list("unit_id", flat=True))
    for name, codes in CLUSTERS:
        cluster, created = Cluster.objects.get_or_create(year=year, name=nfc(name))
        clusters_created += created
        taken = set(cluster.memberships.exclude(role=ClusterRole.MEMBER).values_list("role", flat=True))
        # Leadership rotates: year Y is led by member Y mod n, seconded by the next one.
        leader_code, deputy_code = codes[year % len(codes)], codes[(year + 1) % len(codes)]
        for code in codes:
            unit = units[code]
            if unit.pk in placed:
                continue
            role = ClusterRole.MEMBER
            if code == leader_code and ClusterRole.LEADER not in taken:
                role = ClusterRole.LEADER
            elif code == deputy_code and ClusterRole.DEPUTY not in taken:
                role = ClusterRole.DEPUTY
            ClusterMembership.objects.create(cluster=cluster, unit=unit, role=role)
            placed.add(unit.pk)
            memberships_created += 1
    return clusters_created, memberships_created


def _load_staff(units: dict[str, Unit]) -> int:
    staff = demo_staff()
    codes = [p["staff_code"] for people in staff.values() for p in people]
    existing = set(Person.objects.filter(staff_code__in=codes).values_list("staff_code", flat=True))
    created = 0
    for unit_code, people in staff.items():
        for person in people:
            if person["staff_code"] in existing:
                continue
            Person.objects.create(unit=units[unit_code], **person)
            created += 1
    return created


def _load_users(units: dict[str, Unit]) -> int:
    created = 0
    for login in LOGINS:
        if User.objects.filter(username=login.username).exists():
            continue
        person = None
        if login.staff_code:
            person = Person.objects.filter(staff_code=login.staff_code, user__isnull=True).first()
        user = User(
            username=login.username,
            email=f"{login.username}@example.vn",
            is_superuser=login.is_superuser,
            is_staff=login.is_staff,
            is_office_staff=login.is_office_staff,
            is_council_member=login.is_council_member,
            head_of_unit=units.get(login.head_of) if login.head_of else None,
            person=person,
        )
        if login.username == "admin":
            user.last_name = "Quản trị hệ thống"
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        created += 1
    return created


@transaction.atomic
def demo_load(*, year: int | None = None) -> dict[str, int]:
    """Create whatever demo rows are missing; return how many of each were created."""
    year = year or timezone.localdate().year
    units, units_created = _load_units()
    clusters_created, memberships_created = _load_clusters(units, year)
    persons_created = _load_staff(units)
    agency_created = _load_agency()
    users_created = _load_users(units)
    return {
        "agency": agency_created,
        "units": units_created,
        "clusters": clusters_created,
        "memberships": memberships_created,
        "persons": persons_created,
        "users": users_created,
    }


def demo_logins() -> list[dict]:
    """The demo logins as they stand in the database (rows for missing users say so)."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[lg.username for lg in LOGINS]).select_related(
            "head_of_unit", "person__unit"
        )
    }
    rows = []
    for login in LOGINS:
        user = users.get(login.username)
        unit = None
        if user is not None:
            unit = user.head_of_unit or (user.person.unit if user.person_id else None)
        rows.append(
            {
                "username": login.username,
                "role": ", ".join(str(label) for label in user.role_labels) if user else login.role,
                "unit": unit.name if unit else "",
                "name": user.get_full_name() if user else "",
                "exists": user is not None,
            }
        )
    return rows


# ---------------------------------------------------------------------------
# Demo loaders of the floors above (``load_demo`` runs them after the units data)
# ---------------------------------------------------------------------------
DemoLoader = Callable[[], dict[str, int]]
_DEMO_LOADERS: dict[str, tuple[int, DemoLoader]] = {}


def register_demo_loader(name: str, func: DemoLoader, order: int = 100) -> None:
    """Add an app's demo data to ``load_demo`` without units importing that app.

    Call it from the app's ``AppConfig.ready()``. ``func()`` takes no argument, must be idempotent
    and returns ``{label: rows created}`` with Vietnamese labels, printed as they are. Loaders run
    by ``order`` (then name) after the units data; registering a name again replaces it.
    """
    _DEMO_LOADERS[name] = (order, func)


def demo_loaders() -> list[tuple[str, DemoLoader]]:
    """The registered loaders in the order they run."""
    ordered = sorted(_DEMO_LOADERS.items(), key=lambda item: (item[1][0], item[0]))
    return [(name, func) for name, (_order, func) in ordered]
