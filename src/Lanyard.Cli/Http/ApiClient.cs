using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lanyard.Cli.Http;

/// <summary>JSON calls to the server; a problem document becomes a <see cref="CliException"/> that quotes it.</summary>
internal sealed class ApiClient(HttpClient http)
{
    public static ApiClient Connect() => new(ServerConnection.Create());

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<JsonNode?> PostAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, ct);

    public Task<JsonNode?> PatchAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) }, ct);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), ct);

    public async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Can't reach the Lanyard server at {http.BaseAddress}: {e.Message} "
                + "(set LANYARD_ADDR, and LANYARD_CACERT for its CA)", ExitCodes.Failed);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }

            throw Failure(response.StatusCode, text);
        }
    }

    private static CliException Failure(HttpStatusCode status, string body)
    {
        string message;
        try
        {
            var problem = JsonNode.Parse(body);
            var detail = problem?["detail"]?.GetValue<string>() ?? problem?["title"]?.GetValue<string>()
                         ?? problem?["error_description"]?.GetValue<string>() ?? problem?["error"]?.GetValue<string>();
            message = detail ?? $"the server answered {(int)status}";
        }
        catch (JsonException)
        {
            message = $"the server answered {(int)status} {status}";
        }

        var code = (int)status is >= 400 and < 500 ? ExitCodes.BadInput : ExitCodes.Failed;
        return new CliException(message, code);
    }
}
