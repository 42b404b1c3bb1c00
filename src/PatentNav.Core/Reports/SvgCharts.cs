using System.Globalization;
using System.Net;
using System.Text;

namespace PatentNav.Reports;

/// <summary>A point of a line series: a year and its count; incomplete years are drawn hollow and dashed.</summary>
/// <param name="Year">The year.</param>
/// <param name="Value">The count.</param>
/// <param name="Complete">False when the cut-off falls inside the year.</param>
internal readonly record struct SeriesPoint(int Year, double Value, bool Complete);

/// <summary>A bar: label, length, printed value.</summary>
internal readonly record struct Bar(string Label, double Value, string Text);

/// <summary>A bubble of the landscape map.</summary>
internal readonly record struct Bubble(int Id, double X, double Y, double Size, string Label, double? Growth);

/// <summary>
/// Inline SVG charts for the reports: trend lines, horizontal bars and the landscape map. Text stays text, set in the
/// viewer's Chinese fonts, so the charts read the same wherever the report is opened and the output is byte-identical
/// for the same figures (no font measurement on the server).
/// </summary>
internal static class SvgCharts
{
    internal const string FontStack = "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Zen Hei','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif";

    private const int Width = 720;
    private static readonly string[] Palette = ["#1f6fb2", "#d9822b", "#3a9d5d", "#b5446e", "#7b61a8", "#8c6d31", "#2a9d8f", "#c0392b", "#5d6d7e", "#a0a42f"];

    /// <summary>Year lines sharing one y axis.</summary>
    public static string Lines(string title, IReadOnlyList<(string Name, IReadOnlyList<SeriesPoint> Points)> series)
    {
        const int height = 300, left = 56, right = 20, top = 40, bottom = 52;
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            return Empty(title);
        }

        var svg = Start(title, height);

        int minYear = points.Min(p => p.Year), maxYear = Math.Max(points.Max(p => p.Year), minYear + 1);
        var maxValue = NiceMax(points.Max(p => p.Value));
        double X(double year) => left + ((year - minYear) / (maxYear - minYear) * (Width - left - right));
        double Y(double value) => top + ((1 - (value / maxValue)) * (height - top - bottom));
        Axes(svg, left, right, top, bottom, height, maxValue, Y);
        var step = Math.Max(1, (int)Math.Ceiling((maxYear - minYear + 1) / 12.0));
        for (var year = minYear; year <= maxYear; year += step)
        {
            svg.Append(F($"<text x=\"{X(year):0.#}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\" class=\"tick\">{year}</text>"));
        }

        for (var i = 0; i < series.Count; i++)
        {
            var color = Palette[i % Palette.Length];
            var ordered = series[i].Points.OrderBy(p => p.Year).ToList();
            var solid = ordered.Where(p => p.Complete).ToList();
            if (solid.Count > 1)
            {
                svg.Append(F($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2.2\" points=\"{string.Join(" ", solid.Select(p => F($"{X(p.Year):0.#},{Y(p.Value):0.#}")))}\"/>"));
            }

            foreach (var p in ordered)
            {
                svg.Append(F($"<circle cx=\"{X(p.Year):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"3.2\" fill=\"{(p.Complete ? color : "#fff")}\" stroke=\"{color}\" stroke-width=\"1.5\"><title>{p.Year}: {p.Value:0.##}{(p.Complete ? string.Empty : "（不完整年份）")}</title></circle>"));
            }

            svg.Append(F($"<rect x=\"{left + (i * 170)}\" y=\"{height - 18}\" width=\"12\" height=\"12\" fill=\"{color}\"/>"));
            svg.Append(F($"<text x=\"{left + (i * 170) + 18}\" y=\"{height - 8}\" class=\"legend\">{E(series[i].Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, largest first as given; an optional reference line (RTA = 1).</summary>
    public static string Bars(string title, IReadOnlyList<Bar> bars, double? reference = null, string? referenceLabel = null)
    {
        const int left = 230, right = 70, top = 40, rowHeight = 24;
        if (bars.Count == 0)
        {
            return Empty(title);
        }

        var height = top + (bars.Count * rowHeight) + 30;
        var svg = Start(title, height);

        var max = NiceMax(Math.Max(bars.Max(b => b.Value), reference ?? 0));
        double X(double v) => left + (v / max * (Width - left - right));
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + (i * rowHeight);
            var label = b.Label.Length > 18 ? b.Label[..17] + "…" : b.Label;
            svg.Append(F($"<text x=\"{left - 8}\" y=\"{y + 16}\" text-anchor=\"end\" class=\"label\"><title>{E(b.Label)}</title>{E(label)}</text>"));
            svg.Append(F($"<rect x=\"{left}\" y=\"{y + 4}\" width=\"{Math.Max(0, X(b.Value) - left):0.#}\" height=\"{rowHeight - 8}\" fill=\"{Palette[0]}\" rx=\"2\"/>"));
            svg.Append(F($"<text x=\"{X(b.Value) + 6:0.#}\" y=\"{y + 16}\" class=\"value\">{E(b.Text)}</text>"));
        }

        svg.Append(F($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - 30}\" stroke=\"#888\"/>"));
        if (reference is { } r)
        {
            svg.Append(F($"<line x1=\"{X(r):0.#}\" y1=\"{top - 4}\" x2=\"{X(r):0.#}\" y2=\"{height - 26}\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>"));
            svg.Append(F($"<text x=\"{X(r):0.#}\" y=\"{height - 12}\" text-anchor=\"middle\" class=\"tick\">{E(referenceLabel ?? r.ToString("0.##", CultureInfo.InvariantCulture))}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The landscape map: one bubble per cluster at its MDS position, area by size, colour by growth.</summary>
    public static string Map(string title, IReadOnlyList<Bubble> bubbles)
    {
        if (bubbles.Count == 0)
        {
            return Empty(title);
        }

        const int plot = 420, pad = 60, top = 40, legendRow = 20;
        var legendRows = (bubbles.Count + 1) / 2;
        var height = plot + 10 + (legendRows * legendRow);
        var svg = Start(title, height);

        double minX = bubbles.Min(b => b.X), maxX = bubbles.Max(b => b.X), minY = bubbles.Min(b => b.Y), maxY = bubbles.Max(b => b.Y);
        var spanX = Math.Max(maxX - minX, 1e-9);
        var spanY = Math.Max(maxY - minY, 1e-9);
        var maxSize = bubbles.Max(b => b.Size);
        svg.Append(F($"<rect x=\"{pad / 2}\" y=\"{top - 10}\" width=\"{Width - pad}\" height=\"{plot - top - 30}\" fill=\"#f7f9fb\" stroke=\"#dde3ea\"/>"));
        foreach (var b in bubbles.OrderByDescending(b => b.Size))
        {
            var cx = pad + ((b.X - minX) / spanX * (Width - (2 * pad)));
            var cy = top + 30 + ((b.Y - minY) / spanY * (plot - top - 110));
            var radius = 8 + (34 * Math.Sqrt(b.Size / maxSize));
            var color = b.Growth switch
            {
                null => "#9aa5b1",
                >= 0.05 => "#3a9d5d",
                <= -0.05 => "#c0392b",
                _ => "#d9822b",
            };
            // Only the number (the table's #) on the map, the labels in a legend below: labels of neighbouring bubbles collide.
            svg.Append(F($"<circle cx=\"{cx:0.#}\" cy=\"{cy:0.#}\" r=\"{radius:0.#}\" fill=\"{color}\" fill-opacity=\"0.55\" stroke=\"{color}\"><title>{b.Id}. {E(b.Label)}: {b.Size:0} 件</title></circle>"));
            svg.Append(F($"<text x=\"{cx:0.#}\" y=\"{cy + 4:0.#}\" text-anchor=\"middle\" class=\"value\" font-weight=\"bold\">{b.Id}</text>"));
        }

        var legend = new[] { ("#3a9d5d", "年均增长 ≥ 5%"), ("#d9822b", "−5%～5%"), ("#c0392b", "≤ −5%"), ("#9aa5b1", "无法拟合") };
        for (var i = 0; i < legend.Length; i++)
        {
            svg.Append(F($"<circle cx=\"{pad + (i * 150)}\" cy=\"{plot - 12}\" r=\"6\" fill=\"{legend[i].Item1}\" fill-opacity=\"0.55\" stroke=\"{legend[i].Item1}\"/>"));
            svg.Append(F($"<text x=\"{pad + (i * 150) + 12}\" y=\"{plot - 8}\" class=\"legend\">{E(legend[i].Item2)}</text>"));
        }

        var ordered = bubbles.OrderBy(b => b.Id).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var x = pad / 2 + (i % 2 * ((Width - pad) / 2));
            var y = plot + 14 + (i / 2 * legendRow);
            var label = ordered[i].Label.Length > 24 ? ordered[i].Label[..23] + "…" : ordered[i].Label;
            svg.Append(F($"<text x=\"{x}\" y=\"{y}\" class=\"label\"><tspan font-weight=\"bold\">{ordered[i].Id}</tspan> {E(label)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Start(string title, int height)
    {
        var sb = new StringBuilder(4096);
        sb.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{E(title)}\" style=\"max-width:{Width}px;font-family:{FontStack}\">"));
        sb.Append("<style>.tick{font-size:11px;fill:#555}.label{font-size:12px;fill:#222}.value{font-size:11px;fill:#333}.legend{font-size:12px;fill:#333}.title{font-size:15px;font-weight:bold;fill:#111}</style>");
        sb.Append(F($"<text x=\"10\" y=\"22\" class=\"title\">{E(title)}</text>"));
        return sb;
    }

    /// <summary>A chart with nothing to draw: the title and 无数据 in a short box, not an empty plot.</summary>
    private static string Empty(string title)
    {
        var svg = Start(title, 64);
        return svg.Append(F($"<text x=\"10\" y=\"50\" class=\"label\">无数据</text></svg>")).ToString();
    }

    private static void Axes(StringBuilder svg, int left, int right, int top, int bottom, int height, double max, Func<double, double> y)
    {
        for (var i = 0; i <= 4; i++)
        {
            var v = max * i / 4;
            svg.Append(F($"<line x1=\"{left}\" y1=\"{y(v):0.#}\" x2=\"{Width - right}\" y2=\"{y(v):0.#}\" stroke=\"#e3e7ec\"/>"));
            svg.Append(F($"<text x=\"{left - 6}\" y=\"{y(v) + 4:0.#}\" text-anchor=\"end\" class=\"tick\">{v:#,0.##}</text>"));
        }

        svg.Append(F($"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{Width - right}\" y2=\"{height - bottom}\" stroke=\"#888\"/>"));
        svg.Append(F($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#888\"/>"));
    }

    /// <summary>A round axis maximum with four round steps (0, 50, 100, 150, 200; never 37.5).</summary>
    private static double NiceMax(double value)
    {
        if (value <= 0)
        {
            return 4;
        }

        var rough = value / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var f in new[] { 1, 2, 2.5, 5, 10 })
        {
            var step = f * magnitude;
            if (step >= rough && (step >= 1 || f != 2.5))
            {
                return Math.Max(step, 1) * 4;
            }
        }

        return 40 * magnitude;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
