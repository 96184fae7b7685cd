"""Realistic benchmark data, fast: COPY (psycopg 3) straight into the models' tables.

Run inside Django against an empty, migrated PostgreSQL database:
    DATABASE_URL=postgres://... python -m bench.datagen --petitions 100000

Units, users and reference data go through the services (a few hundred rows); sessions,
petitions, assignments, answers, status changes and history rows are streamed with COPY in
chunks, with secondary indexes dropped during the load and rebuilt after it, and foreign-key
triggers off (``session_replication_role = replica``) — the generator keeps the data consistent.
Columns a later migration adds are filled with the field's default, so the generator keeps working
as the models grow.
"""

import argparse
import bisect
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta

BENCH_PASSWORD = "bench-Portal-2024"
SPECIAL_SESSION_ID = 1  # the province dialogue of 20/11/2024: exactly SPECIAL_SESSION_PETITIONS at every size
SPECIAL_SESSION_PETITIONS = 40
SPECIAL_PETITION_ID = 5  # resolved, two departments, answers and a full history: the detail page's subject
RARE_EVERY = 2000
CHUNK = 20_000
LOCAL = timedelta(hours=7)  # Asia/Ho_Chi_Minh has no daylight saving

STATUS_CHAIN = ["draft", "submitted", "received", "assigned", "answered", "resolved", "closed"]
SIDE_EXITS = {"returned": "submitted", "rejected": "received", "merged": "received", "forwarded": "received"}
OLD_WEIGHTS = {
    "assigned": 1,
    "answered": 18,
    "resolved": 35,
    "closed": 25,
    "returned": 2,
    "rejected": 4,
    "merged": 4,
    "forwarded": 6,
}


def setup_django():
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


class Loader:
    """COPY rows into a model's table, adding defaults for the columns the caller does not know."""

    def __init__(self, connection):
        self.connection = connection
        self.counts: dict[str, int] = {}

    def _tail(self, model, columns):
        from django.db.models import AutoField, BigAutoField

        names, values = [], []
        for field in model._meta.concrete_fields:
            if field.column in columns or (field.primary_key and isinstance(field, AutoField | BigAutoField)):
                continue
            value = field.get_default()
            if value is None and not field.null:
                raise RuntimeError(f"{model._meta.db_table}.{field.column} has no default: teach bench/datagen.py it")
            names.append(field.column)
            values.append(field.get_db_prep_save(value, self.connection))
        return names, tuple(values)

    def copy(self, model, columns, rows):
        names, tail = self._tail(model, columns)
        table = model._meta.db_table
        cols = ", ".join(f'"{c}"' for c in [*columns, *names])
        n = 0
        with self.connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row + tail if tail else row)
                n += 1
        self.counts[table] = self.counts.get(table, 0) + n
        return n


def secondary_indexes(cursor, tables):
    """CREATE INDEX statements of the indexes that back no constraint, to drop and rebuild around a load."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """,
        [list(tables)],
    )
    return cursor.fetchall()


def make_units_and_users():
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from dialogue_portal.accounts.models import User
    from dialogue_portal.accounts.roles import Role
    from dialogue_portal.accounts.services import create_user, sync_roles
    from dialogue_portal.directory.models import Department, UnitLevel
    from dialogue_portal.directory.services import ensure_unit, load_reference_data

    from .texts import COMMUNE_NAMES, DISTRICTS

    load_reference_data()
    sync_roles()
    province = ensure_unit(code="qt", name="Hội LHPN tỉnh Quảng Trị", level=UnitLevel.PROVINCE)
    districts, communes = [], []
    for d, (code, name) in enumerate(DISTRICTS):
        district = ensure_unit(code=code, name=name, level=UnitLevel.DISTRICT, parent=province)
        districts.append(district)
        for k in range(15):
            commune_name = COMMUNE_NAMES[(d * 15 + k) % len(COMMUNE_NAMES)]
            communes.append(
                ensure_unit(
                    code=f"{code}-{k + 1:02d}",
                    name=f"Hội LHPN xã {commune_name}",
                    level=UnitLevel.COMMUNE,
                    parent=district,
                )
            )
    departments = list(Department.objects.order_by("sort_order"))
    users = {
        "admin": create_user(username="admin", password=None, role=Role.ADMINISTRATOR, full_name="Quản trị hệ thống"),
        "canbo": create_user(
            username="canbo", password=None, role=Role.PROVINCE_STAFF, full_name="Nguyễn Thị Hoa", unit=province
        ),
    }
    for k in range(2, 5):  # more staff for the load test's triage
        create_user(
            username=f"canbo_{k}", password=None, role=Role.PROVINCE_STAFF, full_name=f"Cán bộ tỉnh {k}", unit=province
        )
    leaders = {}
    for district in districts:
        username = district.code.replace("-", "_")
        leaders[district.pk] = create_user(
            username=username,
            password=None,
            role=Role.BRANCH_LEADER,
            full_name=f"Chủ tịch {district.name}",
            unit=district,
            email=f"{username}@example.org",
        )
    reps = {}
    for department in departments:
        username = {"ldtbxh": "so_ldtbxh", "bhxh": "bhxh"}.get(department.code, f"rep_{department.code}")
        reps[department.pk] = create_user(
            username=username,
            password=None,
            role=Role.DEPARTMENT_REP,
            full_name=f"Đại diện {department.name}",
            department=department,
            email=f"{username.replace('_', '-')}@example.org",
        )
    # One hash for everyone (PBKDF2 per user would cost seconds), with the production hasher whatever the
    # settings of the process that generates (the test suite uses a fast one the servers do not accept).
    hasher = PBKDF2PasswordHasher()
    User.objects.update(password=hasher.encode(BENCH_PASSWORD, hasher.salt()))
    return province, districts, communes, departments, users, leaders, reps


def spread(rng, n, start, end):
    """n increasing datetimes between start and end, jittered."""
    span = (end - start).total_seconds()
    return [start + timedelta(seconds=span * (i + rng.random()) / n) for i in range(n)]


def generate(*, petitions: int, sessions: int = 2000, seed: int = 7) -> dict:
    from django.db import connection, transaction

    from dialogue_portal.directory.models import ParticipantGroup, TopicCategory
    from dialogue_portal.text import fold
    from dialogues import models as dm
    from petitions import models as pm

    from . import texts

    rng = random.Random(seed)
    started = time.perf_counter()
    timings = {}
    now = datetime.now(UTC).replace(microsecond=0)
    today = (now + LOCAL).date()

    with transaction.atomic():
        province, districts, communes, departments, users, leaders, reps = make_units_and_users()
        topics = {t.code: t.pk for t in TopicCategory.objects.all()}
        groups = list(ParticipantGroup.objects.values_list("pk", flat=True))
        timings["units, users, reference data"] = time.perf_counter() - started
        staff_id = users["canbo"].pk
        loader = Loader(connection)
        big_tables = [
            m._meta.db_table
            for m in (
                dm.DialogueSession,
                dm.DialogueSession.topics.through,
                dm.Invitation,
                dm.AgendaItem,
                dm.SessionStatusChange,
                dm.ParticipantAttendance,
                pm.Petition,
                pm.Petition.topics.through,
                pm.Petition.history.model,
                pm.PetitionStatusChange,
                pm.Assignment,
                pm.Assignment.history.model,
                pm.Answer,
                pm.Answer.history.model,
            )
        ]
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            indexes = secondary_indexes(cursor, big_tables)
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')

        t = time.perf_counter()
        session_starts = _sessions(rng, loader, dm, sessions, now, province, districts, communes, departments, groups)
        timings["sessions"] = time.perf_counter() - t

        t = time.perf_counter()
        unit_choices = [c for c in communes for _ in range(6)] + districts
        dept_weights = [
            4 if d.code in ("ldtbxh", "bhxh") else 2 if d.code in ("nn-ptnt", "y-te") else 1 for d in departments
        ]
        topic_codes = list(texts.TOPIC_TEXT)
        folded = {
            code: ([fold(s) for s in titles], [fold(s) for s in sentences])
            for code, (titles, sentences) in texts.TOPIC_TEXT.items()
        }
        folded_closing = [fold(s) for s in texts.CLOSING]
        folded_rare = (fold(texts.RARE_SENTENCE), fold(texts.RARE_COMMON_TRIGRAMS_SENTENCE))
        created = spread(rng, petitions, datetime(2024, 1, 2, 1, tzinfo=UTC), now - timedelta(hours=2))
        sorted_starts = [s for s, _ in session_starts["order"]]
        sorted_ids = [i for _, i in session_starts["order"]]
        numbers: dict[int, int] = {}
        for first in range(0, petitions, CHUNK):
            rows = _petition_chunk(
                rng=rng,
                ids=range(first + 1, min(first + CHUNK, petitions) + 1),
                total=petitions,
                created=created,
                numbers=numbers,
                unit_choices=unit_choices,
                leaders=leaders,
                departments=departments,
                dept_weights=dept_weights,
                reps=reps,
                staff_id=staff_id,
                topics=topics,
                topic_codes=topic_codes,
                folded=folded,
                folded_closing=folded_closing,
                folded_rare=folded_rare,
                groups=groups,
                sorted_starts=sorted_starts,
                sorted_ids=sorted_ids,
                today=today,
                now=now,
            )
            for model_rows in rows:
                loader.copy(*model_rows)
        timings["petitions, assignments, answers, history (COPY)"] = time.perf_counter() - t

        t = time.perf_counter()
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)
        timings["rebuild indexes"] = time.perf_counter() - t
        with connection.cursor() as cursor:
            # What services.refresh_next_due keeps for petitions made through the services.
            cursor.execute(
                "UPDATE petitions_petition p SET next_due = a.due FROM (SELECT petition_id, min(due_date) AS due"
                " FROM petitions_assignment WHERE status = 'pending' GROUP BY petition_id) a WHERE a.petition_id = p.id"
            )
        _continue_numbering(numbers)
        from django.apps import apps
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(statement)

    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum analyze"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - started
    return {"rows": loader.counts, "seconds": {k: round(v, 2) for k, v in timings.items()}}


def _sessions(rng, loader, dm, count, now, province, districts, communes, departments, groups):
    from dialogue_portal.text import fold

    from . import texts

    start, end = datetime(2024, 1, 8, 1, tzinfo=UTC), now + timedelta(days=120)
    starts = spread(rng, count - 1, start, end)
    special_start = datetime(2024, 11, 20, 1, 30, tzinfo=UTC)
    sessions, m2m, invitations, agenda, changes, attendance = [], [], [], [], [], []
    order = []
    for k in range(count):
        sid = k + 1
        if sid == SPECIAL_SESSION_ID:
            begins, host, theme = special_start, province, texts.SESSION_THEMES[0]
        else:
            begins = starts[k - 1]
            roll = rng.random()
            host = province if roll < 0.05 else rng.choice(districts) if roll < 0.65 else rng.choice(communes)
            theme = rng.choice(texts.SESSION_THEMES)
        ends = begins + timedelta(hours=rng.choice([3, 4, 8]))
        past = ends < now
        status = (
            rng.choices(["summary_sent", "held", "cancelled", "postponed"], [60, 30, 5, 5])[0]
            if past
            else rng.choices(["planned", "invitations_sent", "draft"], [40, 40, 20])[0]
        )
        title = f"Hội nghị đối thoại chính sách: {theme}"
        venue = f"Hội trường {host.name.replace('Hội LHPN ', 'UBND ')}"
        created = begins - timedelta(days=30)
        sessions.append(
            (
                sid,
                title,
                host.pk,
                "Dự án 8",
                theme,
                f"Đối thoại giữa lãnh đạo các sở, ngành với hội viên phụ nữ về {theme.lower()}.",
                begins,
                ends,
                venue,
                status,
                "Các ý kiến đã được lãnh đạo các sở, ngành trả lời trực tiếp." if status == "summary_sent" else "",
                "Trùng lịch họp của tỉnh." if status == "cancelled" else "",
                status == "summary_sent",
                False,
                fold(f"{title} {theme} {venue}"),
                1,
                created,
                created,
            )
        )
        order.append((begins, sid))
        for topic_id in rng.sample(range(1, 13), rng.randint(1, 3)):
            m2m.append((sid, topic_id))
        invited = departments if sid == SPECIAL_SESSION_ID else rng.sample(departments, rng.randint(3, 5))
        for department in invited:
            state = (
                rng.choices(["accepted", "declined", "delegated", "pending"], [70, 5, 15, 10])[0] if past else "pending"
            )
            invitations.append(
                (
                    sid,
                    department.pk,
                    "Phó Giám đốc",
                    state,
                    "Trưởng phòng" if state == "delegated" else "",
                    (state in ("accepted", "delegated")) if past else None,
                    created + timedelta(days=2),
                    created + timedelta(days=5) if state != "pending" else None,
                )
            )
        for position, item in enumerate(rng.sample(texts.AGENDA, rng.randint(3, 5))):
            agenda.append((sid, position, item, rng.choice(departments).pk, "", 20))
        previous = ""
        for step in ["draft", "planned", "invitations_sent", "held", "summary_sent"]:
            if previous == status:
                break
            changes.append((sid, previous, step, created + timedelta(days=len(changes) % 5)))
            previous = step
        for group_id in rng.sample(groups, 3):
            attendance.append((sid, group_id, 30, rng.randint(15, 35) if past else None))
    order.sort()
    loader.copy(
        dm.DialogueSession,
        [
            "id",
            "title",
            "host_unit_id",
            "programme",
            "theme",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "status",
            "minutes",
            "cancel_reason",
            "is_published",
            "is_archived",
            "search_text",
            "version",
            "created_at",
            "updated_at",
        ],
        sessions,
    )
    loader.copy(dm.DialogueSession.topics.through, ["dialoguesession_id", "topiccategory_id"], m2m)
    loader.copy(
        dm.Invitation,
        [
            "session_id",
            "department_id",
            "representative_title",
            "state",
            "delegate_name",
            "attended",
            "sent_at",
            "responded_at",
        ],
        invitations,
    )
    loader.copy(
        dm.AgendaItem,
        ["session_id", "position", "title", "presenter_department_id", "presenter_name", "planned_minutes"],
        agenda,
    )
    loader.copy(dm.SessionStatusChange, ["session_id", "from_status", "to_status", "at"], changes)
    loader.copy(dm.ParticipantAttendance, ["session_id", "group_id", "expected", "actual"], attendance)
    return {"order": [(s, i) for s, i in order if i != SPECIAL_SESSION_ID]}


PETITION_COLUMNS = [
    "id",
    "code",
    "year",
    "number",
    "kind",
    "title",
    "content",
    "unit_id",
    "submitted_by_id",
    "petitioner_name",
    "petitioner_phone",
    "petitioner_ethnicity",
    "petitioner_has_disability",
    "participant_group_id",
    "supporters_count",
    "is_anonymous",
    "session_id",
    "status",
    "merged_into_id",
    "forwarded_authority",
    "status_reason",
    "is_published",
    "is_archived",
    "version",
    "submitted_at",
    "created_at",
    "updated_at",
    "search_text",
]
HISTORY_COLUMNS = ["history_date", "history_type", "history_user_id"]


def _status_for(rng, pid, total):
    if pid == SPECIAL_PETITION_ID:
        return "resolved"
    age = pid / total  # 0 = oldest
    if age > 0.97:
        return rng.choices(["draft", "submitted", "received"], [15, 45, 40])[0]
    if age > 0.85:
        return rng.choices(["received", "assigned", "answered"], [15, 60, 25])[0]
    return rng.choices(list(OLD_WEIGHTS), list(OLD_WEIGHTS.values()))[0]


def _steps(status):
    if status in SIDE_EXITS:
        before = STATUS_CHAIN[: STATUS_CHAIN.index(SIDE_EXITS[status]) + 1]
        return [*before, status]
    return STATUS_CHAIN[: STATUS_CHAIN.index(status) + 1]


def _petition_chunk(
    *,
    rng,
    ids,
    total,
    created,
    numbers,
    unit_choices,
    leaders,
    departments,
    dept_weights,
    reps,
    staff_id,
    topics,
    topic_codes,
    folded,
    folded_closing,
    folded_rare,
    groups,
    sorted_starts,
    sorted_ids,
    today,
    now,
):
    from dialogue_portal.text import fold
    from petitions import models as pm

    from . import texts

    petitions, history, topic_rows, changes = [], [], [], []
    assignments, assignment_history, answers, answer_history = [], [], [], []
    for pid in ids:
        at = created[pid - 1]
        local = at + LOCAL
        year = local.year
        numbers[year] = numbers.get(year, 0) + 1
        number = numbers[year]
        status = _status_for(rng, pid, total)
        unit = unit_choices[rng.randrange(len(unit_choices))]
        district_id = int(unit.path.split(".")[1])
        leader_id = leaders[district_id].pk
        code = rng.choice(topic_codes)
        titles, sentences = texts.TOPIC_TEXT[code]
        _f_titles, f_sentences = folded[code]
        ti = rng.randrange(len(titles))
        picks = rng.sample(range(len(sentences)), rng.randint(2, 3))
        ci = rng.randrange(len(texts.CLOSING))
        parts = [sentences[i] for i in picks]
        f_parts = [f_sentences[i] for i in picks]
        if pid % RARE_EVERY == 7:
            parts.append(texts.RARE_SENTENCE)
            f_parts.append(folded_rare[0])
        elif pid % RARE_EVERY == 8:
            parts.append(texts.RARE_COMMON_TRIGRAMS_SENTENCE)
            f_parts.append(folded_rare[1])
        parts.append(texts.CLOSING[ci])
        f_parts.append(folded_closing[ci])
        title = f"{titles[ti]} tại {unit.name.replace('Hội LHPN ', '')}"
        content = " ".join(p for p in parts if p)
        name = f"{rng.choice(texts.FAMILY)} {rng.choice(texts.MIDDLE)} {rng.choice(texts.GIVEN)}"
        anonymous = rng.random() < 0.05
        petition_code = f"KN-{year}-{number:05d}"
        search = " ".join([petition_code.lower(), fold(title), *[p for p in f_parts if p], fold(name)])
        if SPECIAL_SESSION_PETITIONS + 10 > pid >= 10 or pid == SPECIAL_PETITION_ID:
            session_id = SPECIAL_SESSION_ID
        elif rng.random() < 0.55 and sorted_starts:
            k = min(bisect.bisect(sorted_starts, at) + rng.randrange(12), len(sorted_starts) - 1)
            session_id = sorted_ids[k]
        else:
            session_id = None
        merged_into = rng.randint(max(1, pid - 200), pid - 1) if status == "merged" and pid > 1 else None
        if status == "merged" and merged_into is None:
            status = "rejected"
        steps = _steps(status)
        submitted_at = at + timedelta(hours=1) if len(steps) > 1 else None
        step_at = at
        change_rows = []
        for prev, nxt in zip(["", *steps], steps, strict=False):
            change_rows.append((pid, prev, nxt, leader_id if nxt in ("draft", "submitted") else staff_id, step_at))
            step_at = min(step_at + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8)), now)
        updated = step_at
        row = (
            pid,
            petition_code,
            year,
            number,
            rng.choices(["recommendation", "opinion", "question", "complaint"], [50, 20, 20, 10])[0],
            title,
            content,
            unit.pk,
            leader_id,
            "" if anonymous else name,
            "" if anonymous else f"09{rng.randrange(10**8):08d}",
            rng.choice(texts.ETHNICITIES),
            rng.random() < 0.04,
            rng.choice(groups),
            rng.choices([1, 2, 5, 12, 40], [70, 12, 10, 6, 2])[0],
            anonymous,
            session_id,
            status,
            merged_into,
            "UBND tỉnh Quảng Trị" if status == "forwarded" else "",
            "Trùng nội dung với kiến nghị đã tiếp nhận." if status in ("merged", "rejected") else "",
            status in ("resolved", "closed") and rng.random() < 0.5,
            False,
            len(steps),
            submitted_at,
            at,
            updated,
        )
        petitions.append((*row, search))
        creation = list(row)
        creation[17], creation[23], creation[24], creation[26] = "draft", 1, None, at
        history.append((*creation, at, "+", leader_id))
        if len(steps) > 1:
            history.append((*row, updated, "~", staff_id))
        for topic_code in {code, *([rng.choice(topic_codes)] if rng.random() < 0.3 else [])}:
            topic_rows.append((pid, topics[topic_code]))
        changes.extend(change_rows)
        if "assigned" not in steps:
            continue
        assigned_at = change_rows[steps.index("assigned")][4]
        n_depts = 2 if pid == SPECIAL_PETITION_ID else rng.choices([1, 2, 3], [70, 25, 5])[0]
        chosen = set()
        while len(chosen) < n_depts:
            chosen.add(rng.choices(range(len(departments)), dept_weights)[0])
        for k, d in enumerate(sorted(chosen)):
            department = departments[d]
            if status == "assigned":
                a_status = "answered" if k > 0 and rng.random() < 0.4 else "pending"
            elif status == "answered":
                a_status = "answered"
            else:
                a_status = rng.choices(["resolved", "answered", "forwarded"], [75, 15, 10])[0]
            due = (assigned_at + LOCAL).date() + timedelta(days=21)
            answered_at = min(assigned_at + timedelta(days=rng.randint(2, 25)), now) if a_status != "pending" else None
            assignments.append((pid, department.pk, due, a_status, staff_id, assigned_at, answered_at))
            if a_status != "pending":
                method = rng.choices(["in_writing", "at_dialogue", "forwarded", "will_resolve"], [50, 30, 10, 10])[0]
                if a_status == "forwarded":
                    method = "forwarded"
                answers.append(
                    (
                        len(assignments),  # placeholder: the assignment's index, turned into its id below
                        rng.choice(texts.ANSWERS),
                        method,
                        "UBND tỉnh Quảng Trị" if method == "forwarded" else "",
                        due + timedelta(days=90) if method == "will_resolve" else None,
                        reps[department.pk].pk,
                        answered_at,
                        answered_at,
                    )
                )
    # Ids continue from what earlier chunks wrote.
    first_assignment = _next_id(pm.Assignment)
    assignments = [(first_assignment + i, *row) for i, row in enumerate(assignments)]
    answers = [(first_assignment + row[0] - 1, *row[1:]) for row in answers]
    first_answer = _next_id(pm.Answer)
    answers = [(first_answer + i, *row) for i, row in enumerate(answers)]
    assignment_history = [(*row[:4], "pending", row[5], row[6], None, row[6], "+", staff_id) for row in assignments]
    assignment_history += [(*row, row[7], "~", staff_id) for row in assignments if row[7]]
    answer_history = [(*row, row[7], "+", row[6]) for row in answers]

    assignment_cols = [
        "id",
        "petition_id",
        "department_id",
        "due_date",
        "status",
        "assigned_by_id",
        "assigned_at",
        "answered_at",
    ]
    answer_cols = [
        "id",
        "assignment_id",
        "text",
        "method",
        "forwarded_authority",
        "resolve_by",
        "author_id",
        "created_at",
        "updated_at",
    ]
    return [
        (pm.Petition, PETITION_COLUMNS, petitions),
        (pm.Petition.history.model, [*PETITION_COLUMNS[:-1], *HISTORY_COLUMNS], history),
        (pm.Petition.topics.through, ["petition_id", "topiccategory_id"], topic_rows),
        (pm.PetitionStatusChange, ["petition_id", "from_status", "to_status", "actor_id", "at"], changes),
        (pm.Assignment, assignment_cols, assignments),
        (pm.Assignment.history.model, [*assignment_cols, *HISTORY_COLUMNS], assignment_history),
        (pm.Answer, answer_cols, answers),
        (pm.Answer.history.model, [*answer_cols, *HISTORY_COLUMNS], answer_history),
    ]


def _continue_numbering(numbers):
    """New petitions continue each year's numbering after the generated ones (when the model keeps a counter)."""
    from django.apps import apps

    try:
        counter = apps.get_model("petitions", "PetitionCounter")
    except LookupError:
        return
    for year, last in numbers.items():
        counter.objects.update_or_create(year=year, defaults={"last_number": last})


def _next_id(model):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')
        return cursor.fetchone()[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    setup_django()
    result = generate(petitions=args.petitions, sessions=args.sessions, seed=args.seed)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
