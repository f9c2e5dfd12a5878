"""A province of data for the benchmarks, built with ``bulk_create`` in batches.

    python -m bench.generate                    # the province: 150 units, 15,000 staff, ...
    python -m bench.generate --scale small      # the same shape at a tenth of a department
    python -m bench.generate --scale tiny       # a few rows of everything (the fast test suite)
    python -m bench.generate --scale ten        # ten provinces: 1,500 units, 150,000 staff, ...

On a freshly migrated, empty database (``make bench`` gives it one on a private PostgreSQL). The
province (``PROVINCE``): 150 units (120 top-level, 30 departments under the first ten hospitals) in
10 clusters of the year, 15,000 staff, evaluations of every person and unit for the last 10 years
(the current one included), about 150,000 award records over the 10 years before, 3,000
initiatives with their authors, a campaign with a registration round of the year (one
registration per top-level unit, 12,000 individual and collective lines), 3,000 nominations of
the year (2,880 individual, 120 collective) in every state, an issued plan of the year with 2,000
tasks, 4 submission requests answered by the units, a scored criteria set, and the logins: 20
office staff, 20 unit heads, 20 council members; a council session of the year with 100
nominations on its agenda, everyone present, voting open.

Ten provinces (``TEN``, a Ministry-level or merged-province deployment): every count above ×10
(1,500 units, 150,000 staff, 1.5 M evaluations, about 1.5 M award records, 30,000 nominations,
20,000 tasks in ten plans, 100 clusters) but the logins and the council session, which do not grow with the
province. The big tables whose rows nothing reads back (evaluations, award records, lines, tasks)
go through PostgreSQL's ``COPY`` (``bulk_create`` elsewhere), a batch at a time, so that neither
the rows nor their SQL are ever held whole in memory.

Prints ``name value unit`` lines: the rows made per table and the time taken.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import itertools
import os
import random
import sys
import time
from dataclasses import dataclass, fields, replace

from bench.figures import figure

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")
    import django

    django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from units import collector  # noqa: E402

PASSWORD = "thiduakt-bench"  # noqa: S105 - the password of the bench logins, on a throwaway database
UNIT_PREFIX = "G"
BATCH = 5000

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Đức", "Thu", "Hoài"]
GIVEN = [
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khoa", "Lan", "Linh",
    "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tuấn",
    "Vy", "Yến",
]  # fmt: skip
POSITIONS = ["Bác sĩ", "Điều dưỡng", "Kỹ thuật viên", "Dược sĩ", "Chuyên viên", "Trưởng khoa", "Kế toán"]
LEVELS = ["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"]


@dataclass(frozen=True)
class Scale:
    top_units: int
    sub_units: int
    clusters: int
    staff: int
    years: int
    initiatives: int
    individual_lines_per_unit: int
    individual_nominations: int
    collective_nominations: int
    tasks: int
    logins: int  # office staff, unit heads and council members: this many of each
    agenda: int
    parent_hospitals: int = 10  # the sub-units are departments of the first this many hospitals
    plans: int = 1  # the year's issued plans, sharing the tasks: a province's one, ten provinces' ten

    # What does not grow with the province: its years, a unit's lines, a council and its office.
    FIXED = ("years", "individual_lines_per_unit", "logins")

    def scaled(self, factor: float, **kept) -> Scale:
        """This scale with every count times ``factor`` (but the ``FIXED`` ones and ``kept``)."""
        grown = {f.name: round(getattr(self, f.name) * factor) for f in fields(self)}
        return replace(self, **{**grown, **{name: getattr(self, name) for name in self.FIXED}, **kept})


PROVINCE = Scale(
    top_units=120,
    sub_units=30,
    clusters=10,
    staff=15_000,
    years=10,
    initiatives=3_000,
    individual_lines_per_unit=98,
    individual_nominations=2_880,
    collective_nominations=120,
    tasks=2_000,
    logins=20,
    agenda=100,
)
SMALL = PROVINCE.scaled(1 / 10, clusters=2, parent_hospitals=10, plans=1)
TINY = Scale(
    top_units=3,
    sub_units=1,
    clusters=1,
    staff=30,
    years=3,
    initiatives=6,
    individual_lines_per_unit=4,
    individual_nominations=12,
    collective_nominations=2,
    tasks=8,
    logins=3,
    agenda=4,
)
TEN = PROVINCE.scaled(10, agenda=100)
SCALES = {"province": PROVINCE, "small": SMALL, "tiny": TINY, "ten": TEN}


def copy_text(value) -> str:
    """A value as PostgreSQL's ``COPY ... FROM STDIN`` text format reads it."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(value)


INTEGER_KINDS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
    }
)


def _copy_converter(field):
    """A field's ``COPY`` text for a value: an integer column's (keys, years) written as ``int``
    gives it to the database; any other worked out once per value (a level, a name, a date recur
    thousands of times in 3 M rows) and looked up after that."""
    target = field.target_field if field.is_relation else field
    if target.get_internal_type() in INTEGER_KINDS:

        def whole(value) -> str:
            return "\\N" if value is None else str(int(value))

        return whole

    known: dict = {}

    def text(value) -> str:
        try:
            return known[type(value), value]
        except KeyError:
            made = known[type(value), value] = copy_text(field.get_db_prep_save(value, connection))
            return made
        except TypeError:  # not hashable: converted every time
            return copy_text(field.get_db_prep_save(value, connection))

    return text


def copy_rows(model, names: tuple[str, ...], rows, *, converters: dict | None = None) -> int:
    """Insert ``rows``, tuples of the values of the fields ``names`` (each a field's ``attname``:
    ``person_id``, ``year``), with ``COPY`` straight from the tuples. Every other concrete column
    but the primary key gets what an unsaved instance would save (its default; ``auto_now``: the
    time of the batch), worked out once for the batch. Making a model instance per row, and
    reading it back field by field, was most of the generator's CPU on ten provinces (3 M rows).
    ``converters`` keeps each field's converter (and the texts it has worked out) from one batch
    to the next."""
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    given = [fields[name] for name in names]
    blank = model()
    rest = [f for name, f in fields.items() if name not in names]
    suffix = "".join("\t" + copy_text(f.get_db_prep_save(f.pre_save(blank, True), connection)) for f in rest)
    converters = {} if converters is None else converters
    convert_all = [
        converters[f] if f in converters else converters.setdefault(f, _copy_converter(f)) for f in given
    ]
    buffer = io.StringIO()
    write = buffer.write
    count = 0
    for row in rows:
        write("\t".join([convert(value) for convert, value in zip(convert_all, row, strict=True)]))
        write(suffix)
        write("\n")
        count += 1
    buffer.seek(0)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [*given, *rest])
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN", buffer)
    return count


# The tables the generator fills in bulk: ``COPY`` (``Generator.stream``) or 150,000 staff.
def bulk_loaded_models():
    from awards.models import AwardRecord, Evaluation, InitiativeAuthor
    from campaigns.models import RegistrationIndividualLine
    from plans.models import PlanTask, UnitSubmission
    from units.models import Person

    return [
        Person,
        Evaluation,
        AwardRecord,
        InitiativeAuthor,
        RegistrationIndividualLine,
        PlanTask,
        UnitSubmission,
    ]


@contextlib.contextmanager
def indexes_after_load(models):
    """Fill the tables of ``models`` without their secondary indexes, unique and foreign-key
    constraints, and make them again once the rows are in, as they were (the definitions
    PostgreSQL gives back, names included): one sort per index and one join per foreign key
    instead of, for every row, an entry in each index and a deferred check of each key queued to
    the commit (on ten provinces: 3 M rows, 15 indexes, 7 keys). On PostgreSQL, inside the
    caller's transaction; elsewhere nothing is changed."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
            [tables],
        )
        constraints = cursor.fetchall()  # the unique ones first: no key of ours rests on them
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _kind, _definition in reversed(constraints):
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        # checks still queued on other tables run now: a table with pending checks cannot be altered
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, _kind, definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def batches(rows, size: int):
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def login_names(role: str, count: int) -> list[str]:
    """The usernames the generator gives one role: ``bench-office-01`` ..."""
    return [f"bench-{role}-{i:02d}" for i in range(1, count + 1)]


def is_generated() -> bool:
    from units.models import Unit

    return Unit.objects.filter(code=f"{UNIT_PREFIX}001").exists()


class Generator:
    def __init__(self, scale: Scale, *, year: int | None = None, seed: int = 2026):
        self.scale = scale
        self.year = year or timezone.localdate().year
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data
        self.counts: dict[str, int] = {}
        self.converters: dict = {}  # a field's COPY converter, kept for every batch (copy_rows)

    # -- helpers --------------------------------------------------------------------------
    def bulk(self, model, rows, *, name: str | None = None, **kwargs):
        made = model.objects.bulk_create(rows, batch_size=BATCH, **kwargs)
        key = name or model._meta.model_name
        self.counts[key] = self.counts.get(key, 0) + len(made)
        return made

    def stream(self, model, names: tuple[str, ...], rows) -> None:
        """Insert rows nothing reads back (an iterable of tuples of the values of ``names``, made
        as it is consumed) a batch at a time: ``COPY`` straight from the tuples on PostgreSQL,
        ``bulk_create`` of instances made from them elsewhere."""
        key = model._meta.model_name
        for batch in batches(rows, 10 * BATCH):
            if connection.vendor == "postgresql":
                made = copy_rows(model, names, batch, converters=self.converters)
            else:
                objs = [model(**dict(zip(names, row, strict=True))) for row in batch]
                made = len(model.objects.bulk_create(objs, batch_size=BATCH))
            self.counts[key] = self.counts.get(key, 0) + made

    def person_name(self, i: int) -> str:
        rng = self.rng
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i:05d}"

    def at(self, day: datetime.date, hour: int = 9) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    # -- the whole province ---------------------------------------------------------------
    def run(self) -> dict:
        # the collector paused: the rows made are kept to the end (units.collector)
        with collector.paused(), transaction.atomic(), indexes_after_load(bulk_loaded_models()):
            self.catalog()
            self.organisation()
            self.logins()
            self.history()
            self.campaign()
            self.plans()
            self.nominations()
        # the council through its services (row locks, events, notifications), after the commit
        self.council()
        return self.counts

    def catalog(self) -> None:
        from catalog.models import AwardType

        self.types = {a.code: a for a in AwardType.objects.all()}

    def organisation(self) -> None:
        from units.models import Cluster, ClusterMembership, Person, Unit

        s, rng, year = self.scale, self.rng, self.year
        kinds = ["office"] * 8 + ["hospital"] * 22 + ["health_centre"] * 11 + ["centre"] * 7
        top = self.bulk(
            Unit,
            [
                Unit(
                    code=f"{UNIT_PREFIX}{i + 1:03d}",
                    name=f"{'Bệnh viện' if kinds[i % len(kinds)] == 'hospital' else 'Đơn vị'} số {i + 1:03d}",
                    short_name=f"ĐV{i + 1:03d}",
                    kind=kinds[i % len(kinds)],
                    order=i + 1,
                )
                for i in range(s.top_units)
            ],
        )
        hospitals = [u for u in top if u.kind == "hospital"] or top
        subs = self.bulk(
            Unit,
            [
                Unit(
                    code=f"{UNIT_PREFIX}{s.top_units + i + 1:03d}",
                    name=f"Khoa số {i + 1:02d} — {hospitals[i % s.parent_hospitals % len(hospitals)].name}",
                    kind="sub_unit",
                    parent=hospitals[i % s.parent_hospitals % len(hospitals)],
                    order=s.top_units + i + 1,
                )
                for i in range(s.sub_units)
            ],
        )
        self.top_units, self.units = top, top + subs
        self.staff = self.bulk(
            Person,
            [
                Person(
                    staff_code=f"{UNIT_PREFIX}{i + 1:06d}",
                    full_name=self.person_name(i + 1),
                    gender="F" if rng.random() < 0.6 else "M",
                    birth_date=datetime.date(1965 + i % 35, 1 + i % 12, 1 + i % 28),
                    unit=self.units[i % len(self.units)],
                    position=POSITIONS[i % len(POSITIONS)],
                    rank="Hạng III",
                    joined_sector=datetime.date(1990 + i % 30, 1 + i % 12, 1),
                )
                for i in range(s.staff)
            ],
        )
        self.staff_of: dict[int, list] = {}
        for person in self.staff:
            self.staff_of.setdefault(person.unit_id, []).append(person)
        self.clusters = self.bulk(
            Cluster, [Cluster(year=year, name=f"Cụm thi đua số {c + 1}") for c in range(s.clusters)]
        )
        memberships = []
        for i, unit in enumerate(top):
            c = i % s.clusters
            nth = i // s.clusters
            role = "leader" if nth == 0 else "deputy" if nth == 1 else "member"
            memberships.append(ClusterMembership(cluster=self.clusters[c], unit=unit, role=role))
        self.bulk(ClusterMembership, memberships)

    def logins(self) -> None:
        from units.models import User

        s = self.scale
        password = make_password(PASSWORD)  # one hash (its salt inside) shared by every bench login
        users = []
        for i, name in enumerate(login_names("office", s.logins)):
            users.append(User(username=name, password=password, is_office_staff=True, first_name=f"VP {i}"))
        for i, name in enumerate(login_names("head", s.logins)):
            users.append(User(username=name, password=password, head_of_unit=self.top_units[i % s.top_units]))
        # council members are staff of the office units, with their positions printed in the minutes
        for i, name in enumerate(login_names("council", s.logins)):
            users.append(
                User(username=name, password=password, is_council_member=True, person=self.staff[i * 7])
            )
        self.users = self.bulk(User, users)
        self.office = self.users[0]
        self.council_members = self.users[2 * s.logins :]

    def history(self) -> None:
        """Evaluations of the last ``years`` years (this one included), award records of the
        ``years`` years before this one, initiatives and their authors."""
        from awards.models import AwardRecord, Evaluation, Initiative, InitiativeAuthor

        s, rng, year, types = self.scale, self.rng, self.year, self.types
        eval_years = range(year - s.years + 1, year + 1)
        record_years = range(year - s.years, year)
        levels: dict[int, list[str]] = {}  # year -> the level of each of self.staff

        def evaluations(y):
            for unit in self.units:
                yield None, unit.pk, y, rng.choice(LEVELS[:3]), "imported"
            levels[y] = []
            for person in self.staff:
                level = rng.choice(LEVELS)
                levels[y].append(level)
                yield person.pk, None, y, level, "imported"

        evaluation_fields = ("person_id", "unit_id", "year", "level", "source")
        for y in eval_years:  # a batch at a time: never the rows of a year whole in memory
            self.stream(Evaluation, evaluation_fields, evaluations(y))

        record_fields = (
            "person_id",
            "unit_id",
            "award_type_id",
            "name_as_issued",
            "year",
            "decision_number",
            "decision_date",
            "authority",
            "recipient_name",
            "source",
        )

        def record(award_code, y, *, person=None, unit=None, number):
            award = types[award_code]
            return (
                person.pk if person else None,
                unit.pk if unit else None,
                award.pk,
                award.name,
                y,
                f"{number}/QĐ-SYT",
                datetime.date(y + 1, 1 + number % 3, 10),
                "Giám đốc Sở Y tế",
                person.full_name if person else unit.name,
                "imported",
            )

        def records(y):
            year_levels = levels.get(y)
            for n, person in enumerate(self.staff):
                level = year_levels[n] if year_levels else rng.choice(LEVELS)
                if level in ("HTXSNV", "HTTNV"):
                    yield record("LDTT", y, person=person, number=100 + n % 50)
                    if level == "HTXSNV" and rng.random() < 0.5:
                        yield record("CSTDCS", y, person=person, number=200 + n % 20)
                    elif rng.random() < 0.12:
                        yield record("GK_GD", y, person=person, number=300 + n % 20)
                    if rng.random() < 0.02:
                        yield record("BK_UBND", y, person=person, number=400 + n % 10)
            for n, unit in enumerate(self.units):
                yield record("TTLDTT", y, unit=unit, number=500 + n % 10)
                if rng.random() < 0.2:
                    yield record("TTLDXS", y, unit=unit, number=600 + n % 10)

        for y in record_years:
            self.stream(AwardRecord, record_fields, records(y))

        initiatives = self.bulk(
            Initiative,
            [
                Initiative(
                    title=f"Sáng kiến cải tiến quy trình số {i + 1}",
                    year=rng.choice(list(eval_years)),
                    scope=rng.choice(["base", "base", "base", "province"]),
                    recognised_by="Hội đồng sáng kiến Sở Y tế",
                )
                for i in range(s.initiatives)
            ],
        )
        self.stream(
            InitiativeAuthor,
            ("initiative_id", "person_id"),
            [(item.pk, rng.choice(self.staff).pk) for item in initiatives],
        )

    def campaign(self) -> None:
        from campaigns.models import (
            Campaign,
            CampaignItem,
            CriteriaSet,
            Criterion,
            Registration,
            RegistrationCollectiveLine,
            RegistrationIndividualLine,
            RegistrationRound,
            UnitScore,
        )

        s, rng, year, types = self.scale, self.rng, self.year, self.types
        campaign = Campaign.objects.create(
            name=f"Phong trào thi đua thực hiện nhiệm vụ năm {year}",
            kind="regular",
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year, 12, 31),
            status="launched",
            created_by=self.office,
        )
        self.counts["campaign"] = 1
        self.bulk(
            CampaignItem,
            [CampaignItem(campaign=campaign, order=i, text=f"Nội dung thi đua {i + 1}") for i in range(5)],
        )
        round_ = RegistrationRound.objects.create(
            name=f"Đăng ký thi đua năm {year}",
            year=year,
            campaign=campaign,
            opens_on=datetime.date(year, 1, 2),
            deadline=datetime.date(year, 3, 31),
        )
        self.counts["registrationround"] = 1
        statuses = ["accepted", "accepted", "submitted", "draft", "returned"]
        registrations = self.bulk(
            Registration,
            [
                Registration(
                    round=round_,
                    unit=unit,
                    status=statuses[i % len(statuses)],
                    commitments="Đăng ký phấn đấu hoàn thành xuất sắc nhiệm vụ.",
                    submitted_at=None
                    if statuses[i % len(statuses)] == "draft"
                    else self.at(datetime.date(year, 3, 1)),
                )
                for i, unit in enumerate(self.top_units)
            ],
        )
        individual, collective = [], []
        for registration in registrations:
            unit = registration.unit
            people = self.staff_of.get(unit.pk, [])
            for n, person in enumerate(people[: s.individual_lines_per_unit]):
                code = "CSTDCS" if n % 6 == 0 else "LDTT"
                individual.append((registration.pk, person.pk, types[code].pk))
            collective.append(
                RegistrationCollectiveLine(registration=registration, unit=unit, award_type=types["TTLDTT"])
            )
            if rng.random() < 0.7:
                collective.append(
                    RegistrationCollectiveLine(
                        registration=registration, unit=unit, award_type=types["TTLDXS"]
                    )
                )
        self.stream(RegistrationIndividualLine, ("registration_id", "person_id", "award_type_id"), individual)
        self.bulk(RegistrationCollectiveLine, collective)

        for c, cluster in enumerate(self.clusters):
            criteria_set = CriteriaSet.objects.create(
                name=f"Bảng chấm điểm {cluster.name}", year=year, cluster=cluster
            )
            criteria = self.bulk(
                Criterion,
                [
                    Criterion(
                        criteria_set=criteria_set,
                        code=str(k + 1),
                        title=f"Tiêu chí {k + 1}",
                        max_points=20,
                        order=k,
                    )
                    for k in range(5)
                ],
            )
            members = self.top_units[c :: s.clusters]
            self.bulk(
                UnitScore,
                [
                    UnitScore(
                        criterion=criterion,
                        unit=unit,
                        self_score=rng.randint(10, 20),
                        assessed_score=rng.randint(8, 20),
                    )
                    for criterion in criteria
                    for unit in members
                ],
            )
        self.counts["criteriaset"] = len(self.clusters)

    def plans(self) -> None:
        from plans.models import Plan, PlanTask, SubmissionRequest, UnitSubmission

        s, rng, year = self.scale, self.rng, self.year
        title = f"Kế hoạch công tác thi đua, khen thưởng năm {year}"
        plans = [
            Plan.objects.create(
                year=year,
                title=title if k == 0 else f"{title} (khối {k + 1})",
                status="issued",
                number=k + 1,
                issue_date=datetime.date(year, 1, 15),
                created_by=self.office,
                issued_by=self.office,
                issued_at=self.at(datetime.date(year, 1, 15)),
            )
            for k in range(s.plans)
        ]
        plan = plans[0]
        self.counts["plan"] = s.plans
        statuses = ["done", "in_progress", "not_started"]
        per_plan = -(-s.tasks // s.plans)  # a plan of 20,000 tasks is no real plan: ten of 2,000
        self.stream(
            PlanTask,
            (
                "plan_id",
                "order",
                "content",
                "lead_unit_id",
                "period_kind",
                "period_value",
                "due_date",
                "status",
            ),
            [
                (
                    plans[i // per_plan].pk,
                    i % per_plan + 1,
                    f"Nhiệm vụ số {i % per_plan + 1}: tổ chức thực hiện và báo cáo kết quả.",
                    self.top_units[i % s.top_units].pk,
                    "quarter",
                    1 + i % 4,
                    datetime.date(year, 3 * (1 + i % 4), 28),
                    statuses[i % 3],
                )
                for i in range(s.tasks)
            ],
        )
        requests = self.bulk(
            SubmissionRequest,
            [
                SubmissionRequest(plan=plan, title=title, due_date=due, created_by=self.office)
                for title, due in [
                    (f"Kế hoạch TĐKT năm {year} của đơn vị", datetime.date(year, 2, 15)),
                    ("Báo cáo sơ kết 6 tháng", datetime.date(year, 6, 30)),
                    ("Báo cáo 9 tháng", datetime.date(year, 9, 30)),
                    (f"Báo cáo tổng kết năm {year}", datetime.date(year, 12, 15)),
                ]
            ],
        )
        now = timezone.now()
        submissions = []
        for request in requests:
            due = self.at(request.due_date)
            for i, unit in enumerate(self.top_units):
                sent = due + datetime.timedelta(days=rng.randint(-20, 10)) if i % 4 else None
                submissions.append((request.pk, unit.pk, sent if sent and sent < now else None))
        self.stream(UnitSubmission, ("request_id", "unit_id", "submitted_at"), submissions)

    def nominations(self) -> None:
        from awards.models import Nomination

        s, year, types = self.scale, self.year, self.types
        codes = ["LDTT"] * 12 + ["CSTDCS"] * 4 + ["GK_GD", "GK_GD", "CSTD_TINH", "BK_UBND"]
        # the council's agenda takes the first ``agenda`` of them: awards the director decides
        statuses = ["draft"] * 5 + ["submitted"] * 5 + ["verified"] * 3 + ["returned"]
        rows = []
        people = self.staff[:: max(1, len(self.staff) // s.individual_nominations)][
            : s.individual_nominations
        ]
        submitted = self.at(datetime.date(year, 3, 20))
        for i, person in enumerate(people):
            status = "in_council" if i < s.agenda else statuses[i % len(statuses)]
            code = "LDTT" if i < s.agenda else codes[i % len(codes)]
            rows.append(
                Nomination(
                    year=year,
                    award_type=types[code],
                    person=person,
                    proposing_unit_id=person.unit_id,
                    status="verified" if status == "in_council" else status,
                    achievements="Hoàn thành xuất sắc nhiệm vụ được giao.",
                    created_by=self.office,
                    submitted_at=None if status == "draft" else submitted,
                )
            )
        for i in range(s.collective_nominations):
            unit = self.units[i % len(self.units)]
            rows.append(
                Nomination(
                    year=year,
                    award_type=types["TTLDTT" if i < len(self.units) else "TTLDXS"],
                    unit=unit,
                    proposing_unit=unit.parent if unit.parent_id else unit,
                    status=statuses[i % len(statuses)],
                    created_by=self.office,
                    submitted_at=submitted,
                )
            )
        self.nominations_made = self.bulk(Nomination, rows)
        self.agenda = self.nominations_made[: s.agenda]

    def council(self) -> None:
        from council.services import agenda_add, attendance_record, session_create, session_open_voting

        members = self.council_members
        session = session_create(
            title=f"Phiên họp xét khen thưởng năm {self.year}",
            year=self.year,
            starts_at=self.at(timezone.localdate(), 8),
            place="Hội trường Sở Y tế",
            chair=members[0],
            secretary=members[-1],
            vice_chairs=members[1:2],
            members=members[2:-1],
            by=self.office,
        )
        attendance_record(session, attendance={m.pk: "present" for m in members}, by=self.office)
        for nomination in self.agenda:
            agenda_add(session, nomination, by=self.office)
        session_open_voting(session, by=self.office)
        self.session = session
        self.counts["councilsession"] = 1
        self.counts["agendaitem"] = len(self.agenda)


def generate(scale: Scale = PROVINCE, *, year: int | None = None, prefix: str = "generate", out=print):
    """Build the data; print the rows made per table and the time taken."""
    start = time.perf_counter()
    gen = Generator(scale, year=year)
    counts = gen.run()
    elapsed = time.perf_counter() - start
    for name, count in sorted(counts.items()):
        figure(f"{prefix}.rows.{name}", count, "rows", out=out)
    figure(f"{prefix}.time", elapsed, "s", out=out)
    return gen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="province")
    parser.add_argument("--year", type=int, help="the current year of the data (default: this year)")
    parser.add_argument("--prefix", default="generate", help="first part of the figure names")
    args = parser.parse_args(argv)
    if is_generated():
        print("The database already holds generated data; migrate a fresh one first.", file=sys.stderr)
        return 1
    generate(SCALES[args.scale], year=args.year, prefix=args.prefix, out=lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
