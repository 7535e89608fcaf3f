using Lanyard.Core.Discovery;
using Lanyard.Discovery;
using Lanyard.Server.Auth;
using Lanyard.Store.Inventory;
using Microsoft.AspNetCore.Http.Features;

namespace Lanyard.Server.Api;

/// <summary><c>POST /v1/imports/{source}?environment=ENV</c> with the export files as multipart form data.</summary>
internal static class ImportEndpoints
{
    /// <summary>Large enough for a credential report of a few hundred thousand users.</summary>
    public const long MaxUploadBytes = 1L << 30;

    public static void MapImports(this RouteGroupBuilder v1)
    {
        v1.MapPost("/imports/{source}", ImportAsync).WithTags("Discovery").DisableAntiforgery();
    }

    private static async Task<IResult> ImportAsync(
        string source, HttpContext http, InventoryService inventory, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Lanyard.Server.Import");
        var importer = ExportImporters.Find(source);
        if (importer is null)
        {
            var known = string.Join(", ", ExportImporters.All.Select(i => i.Source));
            return Problems.From(Core.Problem.NotFound("importer", source)
                with { Detail = $"No importer named '{source}'; known: {known}." });
        }

        if (QueryParsing.NonEmpty(http.Request.Query["environment"]) is not { } environment)
        {
            return Problems.Invalid("environment", "Name the environment to import into: ?environment=ENV.");
        }

        http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = MaxUploadBytes;
        if (!http.Request.HasFormContentType)
        {
            return Problems.Invalid("files", "Send the export files as multipart/form-data, one part per file.");
        }

        var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxUploadBytes }, ct);
        if (form.Files.Count == 0)
        {
            return Problems.Invalid("files", "The request carries no files.");
        }

        var files = form.Files.Select(f => new ExportFile(f.FileName is { Length: > 0 } name ? name : f.Name, f.OpenReadStream)).ToList();
        DiscoveryBatch batch;
        try
        {
            batch = importer.Import(files);
        }
        catch (ImportException e)
        {
            Log.ImportRejected(logger, importer.Source, environment, e.Message);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The export can't be imported",
                type: Problems.TypePrefix + "bad-export",
                extensions: new Dictionary<string, object?> { ["file"] = e.File, ["location"] = e.Location, ["field"] = e.Problem });
        }

        var imported = await inventory.ImportAsync(environment, batch, http.User.ToActor(), ct);
        if (imported.Succeeded)
        {
            var s = imported.Value!;
            Log.Imported(logger, s.Source, s.Environment, s.CredentialsAdded, s.CredentialsChanged, s.CredentialsGone);
        }

        return imported.ToResult(Results.Ok);
    }
}
