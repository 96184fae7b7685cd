"""Realistic benchmark data, fast: COPY (psycopg 3) straight into the models' tables.

Run inside Django against an empty, migrated PostgreSQL database:
    DATABASE_URL=postgres://... python -m bench.datagen --petitions 100000

Units, users and reference data go through the services (a few hundred rows); sessions,
petitions, assignments, answers, status changes and history rows are streamed with COPY in
chunks, with secondary indexes dropped during the load and rebuilt after it, and foreign-key
triggers off (``session_replication_role = replica``) — the generator keeps the data consistent.
Rows are dicts keyed by column; the columns come from the models, and a column the generator does
not set gets the field's default, so a new column with a default needs no change here.
The Vietnamese word pools (with diacritics, as members write) are at the end of this module.
"""

import argparse
import bisect
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from operator import itemgetter

BENCH_PASSWORD = "bench-Portal-2024"
SPECIAL_SESSION_ID = 1  # the province dialogue of 20/11/2024: exactly SPECIAL_SESSION_PETITIONS at every size
SPECIAL_SESSION_PETITIONS = 40
SPECIAL_PETITION_ID = 5  # resolved, two departments, answers and a full history: the detail page's subject
# The rare words appear in this many petitions at every size, spread evenly: a search for one then finds the
# same page of matches in 1,000 petitions as in 100,000, and the ratio between the sizes is the search's own.
RARE_MATCHES = 40
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
    """COPY dict rows into a model's table; the model's other columns get their field's default.

    Keys the model has no column for are left out, so a history table takes its model's rows as they are.
    """

    def __init__(self, connection):
        self.connection = connection
        self.counts: dict[str, int] = {}

    def copy(self, model, rows):
        if not rows:
            return 0
        fields = model._meta.concrete_fields
        given = [f.column for f in fields if f.column in rows[0]]
        names, tail = list(given), ()
        for field in fields:
            if field.column in rows[0] or (field.primary_key and field.get_internal_type().endswith("AutoField")):
                continue
            value = field.get_default()
            if value is None and not field.null:
                raise RuntimeError(f"{model._meta.db_table}.{field.column} has no default: teach bench/datagen.py it")
            names.append(field.column)
            tail += (field.get_db_prep_save(value, self.connection),)
        pick = itemgetter(*given) if len(given) > 1 else lambda row: (row[given[0]],)
        table = model._meta.db_table
        columns = ", ".join(f'"{c}"' for c in names)
        with self.connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(pick(row) + tail)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        return len(rows)


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
        topic_codes = list(TOPIC_TEXT)
        folded = {
            code: ([fold(s) for s in titles], [fold(s) for s in sentences])
            for code, (titles, sentences) in TOPIC_TEXT.items()
        }
        folded_closing = [fold(s) for s in CLOSING]
        folded_rare = (fold(RARE_SENTENCE), fold(RARE_COMMON_TRIGRAMS_SENTENCE))
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

    start, end = datetime(2024, 1, 8, 1, tzinfo=UTC), now + timedelta(days=120)
    starts = spread(rng, count - 1, start, end)
    special_start = datetime(2024, 11, 20, 1, 30, tzinfo=UTC)
    sessions, m2m, invitations, agenda, changes, attendance = [], [], [], [], [], []
    order = []
    for k in range(count):
        sid = k + 1
        if sid == SPECIAL_SESSION_ID:
            begins, host, theme = special_start, province, SESSION_THEMES[0]
        else:
            begins = starts[k - 1]
            roll = rng.random()
            host = province if roll < 0.05 else rng.choice(districts) if roll < 0.65 else rng.choice(communes)
            theme = rng.choice(SESSION_THEMES)
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
            {
                "id": sid,
                "title": title,
                "host_unit_id": host.pk,
                "programme": "Dự án 8",
                "theme": theme,
                "description": f"Đối thoại giữa lãnh đạo các sở, ngành với hội viên phụ nữ về {theme.lower()}.",
                "starts_at": begins,
                "ends_at": ends,
                "venue": venue,
                "status": status,
                "minutes": "Các ý kiến đã được lãnh đạo các sở, ngành trả lời trực tiếp."
                if status == "summary_sent"
                else "",
                "cancel_reason": "Trùng lịch họp của tỉnh." if status == "cancelled" else "",
                "is_published": status == "summary_sent",
                "is_archived": False,
                "search_text": fold(f"{title} {theme} {venue}"),
                "version": 1,
                "created_at": created,
                "updated_at": created,
            }
        )
        order.append((begins, sid))
        for topic_id in rng.sample(range(1, 13), rng.randint(1, 3)):
            m2m.append({"dialoguesession_id": sid, "topiccategory_id": topic_id})
        invited = departments if sid == SPECIAL_SESSION_ID else rng.sample(departments, rng.randint(3, 5))
        for department in invited:
            state = (
                rng.choices(["accepted", "declined", "delegated", "pending"], [70, 5, 15, 10])[0] if past else "pending"
            )
            invitations.append(
                {
                    "session_id": sid,
                    "department_id": department.pk,
                    "representative_title": "Phó Giám đốc",
                    "state": state,
                    "delegate_name": "Trưởng phòng" if state == "delegated" else "",
                    "attended": (state in ("accepted", "delegated")) if past else None,
                    "sent_at": created + timedelta(days=2),
                    "responded_at": created + timedelta(days=5) if state != "pending" else None,
                }
            )
        for position, item in enumerate(rng.sample(AGENDA, rng.randint(3, 5))):
            agenda.append(
                {
                    "session_id": sid,
                    "position": position,
                    "title": item,
                    "presenter_department_id": rng.choice(departments).pk,
                    "presenter_name": "",
                    "planned_minutes": 20,
                }
            )
        previous = ""
        for step in ["draft", "planned", "invitations_sent", "held", "summary_sent"]:
            if previous == status:
                break
            at = created + timedelta(days=len(changes) % 5)
            changes.append({"session_id": sid, "from_status": previous, "to_status": step, "at": at})
            previous = step
        for group_id in rng.sample(groups, 3):
            attendance.append(
                {
                    "session_id": sid,
                    "group_id": group_id,
                    "expected": 30,
                    "actual": rng.randint(15, 35) if past else None,
                }
            )
    order.sort()
    for model, rows in (
        (dm.DialogueSession, sessions),
        (dm.DialogueSession.topics.through, m2m),
        (dm.Invitation, invitations),
        (dm.AgendaItem, agenda),
        (dm.SessionStatusChange, changes),
        (dm.ParticipantAttendance, attendance),
    ):
        loader.copy(model, rows)
    return {"order": [(s, i) for s, i in order if i != SPECIAL_SESSION_ID]}


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

    petitions, history, topic_rows, changes = [], [], [], []
    assignments, assignment_history, answers, answer_history = [], [], [], []
    rare_every = max(10, total // RARE_MATCHES)
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
        titles, sentences = TOPIC_TEXT[code]
        _f_titles, f_sentences = folded[code]
        ti = rng.randrange(len(titles))
        picks = rng.sample(range(len(sentences)), rng.randint(2, 3))
        ci = rng.randrange(len(CLOSING))
        parts = [sentences[i] for i in picks]
        f_parts = [f_sentences[i] for i in picks]
        if pid % rare_every == 7:
            parts.append(RARE_SENTENCE)
            f_parts.append(folded_rare[0])
        elif pid % rare_every == 8:
            parts.append(RARE_COMMON_TRIGRAMS_SENTENCE)
            f_parts.append(folded_rare[1])
        parts.append(CLOSING[ci])
        f_parts.append(folded_closing[ci])
        title = f"{titles[ti]} tại {unit.name.replace('Hội LHPN ', '')}"
        content = " ".join(p for p in parts if p)
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
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
            actor = leader_id if nxt in ("draft", "submitted") else staff_id
            change_rows.append(
                {"petition_id": pid, "from_status": prev, "to_status": nxt, "actor_id": actor, "at": step_at}
            )
            step_at = min(step_at + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8)), now)
        updated = step_at
        row = {
            "id": pid,
            "code": petition_code,
            "year": year,
            "number": number,
            "kind": rng.choices(["recommendation", "opinion", "question", "complaint"], [50, 20, 20, 10])[0],
            "title": title,
            "content": content,
            "unit_id": unit.pk,
            "submitted_by_id": leader_id,
            "petitioner_name": "" if anonymous else name,
            "petitioner_phone": "" if anonymous else f"09{rng.randrange(10**8):08d}",
            "petitioner_ethnicity": rng.choice(ETHNICITIES),
            "petitioner_has_disability": rng.random() < 0.04,
            "participant_group_id": rng.choice(groups),
            "supporters_count": rng.choices([1, 2, 5, 12, 40], [70, 12, 10, 6, 2])[0],
            "is_anonymous": anonymous,
            "session_id": session_id,
            "status": status,
            "merged_into_id": merged_into,
            "forwarded_authority": "UBND tỉnh Quảng Trị" if status == "forwarded" else "",
            "status_reason": "Trùng nội dung với kiến nghị đã tiếp nhận." if status in ("merged", "rejected") else "",
            "is_published": status in ("resolved", "closed") and rng.random() < 0.5,
            "is_archived": False,
            "version": len(steps),
            "submitted_at": submitted_at,
            "created_at": at,
            "updated_at": updated,
            "search_text": search,
        }
        petitions.append(row)
        creation = {**row, "status": "draft", "version": 1, "submitted_at": None, "updated_at": at}
        history.append({**creation, "history_date": at, "history_type": "+", "history_user_id": leader_id})
        if len(steps) > 1:
            history.append({**row, "history_date": updated, "history_type": "~", "history_user_id": staff_id})
        for topic_code in {code, *([rng.choice(topic_codes)] if rng.random() < 0.3 else [])}:
            topic_rows.append({"petition_id": pid, "topiccategory_id": topics[topic_code]})
        changes.extend(change_rows)
        if "assigned" not in steps:
            continue
        assigned_at = change_rows[steps.index("assigned")]["at"]
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
            assignment = {
                "petition_id": pid,
                "department_id": department.pk,
                "due_date": due,
                "status": a_status,
                "assigned_by_id": staff_id,
                "assigned_at": assigned_at,
                "answered_at": answered_at,
            }
            assignments.append(assignment)
            if a_status != "pending":
                method = rng.choices(["in_writing", "at_dialogue", "forwarded", "will_resolve"], [50, 30, 10, 10])[0]
                if a_status == "forwarded":
                    method = "forwarded"
                answers.append(
                    {
                        "assignment": assignment,  # replaced by its id below
                        "text": rng.choice(ANSWERS),
                        "method": method,
                        "forwarded_authority": "UBND tỉnh Quảng Trị" if method == "forwarded" else "",
                        "resolve_by": due + timedelta(days=90) if method == "will_resolve" else None,
                        "author_id": reps[department.pk].pk,
                        "created_at": answered_at,
                        "updated_at": answered_at,
                    }
                )
    # Ids continue from what earlier chunks wrote.
    for i, row in enumerate(assignments, start=_next_id(pm.Assignment)):
        row["id"] = i
    for i, row in enumerate(answers, start=_next_id(pm.Answer)):
        row["id"], row["assignment_id"] = i, row.pop("assignment")["id"]
    assignment_history = [
        {
            **row,
            "status": "pending",
            "answered_at": None,
            "history_date": row["assigned_at"],
            "history_type": "+",
            "history_user_id": staff_id,
        }
        for row in assignments
    ]
    assignment_history += [
        {**row, "history_date": row["answered_at"], "history_type": "~", "history_user_id": staff_id}
        for row in assignments
        if row["answered_at"]
    ]
    answer_history = [
        {**row, "history_date": row["updated_at"], "history_type": "+", "history_user_id": row["author_id"]}
        for row in answers
    ]
    return [
        (pm.Petition, petitions),
        (pm.Petition.history.model, history),
        (pm.Petition.topics.through, topic_rows),
        (pm.PetitionStatusChange, changes),
        (pm.Assignment, assignments),
        (pm.Assignment.history.model, assignment_history),
        (pm.Answer, answers),
        (pm.Answer.history.model, answer_history),
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


# Word pools.

DISTRICTS = [
    ("dong-ha", "Hội LHPN thành phố Đông Hà"),
    ("quang-tri-tx", "Hội LHPN thị xã Quảng Trị"),
    ("vinh-linh", "Hội LHPN huyện Vĩnh Linh"),
    ("gio-linh", "Hội LHPN huyện Gio Linh"),
    ("cam-lo", "Hội LHPN huyện Cam Lộ"),
    ("trieu-phong", "Hội LHPN huyện Triệu Phong"),
    ("hai-lang", "Hội LHPN huyện Hải Lăng"),
    ("huong-hoa", "Hội LHPN huyện Hướng Hóa"),
    ("dakrong", "Hội LHPN huyện Đakrông"),
    ("con-co", "Hội LHPN huyện Cồn Cỏ"),
]

COMMUNE_NAMES = [
    "Linh Trường",
    "Gio Sơn",
    "Gio An",
    "Gio Hải",
    "Gio Mỹ",
    "Tà Rụt",
    "A Ngo",
    "Hướng Hiệp",
    "Ba Lòng",
    "Triệu Ái",
    "Triệu Thượng",
    "Hải Phú",
    "Hải Thượng",
    "Cam Thành",
    "Cam Hiếu",
    "Vĩnh Thủy",
    "Vĩnh Lâm",
    "Hướng Phùng",
    "Hướng Lập",
    "Tân Hợp",
    "Khe Sanh",
    "Lao Bảo",
    "Đông Lương",
    "Đông Thanh",
    "Hải Lệ",
    "Mò Ó",
    "Húc Nghì",
    "A Bung",
    "Pa Nang",
    "Krông Klang",
    "Triệu Độ",
    "Triệu Phước",
    "Hải Quy",
]

ETHNICITIES = ["Kinh", "Kinh", "Kinh", "Kinh", "Vân Kiều", "Pa Kô", "Tà Ôi", "Bru", "Chứt"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hồ", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Thị Mỹ", "Thị Thanh"]
GIVEN = [
    "Hoa",
    "Lan",
    "Mai",
    "Hương",
    "Hằng",
    "Nga",
    "Thảo",
    "Yến",
    "Liên",
    "Nhung",
    "Phượng",
    "Trang",
    "Hạnh",
    "Loan",
    "Oanh",
    "Duyên",
    "Vân",
    "Tuyết",
    "Xuân",
    "Hiền",
    "Ánh",
    "Bích",
    "Diệu",
    "Khánh",
]

# Per topic code: opening phrases of a title and sentences of content.
TOPIC_TEXT = {
    "dao-tao-nghe": (
        [
            "Đề nghị mở lớp đào tạo nghề may cho phụ nữ",
            "Kiến nghị hỗ trợ học nghề chế biến nông sản",
            "Đề xuất đào tạo nghề chăn nuôi cho hội viên",
        ],
        [
            "Nhiều chị em ở thôn chưa có nghề ổn định, mong được học nghề ngắn hạn gần nhà.",
            "Đề nghị hỗ trợ chi phí đi lại cho học viên tham gia lớp đào tạo nghề.",
            "Sau khi học xong, chị em cần được giới thiệu việc làm phù hợp.",
        ],
    ),
    "lao-dong-viec-lam": (
        [
            "Kiến nghị tạo việc làm cho lao động nữ nông thôn",
            "Đề nghị giới thiệu việc làm tại khu công nghiệp",
            "Phản ánh thiếu việc làm sau mùa vụ",
        ],
        [
            "Sau mùa thu hoạch, nhiều phụ nữ không có việc làm và thu nhập.",
            "Đề nghị các doanh nghiệp ưu tiên tuyển lao động nữ tại địa phương.",
            "Chị em mong có thông tin tuyển dụng kịp thời qua Hội.",
        ],
    ),
    "xuat-khau-lao-dong": (
        [
            "Hỏi về thủ tục đi xuất khẩu lao động",
            "Đề nghị cảnh báo lừa đảo xuất khẩu lao động",
            "Kiến nghị hỗ trợ vay vốn đi làm việc ở nước ngoài",
        ],
        [
            "Nhiều gia đình muốn con em đi làm việc ở Nhật Bản, Hàn Quốc nhưng chưa rõ thủ tục.",
            "Có trường hợp bị môi giới thu tiền nhưng không được xuất cảnh.",
            "Đề nghị hỗ trợ vay vốn ưu đãi để người lao động đi xuất khẩu lao động.",
        ],
    ),
    "vay-von-khoi-nghiep": (
        [
            "Đề nghị tăng hạn mức vay vốn khởi nghiệp cho phụ nữ",
            "Kiến nghị đơn giản thủ tục vay vốn",
            "Hỏi về điều kiện vay vốn Ngân hàng Chính sách xã hội",
        ],
        [
            "Hạn mức vay vốn hiện nay chưa đủ để chị em mở rộng sản xuất.",
            "Thủ tục vay vốn còn phức tạp, nhiều hồ sơ phải đi lại nhiều lần.",
            "Chị em mong được vay vốn khởi nghiệp với lãi suất ưu đãi và thời hạn dài hơn.",
        ],
    ),
    "tieu-thu-san-pham": (
        [
            "Đề nghị hỗ trợ tiêu thụ sản phẩm OCOP",
            "Kiến nghị kết nối tiêu thụ nông sản cho hợp tác xã phụ nữ",
            "Phản ánh giá nông sản thấp khi vào vụ",
        ],
        [
            "Sản phẩm rau sạch của tổ hợp tác phụ nữ chưa có đầu ra ổn định.",
            "Đề nghị hỗ trợ đưa sản phẩm OCOP lên sàn thương mại điện tử.",
            "Chị em cần được tập huấn về bao bì, nhãn mác và truy xuất nguồn gốc.",
        ],
    ),
    "bao-luc-gia-dinh": (
        [
            "Kiến nghị tăng cường phòng chống bạo lực gia đình",
            "Đề nghị thành lập địa chỉ tin cậy tại thôn",
            "Phản ánh tình trạng bạo lực gia đình chưa được xử lý",
        ],
        [
            "Một số vụ bạo lực gia đình chưa được chính quyền thôn xử lý kịp thời.",
            "Đề nghị có nhà tạm lánh cho phụ nữ bị bạo lực.",
            "Cần tuyên truyền pháp luật về phòng chống bạo lực gia đình bằng tiếng dân tộc.",
        ],
    ),
    "ve-sinh-moi-truong": (
        [
            "Đề nghị thu gom rác thải tại thôn",
            "Kiến nghị xử lý ô nhiễm nguồn nước sinh hoạt",
            "Phản ánh rác thải nhựa ven sông",
        ],
        [
            "Rác thải chưa được thu gom thường xuyên, gây ô nhiễm môi trường.",
            "Nguồn nước sinh hoạt ở một số thôn bị nhiễm phèn.",
            "Chị em mong được hỗ trợ thùng phân loại rác tại hộ gia đình.",
        ],
    ),
    "an-toan-thuc-pham": (
        [
            "Kiến nghị kiểm tra an toàn thực phẩm tại chợ",
            "Đề nghị tập huấn an toàn thực phẩm cho tiểu thương",
            "Phản ánh thực phẩm không rõ nguồn gốc",
        ],
        [
            "Nhiều loại thực phẩm bán ở chợ không rõ nguồn gốc xuất xứ.",
            "Đề nghị tăng cường kiểm tra bếp ăn tập thể ở trường học.",
            "Cần hướng dẫn chị em bảo quản thực phẩm đúng cách.",
        ],
    ),
    "te-nan-xa-hoi": (
        [
            "Đề nghị phòng chống ma túy trong thanh thiếu niên",
            "Kiến nghị xử lý tụ điểm cờ bạc",
            "Phản ánh tệ nạn xã hội tại khu dân cư",
        ],
        [
            "Một số thanh niên trong thôn có biểu hiện sử dụng chất kích thích.",
            "Đề nghị công an xã tăng cường tuần tra vào ban đêm.",
            "Gia đình cần được hướng dẫn cách phát hiện sớm con em nghiện ma túy.",
        ],
    ),
    "can-bo-nu": (
        [
            "Kiến nghị tăng tỷ lệ cán bộ nữ trong cấp ủy",
            "Đề nghị đào tạo, bồi dưỡng cán bộ nữ trẻ",
            "Hỏi về chế độ phụ cấp chi hội trưởng",
        ],
        [
            "Tỷ lệ cán bộ nữ tham gia cấp ủy ở xã còn thấp.",
            "Phụ cấp cho chi hội trưởng chưa tương xứng với công việc.",
            "Đề nghị có chính sách quy hoạch, đào tạo cán bộ nữ người dân tộc thiểu số.",
        ],
    ),
    "tin-dung-den": (
        [
            "Cảnh báo tín dụng đen cho vay nặng lãi",
            "Đề nghị xử lý đối tượng cho vay lãi suất cao",
            "Phản ánh vay qua ứng dụng trên điện thoại bị đòi nợ",
        ],
        [
            "Nhiều chị em vay tiền qua ứng dụng và bị đe dọa khi chậm trả.",
            "Đề nghị tăng cường tuyên truyền để phụ nữ không vay tín dụng đen.",
            "Cần mở rộng nguồn vay vốn chính thức để người dân không phải vay nặng lãi.",
        ],
    ),
    "bhxh-bhyt": (
        [
            "Hỏi về Luật Bảo hiểm xã hội sửa đổi",
            "Đề nghị hỗ trợ mua bảo hiểm y tế cho hộ cận nghèo",
            "Kiến nghị về bảo hiểm xã hội tự nguyện cho phụ nữ nông thôn",
        ],
        [
            "Chị em muốn biết quyền lợi khi tham gia bảo hiểm xã hội tự nguyện.",
            "Mức đóng bảo hiểm y tế hộ gia đình còn cao so với thu nhập.",
            "Đề nghị hướng dẫn thủ tục hưởng chế độ thai sản cho lao động tự do.",
        ],
    ),
}

# Rare words, each put in one petition in two thousand: the benchmark's rare-word searches. Search
# matches each folded word as a substring through a trigram index, so what makes a search cheap is
# rare *trigrams*: "gấc" → "gac" is one rare trigram; "rươi" → "ruoi" is a rare word made of common
# trigrams ("ruo" as in "trường", "uoi" as in "người"), which the index cannot narrow down.
RARE_SENTENCE = "Tổ hợp tác trồng gấc của chị em cần được hỗ trợ tiêu thụ sản phẩm."
RARE_QUERY = "gac"
RARE_COMMON_TRIGRAMS_SENTENCE = "Tổ hợp tác khai thác rươi ở vùng đầm phá cần được hỗ trợ con giống."
RARE_COMMON_TRIGRAMS_QUERY = "ruoi"
COMMON_QUERY = "vay von"

CLOSING = [
    "Kính đề nghị các cơ quan chức năng xem xét, giải quyết.",
    "Mong được trả lời tại hội nghị đối thoại.",
    "Đề nghị trả lời bằng văn bản để Hội thông tin đến hội viên.",
    "",
]

SESSION_THEMES = [
    "Chính sách hỗ trợ phụ nữ khởi nghiệp",
    "Đào tạo nghề và giải quyết việc làm cho lao động nữ",
    "Bình đẳng giới và phòng chống bạo lực gia đình",
    "Luật Bảo hiểm xã hội sửa đổi",
    "Tiêu thụ sản phẩm nông nghiệp, sản phẩm OCOP do phụ nữ sản xuất",
    "Phòng ngừa tín dụng đen ở vùng đồng bào dân tộc thiểu số",
]

AGENDA = [
    "Vai trò của Hội trong thực hiện bình đẳng giới",
    "Chính sách đào tạo nghề, giải quyết việc làm",
    "Chính sách vay vốn khởi nghiệp",
    "Những điểm mới của Luật Bảo hiểm xã hội sửa đổi",
    "Trao đổi, đối thoại trực tiếp",
]

ANSWERS = [
    "Sở đã tiếp thu và sẽ phối hợp với UBND huyện tổ chức lớp đào tạo trong quý tới.",
    "Nội dung kiến nghị đã được trả lời trực tiếp tại hội nghị đối thoại.",
    "Đơn vị ghi nhận và đề xuất cơ quan có thẩm quyền xem xét, giải quyết theo quy định.",
    "Thủ tục vay vốn đã được rút gọn; hội viên liên hệ Ngân hàng Chính sách xã hội huyện để được hướng dẫn.",
    "Cơ quan đã chỉ đạo kiểm tra và sẽ thông báo kết quả bằng văn bản.",
]


if __name__ == "__main__":
    main()
