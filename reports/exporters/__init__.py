"""Every report the portal builds, by identifier (the ``kind`` stored on an export job)."""

from .base import DocumentExporter, Exporter, RowExporter, safe_text
from .data import PetitionListExporter, SessionListExporter
from .documents import PeriodReportExporter, SessionMinutesExporter, SessionSummaryExporter

EXPORTERS: dict[str, type[Exporter]] = {
    cls.identifier: cls
    for cls in (
        PetitionListExporter,
        SessionListExporter,
        SessionSummaryExporter,
        SessionMinutesExporter,
        PeriodReportExporter,
    )
}


def get_exporter(identifier: str) -> type[Exporter]:
    return EXPORTERS[identifier]


__all__ = ["EXPORTERS", "DocumentExporter", "Exporter", "RowExporter", "get_exporter", "safe_text"]
