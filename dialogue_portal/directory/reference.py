"""Public holidays (the rest of the reference data is in data/*.csv)."""

from datetime import date, timedelta

# Units, departments, their successions, topics and participant groups: data/*.csv, loaded by
# services.load_reference_data. The holidays stay here.


def _span(first: date, days: int, name: str):
    return [(first + timedelta(days=i), name) for i in range(days)]


# Public holidays as decided by the government each year; staff extend this list in the admin.
HOLIDAYS = [
    *_span(date(2024, 1, 1), 1, "Tết Dương lịch"),
    *_span(date(2024, 2, 8), 7, "Tết Nguyên đán"),
    *_span(date(2024, 4, 18), 1, "Giỗ Tổ Hùng Vương"),
    *_span(date(2024, 4, 29), 3, "Ngày Giải phóng miền Nam và Quốc tế Lao động"),
    *_span(date(2024, 9, 2), 2, "Quốc khánh"),
    *_span(date(2025, 1, 1), 1, "Tết Dương lịch"),
    *_span(date(2025, 1, 25), 9, "Tết Nguyên đán"),
    *_span(date(2025, 4, 7), 1, "Giỗ Tổ Hùng Vương"),
    *_span(date(2025, 4, 30), 2, "Ngày Giải phóng miền Nam và Quốc tế Lao động"),
    *_span(date(2025, 9, 1), 2, "Quốc khánh"),
    *_span(date(2026, 1, 1), 1, "Tết Dương lịch"),
    *_span(date(2026, 2, 14), 9, "Tết Nguyên đán"),
    *_span(date(2026, 4, 26), 1, "Giỗ Tổ Hùng Vương"),
    *_span(date(2026, 4, 30), 2, "Ngày Giải phóng miền Nam và Quốc tế Lao động"),
    *_span(date(2026, 9, 1), 2, "Quốc khánh"),
    *_span(date(2027, 1, 1), 1, "Tết Dương lịch"),
    *_span(date(2027, 2, 5), 7, "Tết Nguyên đán"),
]
