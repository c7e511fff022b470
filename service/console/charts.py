"""Server-side SVG charts (no script, no CDN): coverage bars per county and a small trend line."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

COLOURS = {"covered": "#2e7d32", "gap": "#ef6c00", "other": "#b0bec5"}


@dataclass
class CountyBar:
    label: str
    registered: int
    seeking: int
    covered: int  # seeking people with >= 1 suitable push this cycle

    @property
    def gap(self) -> int:
        return max(self.seeking - self.covered, 0)

    @property
    def other(self) -> int:
        return max(self.registered - self.seeking, 0)

    @property
    def coverage_pct(self) -> int | None:
        return round(100 * self.covered / self.seeking) if self.seeking else None


def coverage_bars(bars: list[CountyBar], *, width: int = 640) -> Markup:
    """Stacked horizontal bars: covered / seeking without a push / not seeking, one row per county."""
    narrow = width < 500
    row_h, label_w, right_w, top = 26, (70 if narrow else 150), (70 if narrow else 92), (48 if narrow else 30)
    height = top + row_h * max(len(bars), 1) + 10
    plot_w = width - label_w - right_w
    biggest = max((b.registered for b in bars), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"'
        f' aria-label="各县覆盖情况" font-family="sans-serif">',
        "<title>各县求职人员推送覆盖情况</title>",
    ]
    legend = [("covered", "本周期已推送"), ("gap", "求职但未覆盖"), ("other", "已就业/暂无意愿")]
    x: float  # legend positions are whole numbers, bar positions fractions
    x, y0 = (4 if narrow else label_w), 6
    for kind, text in legend:
        if narrow and x + 16 + 13 * len(text) > width:
            x, y0 = 4, y0 + 18
        parts.append(f'<rect x="{x}" y="{y0}" width="12" height="12" fill="{COLOURS[kind]}"/>')
        parts.append(f'<text x="{x + 16}" y="{y0 + 11}" font-size="12">{text}</text>')
        x += 22 + 13 * len(text)
    if not bars:
        parts.append(f'<text x="{label_w}" y="{top + 18}" font-size="13" fill="#666">还没有登记人员</text>')
    for i, b in enumerate(bars):
        y = top + i * row_h
        parts.append(f'<g><title>{escape(b.label)}：登记{b.registered}人，求职{b.seeking}人，'
                     f'已覆盖{b.covered}人，未覆盖{b.gap}人</title>')
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" font-size="13" text-anchor="end">'
                     f"{escape(b.label)}</text>")
        x = float(label_w)
        for kind, value in (("covered", b.covered), ("gap", b.gap), ("other", b.other)):
            w = plot_w * value / biggest
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}"'
                             f' fill="{COLOURS[kind]}"/>')
            x += w
        pct = b.coverage_pct
        note = (f"{pct}%" if narrow else f"{pct}% 覆盖") if pct is not None else "无人求职"
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" font-size="12" fill="#333">{note}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_line(points: list[tuple[str, int]], *, width: int = 640, height: int = 140,
               label: str = "") -> Markup:
    """A small line chart of (label, value) points, oldest first."""
    left, right, top, bottom = 36, 24, 16, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max((v for _, v in points), default=0) or 1
    n = max(len(points) - 1, 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        return left + plot_w * i / n, top + plot_h * (1 - v / top_value)

    parts = [
        f'<svg class="chart trend" role="img" viewBox="0 0 {width} {height}"'
        f' xmlns="http://www.w3.org/2000/svg" aria-label="{escape(label)}" font-family="sans-serif">',
        f"<title>{escape(label)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#999"/>',
        f'<text x="{left - 4}" y="{top + 4}" font-size="11" text-anchor="end">{top_value}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="11" text-anchor="end">0</text>',
    ]
    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1565c0" stroke-width="2"/>')
    step = max(len(points) // (3 if width < 500 else 6), 1)
    for i, ((name, v), (x, y)) in enumerate(zip(points, coords, strict=True)):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1565c0"><title>{escape(name)}：{v}'
                     f"</title></circle>")
        if i % step == 0 or i == len(points) - 1:
            parts.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle">'
                         f"{escape(name)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
