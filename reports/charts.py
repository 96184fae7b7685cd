"""Charts as server-side SVG: no script, no CDN, no inline styles (presentation attributes and classes only).

Each chart is drawn from the same (label, value, url) triples as the table printed beside it.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 180
WIDTH = 480


def bar_chart(items: list[tuple[str, int, str]], *, title: str) -> str:
    """Horizontal bars, one per (label, value, url); each bar links to the list behind it."""
    top = max((value for _label, value, _url in items), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 50
    height = max(len(items), 1) * (BAR_HEIGHT + GAP) + GAP
    bars = format_html_join(
        "",
        '<a href="{}"><g class="chart-row"><title>{}: {}</title>'
        '<text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text></g></a>',
        (
            (
                url,
                label,
                value,
                LABEL_WIDTH - 6,
                GAP + i * (BAR_HEIGHT + GAP) + 15,
                _short(label),
                LABEL_WIDTH,
                GAP + i * (BAR_HEIGHT + GAP),
                round(plot * value / top, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + round(plot * value / top, 1) + 4,
                GAP + i * (BAR_HEIGHT + GAP) + 15,
                value,
            )
            for i, (label, value, url) in enumerate(items)
        ),
    )
    return _svg(title, WIDTH, height, bars)


def column_chart(items: list[tuple[str, int, str]], *, title: str) -> str:
    """Vertical columns (a monthly trend), labels underneath."""
    top = max((value for _label, value, _url in items), default=0) or 1
    plot_height, column = 160, (WIDTH - 20) / max(len(items), 1)
    columns = format_html_join(
        "",
        '<a href="{}"><g class="chart-row"><title>{}: {}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value" text-anchor="middle">{}</text>'
        '<text x="{}" y="{}" class="chart-label" text-anchor="middle">{}</text></g></a>',
        (
            (
                url,
                label,
                value,
                round(10 + i * column + 3, 1),
                round(20 + plot_height - plot_height * value / top, 1),
                round(column - 6, 1),
                round(plot_height * value / top, 1),
                round(10 + i * column + column / 2, 1),
                round(16 + plot_height - plot_height * value / top, 1),
                value,
                round(10 + i * column + column / 2, 1),
                20 + plot_height + 16,
                label,
            )
            for i, (label, value, url) in enumerate(items)
        ),
    )
    return _svg(title, WIDTH, 20 + plot_height + 24, columns)


def _svg(title: str, width: int, height: int, body) -> str:
    # A group, not an image: its bars are links, and an image may not hold interactive content.
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="group" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        title,
        title,
        mark_safe(body),  # noqa: S308 — built by format_html_join above, every value escaped
    )


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
