"""Pagination that stays cheap when a list holds millions of rows.

Two tools, for list views (``paginator_class = CappedCountPaginator``) and feeds/exports:

- ``CappedCountPaginator`` counts exactly up to ``count_cap`` matching rows — ``COUNT(*)`` over a
  ``LIMIT cap + 1`` subquery, so the cost is bounded whatever the table size — and past the cap shows
  the planner's estimate (PostgreSQL) flagged as approximate: "about 98,000 petitions". When only a
  few rows match (a rare search word), it fetches the page by primary key rather than walking the
  sort index through the whole table. A deep page reads its keys first, then only its own rows. Given a
  ``cache_stamp`` (a data version), a count is reused until the data changes, so paging costs no recount.
- ``keyset_page`` pages by the sort key instead of OFFSET ("newer than this row"), so page 10,000
  costs what page 1 costs. Use it for "next page" navigation over huge lists, exports and feeds.
"""

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import connections
from django.db.models import Q


def planner_estimate(queryset) -> int | None:
    """The PostgreSQL planner's row estimate for ``queryset`` (no rows read), or None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class CappedCountPaginator(Paginator):
    """A Paginator whose count never reads more than ``count_cap + 1`` rows.

    ``count_is_estimate`` tells templates to say "about N"; pages past the true end come back empty
    rather than raising, since the estimate may overshoot.
    """

    count_cap = 10_000
    # A rare search word or a narrow filter matches a few rows spread over the whole table; walking the
    # sort index to find a page of them reads most of the table. Below this many matches the page is
    # fetched by primary key instead (the matches come from the filter's own index, unsorted).
    fetch_by_id_below = 1_000
    # From this many rows skipped on, a page fetches its keys first (one query more, and no skipped row built).
    keys_first_from = 500

    # A cached count lives at most this long, even if a write slipped past whatever bumps ``cache_stamp``.
    count_cache_seconds = 600

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, count_cap=None, cache_stamp=None):
        """``cache_stamp``: a version of the data (changed by every write); given, counts are cached under it."""
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        if count_cap is not None:
            self.count_cap = count_cap
        self.cache_stamp = cache_stamp
        self.count_is_estimate = False

    @cached_property
    def count(self):
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return len(queryset)
        # Keys only: the list's annotations (an EXISTS per row) are not computed for rows merely counted.
        keys = queryset.order_by().values("pk")
        key = None
        if self.cache_stamp is not None:
            sql, params = keys.query.sql_with_params()
            digest = hashlib.sha256(repr((queryset.db, self.count_cap, sql, params)).encode()).hexdigest()
            key = f"pagination:count:{self.cache_stamp}:{digest}"
            cached = cache.get(key)
            if cached is not None:
                count, self.count_is_estimate = cached
                return count
        counted = keys[: self.count_cap + 1].count()
        if counted > self.count_cap:
            self.count_is_estimate = True
            counted = max(self.count_cap + 1, planner_estimate(queryset) or 0)
        if key is not None:
            cache.set(key, (counted, self.count_is_estimate), self.count_cache_seconds)
        return counted

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.count_is_estimate:
                return int(number)
            raise

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if not self.count_is_estimate and top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if not hasattr(rows, "query"):
            return self._get_page(rows[bottom:top], number, self)
        if not self.count_is_estimate and 0 < self.count <= self.fetch_by_id_below:
            # The few matches' keys in the list's order (a sort of at most this many keys), then only this page's
            # rows: the filter is checked again on 25 rows, not on every match.
            ids = list(rows.values_list("pk", flat=True)[: self.fetch_by_id_below])
            return self._get_page(rows.filter(pk__in=ids[bottom:top]), number, self)
        if bottom >= self.keys_first_from:
            # Deep in a long list the skipped rows would each be built with their annotations; the page's keys
            # come first from the sort index alone, then just those rows.
            keys = list(rows.values_list("pk", flat=True)[bottom:top])
            return self._get_page(rows.filter(pk__in=keys), number, self)
        return self._get_page(rows[bottom:top], number, self)


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def _encode(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list:
    padded = cursor + "=" * (-len(cursor) % 4)
    values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    if not isinstance(values, list):
        raise ValueError("bad cursor")
    return values


def keyset_page(queryset, *, ordering=("-created_at", "-pk"), after: str | None = None, per_page: int = 50):
    """One page of ``queryset`` in ``ordering``, starting after the row ``after`` encodes.

    ``ordering`` must end with a unique field (pk) so rows are never skipped or repeated; an index on
    the ordering fields serves every page alike. A malformed cursor starts from the first page.
    Side effects: none (one query, ``per_page + 1`` rows).
    """
    model = queryset.model
    names = [name.lstrip("-") for name in ordering]
    fields = [model._meta.pk if name == "pk" else model._meta.get_field(name) for name in names]
    queryset = queryset.order_by(*ordering)
    if after:
        try:
            raw = _decode(after)
            values = [field.to_python(value) for field, value in zip(fields, raw, strict=True)]
        except (ValueError, TypeError, ValidationError):
            values = None
        if values is not None:
            condition = Q()
            for i, name in enumerate(ordering):
                op = "lt" if name.startswith("-") else "gt"
                step = Q(**{f"{names[i]}__{op}": values[i]})
                for j in range(i):
                    step &= Q(**{names[j]: values[j]})
                condition |= step
            queryset = queryset.filter(condition)
    rows = list(queryset[: per_page + 1])
    next_cursor = None
    if len(rows) > per_page:
        rows = rows[:per_page]
        last = rows[-1]
        next_cursor = _encode(
            [getattr(last, "pk" if name == "pk" else field.attname) for name, field in zip(names, fields, strict=True)]
        )
    return KeysetPage(object_list=rows, next_cursor=next_cursor)
