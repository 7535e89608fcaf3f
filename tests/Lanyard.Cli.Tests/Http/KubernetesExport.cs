using System.Text;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Tests.Http;

/// <summary>A <c>kubectl get serviceaccounts,secrets -A -o json</c> export of one namespace's secrets.</summary>
internal static class KubernetesExport
{
    public const string Owner = "team-payments";

    /// <summary>Imports Opaque secrets holding <paramref name="values"/> (data key to value) through the API.</summary>
    public static async Task ImportAsync(HttpClient client, string environment, IReadOnlyDictionary<string, string> values)
    {
        var items = new JsonArray();
        foreach (var (key, value) in values)
        {
            items.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"billing-{key}",
                    ["namespace"] = "billing",
                    ["labels"] = new JsonObject { ["owner"] = Owner },
                    ["creationTimestamp"] = "2026-05-02T08:00:00Z",
                },
                ["type"] = "Opaque",
                ["data"] = new JsonObject { [key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) },
            });
        }

        var export = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items };
        using var form = new MultipartFormDataContent
        {
            { new StringContent(export.ToJsonString()), "files", "serviceaccounts-secrets.json" },
        };
        var response = await client.PostAsync($"/v1/imports/kubernetes?environment={environment}", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
