using System.CommandLine;
using System.Text.Json.Nodes;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard webhook deliveries | show | redeliver</c>: owners' webhook deliveries and their attempts.</summary>
internal static class WebhookCommand
{
    private static readonly Column[] Columns =
    [
        Column.Of("ID", "id"), Column.Of("OWNER", "owner"), Column.Of("EVENT", "event"), Column.Of("STATUS", "status"),
        Column.Of("ATTEMPTS", "attempts"), Column.Time("CREATED", "createdAt"), Column.Time("LAST ATTEMPT", "lastAttemptAt"),
        Column.Time("NEXT ATTEMPT", "nextAttemptAt"), Column.Of("LAST ERROR", "lastError"),
    ];

    private static readonly Column[] AttemptColumns =
    [
        Column.Of("#", "number"), Column.Time("AT", "at"), Column.Of("STATUS CODE", "statusCode"),
        Column.Of("MS", "durationMilliseconds"), Column.Of("ERROR", "error"),
    ];

    public static Command Create()
    {
        var command = new Command("webhook", "Owners' webhook deliveries: lifecycle events sent, retried and redelivered");
        var owner = new Option<string?>("--owner") { Description = "Only this owner's deliveries (name or id)" };
        var failed = new Option<bool>("--failed")
        {
            Description = "Only deliveries that gave up: attempts used up, or the owner's webhook removed",
        };
        var limit = new Option<int?>("--limit") { Description = "At most this many, newest first (default 100, at most 1000)" };
        var delivery = CommonOptions.Id("ID", "The delivery id (also the X-Lanyard-Delivery header)", "lanyard webhook deliveries");

        var deliveries = new Command("deliveries", "List deliveries, newest first") { owner, failed, limit };
        deliveries.SetServerAction(async (parse, api, ct) =>
        {
            var query = CommandActions.Query(("owner", parse.GetValue(owner)), ("failed", parse.GetValue(failed) ? "true" : null),
                ("limit", parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Printer.List(await api.GetAsync("/v1/webhooks/deliveries" + query, ct), parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Show one delivery and every attempt made at it") { delivery };
        show.SetServerAction(async (parse, api, ct) =>
        {
            PrintDelivery(await api.GetAsync(Path(parse.GetValue(delivery)!), ct), parse.Format());
            return ExitCodes.Ok;
        });

        var redeliver = new Command("redeliver", "Send a delivery again now, with its id and body unchanged") { delivery };
        redeliver.SetServerAction(async (parse, api, ct) =>
        {
            var queued = await api.PostAsync(Path(parse.GetValue(delivery)!) + "/redeliver", new { }, ct);
            if (parse.Format() == "json")
            {
                Printer.Json(queued);
                return ExitCodes.Ok;
            }

            Console.WriteLine($"Delivery {queued?["id"]} ({queued?["event"]} for {queued?["owner"]}) is queued to be sent again now; "
                + $"follow it with 'lanyard webhook show {queued?["id"]}'.");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(deliveries);
        command.Subcommands.Add(show);
        command.Subcommands.Add(redeliver);
        return command;
    }

    private static string Path(string id) => $"/v1/webhooks/deliveries/{CommandActions.Segment(id)}";

    /// <summary>The delivery's fields, then its attempts as a table of their own.</summary>
    private static void PrintDelivery(JsonNode? found, string format)
    {
        if (format == "json" || found is not JsonObject item)
        {
            Printer.Json(found);
            return;
        }

        var attempts = item["attemptLog"]?.DeepClone();
        item.Remove("attemptLog");
        Printer.Item(item, format);
        Printer.List(attempts, format, AttemptColumns);
    }
}
