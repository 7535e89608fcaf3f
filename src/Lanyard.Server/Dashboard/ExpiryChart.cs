using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Html;

namespace Lanyard.Server.Dashboard;

/// <summary>
/// Horizontal stacked bars of what expires within 30, 60 and 90 days per environment, drawn as
/// inline SVG on the server. The same numbers are in a table for screen readers.
/// </summary>
internal static class ExpiryChart
{
    private const int LabelWidth = 110;
    private const int BarWidth = 480;
    private const int RowHeight = 34;
    private const int BarHeight = 24;

    public static IHtmlContent Render(IReadOnlyList<ExpiryBuckets> rows, string describedBy)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var max = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(r => r.Total));
        var height = rows.Count * RowHeight + 40;
        var svg = new StringBuilder();
        var html = HtmlEncoder.Default;
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"expiry-svg-title\" "
                + $"aria-describedby=\"{html.Encode(describedBy)}\" viewBox=\"0 0 {LabelWidth + BarWidth + 110} "
                + $"{height}\">");
        svg.Append("<title id=\"expiry-svg-title\">Active credentials expiring within 30, 31 to 60 and 61 to 90 days, "
            + "per environment; the table below has the same numbers.</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = i * RowHeight + 4;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth - 10}\" y=\"{y + 17}\" text-anchor=\"end\" "
                + $"class=\"label\">{html.Encode(row.Environment)}</text>");
            double x = LabelWidth;
            foreach (var (count, css) in new[] { (row.Within30Days, "b30"), (row.Within60Days, "b60"), (row.Within90Days, "b90") })
            {
                var width = count * (double)BarWidth / max;
                if (count > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect x=\"{Display.Number(x)}\" y=\"{y}\" width=\"{Display.Number(width)}\" "
                        + $"height=\"{BarHeight}\" class=\"{css}\"/>");
                }

                x += width;
            }

            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Display.Number(x + 8)}\" y=\"{y + 17}\" class=\"label\">{row.Total}</text>");
        }

        var legendY = rows.Count * RowHeight + 14;
        svg.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({LabelWidth}, {legendY})\">");
        svg.Append("<rect width=\"14\" height=\"14\" class=\"b30\"/><text x=\"20\" y=\"12\" class=\"legend\">within 30 days</text>");
        svg.Append("<rect x=\"150\" width=\"14\" height=\"14\" class=\"b60\"/>"
            + "<text x=\"170\" y=\"12\" class=\"legend\">31–60 days</text>");
        svg.Append("<rect x=\"280\" width=\"14\" height=\"14\" class=\"b90\"/>"
            + "<text x=\"300\" y=\"12\" class=\"legend\">61–90 days</text>");
        svg.Append("</g></svg>");
        return new HtmlString(svg.ToString());
    }
}
