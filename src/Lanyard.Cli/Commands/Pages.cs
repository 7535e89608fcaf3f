using System.Text.Json.Nodes;
using Lanyard.Cli.Http;

namespace Lanyard.Cli.Commands;

/// <summary>Follows a list's cursors and gathers every page into one array.</summary>
internal static class Pages
{
    public static async Task<JsonArray> ReadAllAsync(ApiClient api, string path, CancellationToken ct)
    {
        var all = new JsonArray();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var url = $"{path}{separator}limit=1000" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await api.GetAsync(url, ct);
            foreach (var item in page?["items"]?.AsArray().ToList() ?? [])
            {
                item?.Parent?.AsArray().Remove(item);
                all.Add(item);
            }

            cursor = page?["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return all;
    }
}
