"""The organisation: the agency, its units and clusters, its staff and the users who log in."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin
from simple_history.models import HistoricalRecords

from . import rules as r
from .enums import ClusterRole, Gender, ReorganisationKind, Role, SignerPrefix, UnitKind
from .fastpaths import pk_address


class Agency(models.Model):
    """The department itself. One row."""

    name = models.CharField(_("tên cơ quan"), max_length=200, default="Sở Y tế")
    short_name = models.CharField(_("tên viết tắt"), max_length=20, default="SYT")
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=200, default="UBND tỉnh")
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=100, help_text=_("Ví dụ: Đồng Nai")
    )
    letterhead = models.TextField(
        _("dòng tiêu đề"), blank=True, help_text=_("Mỗi dòng một dòng trên phần tiêu đề văn bản.")
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    signer_name = models.CharField(_("người ký mặc định"), max_length=100, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self):
        return self.name

    def heading_defaults(self, *, council: bool = False) -> dict:
        """The header and signature a new document starts with (``DocumentHeading`` fields): the
        letterhead's two lines when it has them, else the governing body and the agency's name
        (the council's own name under the agency for the council's documents); a deputy's
        position ("Phó Giám đốc") signs "KT. GIÁM ĐỐC" (Decree 30/2020/NĐ-CP, Article 13)."""
        lines = [ln.strip() for ln in (self.letterhead or "").splitlines() if ln.strip()]
        if council:
            authority, issuer = self.name.upper(), "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"  # document text
        elif len(lines) >= 2:
            authority, issuer = lines[0].upper(), lines[1].upper()
        else:
            authority, issuer = self.governing_body.upper(), self.name.upper()
        position = " ".join(self.signer_position.split()).upper()
        prefix, prefix_title = "", ""
        if position.startswith("PHÓ "):
            prefix, prefix_title = SignerPrefix.KT.value, position[4:]
        return {
            "authority_line": authority,
            "issuer_line": issuer,
            "place": self.place_name,
            "recipients": [],
            "signer_prefix": prefix,
            "signer_prefix_title": prefix_title,
            "signer_position": position,
            "signer_name": self.signer_name,
        }

    @classmethod
    def load(cls):
        """The agency row (created with defaults on first use)."""
        obj = cls.objects.order_by("pk").first()
        if obj is None:
            obj = cls.objects.create(place_name="Đồng Nai")
        return obj


class DocumentHeading(models.Model):
    """What every official document prints around its text, kept on the document itself: the
    issuing body (the governing body's line and the issuer's line), the place of the date line,
    the signature block (authority prefix, title after it, position, full name) and the
    recipients (Nơi nhận). Defaults come from the agency (``Agency.heading_defaults``); once on a
    document they are printed exactly as set there (Decree 30/2020/NĐ-CP, Articles 8 to 15)."""

    authority_line = models.CharField(
        _("tên cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Ví dụ: UBND TỈNH ĐỒNG NAI")
    )
    issuer_line = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: SỞ Y TẾ hoặc HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"),
    )
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_prefix = models.CharField(
        _("thẩm quyền ký"), max_length=10, choices=SignerPrefix.choices, blank=True, default=SignerPrefix.NONE
    )
    signer_prefix_title = models.CharField(
        _("chức danh sau thẩm quyền ký"), max_length=150, blank=True, help_text=_("Ví dụ: GIÁM ĐỐC")
    )
    signer_position = models.TextField(
        _("chức vụ người ký"), blank=True, help_text=_("Có thể nhiều dòng, ví dụ: PHÓ GIÁM ĐỐC")
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)

    HEADING_FIELDS = (
        "authority_line",
        "issuer_line",
        "place",
        "recipients",
        "signer_prefix",
        "signer_prefix_title",
        "signer_position",
        "signer_name",
    )

    class Meta:
        abstract = True

    @property
    def signer_prefix_line(self) -> str:
        """'KT. GIÁM ĐỐC', 'TM. HỘI ĐỒNG', or '' when the signer signs in their own right."""
        if not self.signer_prefix:
            return ""
        return f"{self.signer_prefix} {self.signer_prefix_title}".strip()

    @property
    def signer_position_lines(self) -> list[str]:
        return [line.strip() for line in (self.signer_position or "").splitlines() if line.strip()]

    @property
    def recipient_lines(self) -> list[str]:
        """The recipients without the leading dash (the documents write it)."""
        lines = (str(line).strip().lstrip("-–•").strip() for line in self.recipients or [])
        return [line for line in lines if line]

    def heading_values(self) -> dict:
        return {name: getattr(self, name) for name in self.HEADING_FIELDS}


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def top_level(self):
        return self.filter(parent__isnull=True)


class Unit(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """An office of the department, a public unit under it, or a sub-unit (khoa, phòng) inside one."""

    code = models.CharField(_("mã đơn vị"), max_length=30, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị tiền thân"),
        blank=True,
        symmetrical=False,
        related_name="successors",
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["order", "name"]
        rules_permissions = r.office_keeps(r.can_view_unit)
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("units:detail", args=[self.pk])

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")})
        if self.parent_id and self.pk:
            ancestor = self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("Đơn vị không thể trực thuộc chính nó.")})
                ancestor = ancestor.parent

    def subtree_ids(self):
        """Ids of this unit and of every unit below it."""
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier = [pk for pk in frontier if pk not in ids]
            ids.update(frontier)
        return ids


class Cluster(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A cụm/khối thi đua for one year: member units, a leader and a deputy (rotating yearly)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên cụm/khối"), max_length=200)
    description = models.TextField(_("ghi chú"), blank=True)
    members = models.ManyToManyField(
        Unit, through="ClusterMembership", related_name="clusters", verbose_name=_("đơn vị thành viên")
    )
    pact = models.TextField(_("giao ước thi đua"), blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cụm/khối thi đua")
        verbose_name_plural = _("cụm/khối thi đua")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="cluster_unique_year_name")]
        rules_permissions = r.office_keeps(r.is_authenticated)

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("units:cluster-detail", args=[self.pk])

    def member_with_role(self, role):
        for m in self.memberships.all():
            if m.role == role:
                return m.unit
        return None

    @property
    def leader(self):
        return self.member_with_role(ClusterRole.LEADER)

    @property
    def deputy(self):
        return self.member_with_role(ClusterRole.DEPUTY)


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")
    role = models.CharField(
        _("vai trò"), max_length=10, choices=ClusterRole.choices, default=ClusterRole.MEMBER
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên cụm/khối")
        verbose_name_plural = _("thành viên cụm/khối")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="cluster_member_once"),
            models.UniqueConstraint(
                fields=["cluster", "role"],
                condition=Q(role__in=["leader", "deputy"]),
                name="cluster_one_leader_one_deputy",
            ),
        ]

    def __str__(self):
        return f"{self.unit} — {self.get_role_display()}"


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Person(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A staff member. Most staff never log in; those who do have a User linked to them."""

    staff_code = models.CharField(_("mã cán bộ"), max_length=30, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="staff")
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    rank = models.CharField(_("ngạch / chức danh nghề nghiệp"), max_length=150, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    joined_sector = models.DateField(_("ngày vào ngành"), null=True, blank=True)
    active = models.BooleanField(_("đang công tác"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["unit__order", "unit__name", "full_name"]
        indexes = [models.Index(fields=["unit", "active"]), models.Index(fields=["full_name"])]
        rules_permissions = {
            "view": r.can_view_person,
            "change": r.can_change_person,
            "add": r.is_office_staff | r.is_unit_head,
            "delete": r.is_nobody,
        }

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return pk_address("units:person-detail", self.pk)


class User(RulesModelMixin, AbstractUser, metaclass=RulesModelBase):
    """A login. Roles are flags; a unit head is bound to exactly one unit."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    is_office_staff = models.BooleanField(_("thường trực TĐKT"), default=False)
    head_of_unit = models.ForeignKey(
        Unit,
        verbose_name=_("thủ trưởng đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="heads",
        help_text=_("Đơn vị mà người dùng này quản lý với vai trò thủ trưởng."),
    )
    is_council_member = models.BooleanField(_("thành viên Hội đồng TĐKT"), default=False)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        rules_permissions = {
            "view": r.is_administrator,
            "change": r.is_administrator,
            "add": r.is_administrator,
            "delete": r.is_nobody,
        }

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        if self.person_id:
            return self.person.full_name
        return super().get_full_name()

    @property
    def roles(self):
        roles = []
        if self.is_office_staff:
            roles.append(Role.OFFICE)
        if self.head_of_unit_id:
            roles.append(Role.UNIT_HEAD)
        if self.is_council_member:
            roles.append(Role.COUNCIL)
        if self.is_superuser:
            roles.append(Role.ADMIN)
        return roles

    @property
    def role_labels(self):
        return [role.label for role in self.roles]


class DocumentCounter(models.Model):
    """The agency's document register: the last number given in a series in a year.

    A series is the number's suffix, such as "KH-SYT" or "QĐ-SYT"; an agency that numbers every
    administrative document in one sequence maps several types to one series (see numbering.py).
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    series = models.CharField(_("sổ văn bản"), max_length=50)
    last_number = models.PositiveIntegerField(_("số cuối cùng đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [models.UniqueConstraint(fields=["year", "series"], name="document_counter_unique")]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last_number}"


class IssuedNumber(models.Model):
    """Every number given out; the unique constraint makes "Số: 12/KH-SYT" unique in a year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    symbol = models.CharField(_("ký hiệu"), max_length=50)
    number = models.PositiveIntegerField(_("số"))
    label = models.CharField(_("trích yếu"), max_length=500, blank=True)
    issued_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    issued_by = models.ForeignKey("User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("số văn bản đã cấp")
        constraints = [
            models.UniqueConstraint(fields=["year", "symbol", "number"], name="issued_number_unique"),
        ]

    def __str__(self):
        return f"{self.number:02d}/{self.symbol} ({self.year})"


class NumberingSeries(models.Model):
    """Optional: the agency's choice to share one sequence between several document symbols."""

    symbol = models.CharField(_("ký hiệu văn bản"), max_length=50, unique=True, help_text=_("Ví dụ: TB-SYT"))
    series = models.CharField(_("dùng chung sổ"), max_length=50, help_text=_("Ví dụ: SYT"))

    class Meta:
        verbose_name = _("cách đánh số văn bản")
        verbose_name_plural = _("cách đánh số văn bản")

    def __str__(self):
        return f"{self.symbol} → {self.series}"


class UnitName(models.Model):
    """A name a unit bore before a rename, with the days it bore it: records of those days print
    it ("as it was named then"). The current name stays on the unit itself."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    valid_from = models.DateField(_("dùng từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("dùng đến ngày"))
    reorganisation = models.ForeignKey(
        "Reorganisation",
        verbose_name=_("sự kiện sắp xếp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="former_names",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tên cũ của đơn vị")
        verbose_name_plural = _("tên cũ của đơn vị")
        ordering = ["unit", "-valid_to"]
        indexes = [models.Index(fields=["unit", "valid_to"])]

    def __str__(self):
        return f"{self.name} (… {self.valid_to:%d/%m/%Y})"


class Reorganisation(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """One reorganisation of units on an effective day, by a decision: a rename, a merger into a new
    unit, an absorption into an existing one, a split, a department moved to another unit, or a
    dissolution. ``before`` are the units as they were, ``after`` the units that continue; in a
    merger or absorption ``main_predecessor`` is the unit whose chain of years the successor
    continues (the office may change it later)."""

    kind = models.CharField(_("hình thức sắp xếp"), max_length=15, choices=ReorganisationKind.choices)
    effective = models.DateField(_("ngày có hiệu lực"))
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    before = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị trước sắp xếp"), related_name="reorganisations_before", blank=True
    )
    after = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị sau sắp xếp"), related_name="reorganisations_after", blank=True
    )
    main_predecessor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tiền thân chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị mà đơn vị kế tục tiếp nối chuỗi năm thi đua, khen thưởng."),
    )
    department = models.ForeignKey(
        Unit,
        verbose_name=_("khoa, phòng được điều chuyển"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers",
    )
    old_name = models.CharField(_("tên cũ"), max_length=255, blank=True)
    new_name = models.CharField(_("tên mới"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[before, after])

    class Meta:
        verbose_name = _("sắp xếp, tổ chức lại đơn vị")
        verbose_name_plural = _("sắp xếp, tổ chức lại đơn vị")
        ordering = ["-effective", "-pk"]
        rules_permissions = r.office_keeps(r.is_authenticated)

    def __str__(self):
        return f"{self.get_kind_display()} — {self.decision_number} ({self.effective:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("units:reorganisation-detail", args=[self.pk])

    @property
    def legal_basis(self) -> str:
        return _("Quyết định số %(number)s ngày %(date)s của %(issuer)s") % {
            "number": self.decision_number,
            "date": self.decision_date.strftime("%d/%m/%Y"),
            "issuer": self.issuer,
        }


from .models_documents import IssuedDocument  # noqa: E402, F401  (the register of issued documents)
from .models_signers import AgencySigner  # noqa: E402, F401  (the signers offered by the heading forms)
