using System.CommandLine;
using Lanyard.Cli.Output;

namespace Lanyard.Cli.Commands;

/// <summary><c>lanyard owner list | show | create | update | delete</c>.</summary>
internal static class OwnerCommand
{
    private static readonly Column[] Columns =
        [Column.Of("ID", "id"), Column.Of("NAME", "name"), Column.Of("CONTACT", "contact"), Column.Of("WEBHOOK", "webhook"),
         Column.Time("CREATED", "createdAt")];

    public static Command Create()
    {
        var command = new Command("owner", "Owners: the teams and people accountable for identities");
        var owner = new Argument<string>("OWNER") { Description = "The owner's name or id" };
        var contact = new Option<string?>("--contact") { Description = "Where to reach the owner (an email address)" };
        var rename = new Option<string?>("--name") { Description = "A new name" };
        var webhook = new Option<string?>("--webhook")
        {
            Description = "An https URL that receives signed lifecycle events; a new signing secret is shown once",
        };
        var clearWebhook = new Option<bool>("--clear-webhook") { Description = "Stop sending lifecycle events to this owner" };
        var text = new Option<string?>("--query", "-q") { Description = "Only owners whose name contains this text" };

        var list = new Command("list", "List owners") { text };
        list.SetServerAction(async (parse, api, ct) =>
        {
            var items = await Pages.ReadAllAsync(api, "/v1/owners" + CommandActions.Query(("q", parse.GetValue(text))), ct);
            Printer.List(items, parse.Format(), Columns);
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Show one owner") { owner };
        show.SetServerAction(async (parse, api, ct) =>
        {
            Printer.Item(await api.GetAsync($"/v1/owners/{CommandActions.Segment(parse.GetValue(owner)!)}", ct), parse.Format());
            return ExitCodes.Ok;
        });

        var create = new Command("create", "Create an owner") { owner, contact, webhook };
        create.SetServerAction(async (parse, api, ct) =>
        {
            var body = new { name = parse.GetValue(owner), contact = parse.GetValue(contact), webhook = parse.GetValue(webhook) };
            PrintOwner(await api.PostAsync("/v1/owners", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var update = new Command("update", "Rename an owner, change its contact or its webhook")
        {
            owner, rename, contact, webhook, clearWebhook
        };
        update.SetServerAction(async (parse, api, ct) =>
        {
            var body = new
            {
                name = parse.GetValue(rename), contact = parse.GetValue(contact),
                webhook = parse.GetValue(webhook), clearWebhook = parse.GetValue(clearWebhook),
            };
            PrintOwner(await api.PatchAsync($"/v1/owners/{CommandActions.Segment(parse.GetValue(owner)!)}", body, ct), parse.Format());
            return ExitCodes.Ok;
        });

        var delete = new Command("delete", "Delete an owner that owns nothing") { owner };
        delete.SetServerAction(async (parse, api, ct) =>
        {
            await api.DeleteAsync($"/v1/owners/{CommandActions.Segment(parse.GetValue(owner)!)}", ct);
            Console.WriteLine($"Deleted owner {parse.GetValue(owner)}.");
            return ExitCodes.Ok;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(create);
        command.Subcommands.Add(update);
        command.Subcommands.Add(delete);
        return command;
    }

    /// <summary>The owner; a webhook secret made just now is printed apart, as it is shown only this once.</summary>
    private static void PrintOwner(System.Text.Json.Nodes.JsonNode? saved, string format)
    {
        if (format == "json" || saved?["webhookSecret"] is not { } secret)
        {
            Printer.Item(saved, format);
            return;
        }

        saved.AsObject().Remove("webhookSecret");
        Printer.Item(saved, format);
        Printer.Secret("Webhook signing secret", secret.GetValue<string>(),
            $"X-Lanyard-Signature is sha256=HMAC-SHA256(secret, body) in hex, for {saved["webhook"]}",
            "Lanyard keeps it sealed to sign events");
    }
}
