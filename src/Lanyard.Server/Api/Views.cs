using Lanyard.Core.Inventory;

namespace Lanyard.Server.Api;

/// <summary>An environment as the API shows it.</summary>
public sealed record EnvironmentView(string Name, string TrustDomain, int StaleAfterDays, int RenewalWindowDays, DateTimeOffset CreatedAt)
{
    public static EnvironmentView From(DeploymentEnvironment e)
        => new(e.Name, e.TrustDomain, e.StaleAfterDays, e.RenewalWindowDays, e.CreatedAt);
}

/// <summary>An owner as the API shows it.</summary>
public sealed record OwnerView(Guid Id, string Name, string? Contact, string? Webhook, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The webhook signing secret, present only in the answer that made it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? WebhookSecret { get; init; }

    public static OwnerView From(Owner o) => new(o.Id.Value, o.Name, o.Contact, o.WebhookUrl, o.CreatedAt, o.UpdatedAt);

    public static OwnerView From(Store.Inventory.SavedOwner saved) => From(saved.Owner) with { WebhookSecret = saved.WebhookSecret };
}

/// <summary>A webhook delivery: its owner and event, where it stands, and every attempt made.</summary>
public sealed record WebhookDeliveryView(
    Guid Id, Guid OwnerId, string? Owner, string Event, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, string? LastError,
    IReadOnlyList<WebhookAttemptView> AttemptLog)
{
    public static WebhookDeliveryView From(Store.Inventory.WebhookDeliveryRecord record, IReadOnlyDictionary<OwnerId, string> owners)
    {
        ArgumentNullException.ThrowIfNull(record);
        var d = record.Delivery;
        var pending = d.Status == Store.Webhooks.WebhookDeliveryStatus.Pending;
        var attempts = record.Attempts.Select(a => new WebhookAttemptView(a.Number, a.At, a.StatusCode, a.Error,
            a.DurationMilliseconds)).ToList();
        return new(d.Id, d.OwnerId.Value, IdentityView.OwnerName(d.OwnerId, owners), d.Event, d.Status.ToString().ToLowerInvariant(),
            d.Attempts, d.CreatedAt, pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.DeliveredAt,
            attempts.Count > 0 ? attempts[^1].Error : null, attempts);
    }
}

public sealed record WebhookAttemptView(int Number, DateTimeOffset At, int? StatusCode, string? Error, int DurationMilliseconds);

/// <summary>An identity as the API shows it, with its owner's name.</summary>
public sealed record IdentityView(
    Guid Id, string Name, string Environment, Guid? OwnerId, string? Owner, string SpiffeId, IdentityClass Class,
    CredentialSource Source, string? Origin, bool Gone, IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static IdentityView From(Identity i, IReadOnlyDictionary<OwnerId, string> owners) => new(
        i.Id.Value, i.Name, i.Environment, i.OwnerId?.Value, OwnerName(i.OwnerId, owners), i.SpiffeId, i.Class,
        i.Source, i.Origin, i.Gone, i.Labels, i.CreatedAt, i.UpdatedAt);

    internal static string? OwnerName(OwnerId? id, IReadOnlyDictionary<OwnerId, string> owners) =>
        id is { } key && owners.TryGetValue(key, out var name) ? name : null;
}

/// <summary>A credential as the API shows it: everything but its value, which is never shown here.</summary>
public sealed record CredentialView(
    Guid Id, Guid? IdentityId, string Environment, Guid? OwnerId, string? Owner, string Name, CredentialKind Kind,
    CredentialSource Source, string? Origin, CredentialState State, string? Fingerprint, string? KeyId,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string? LastUsedFrom, bool UsageTracked,
    DateTimeOffset? LastRotatedAt, string? KeyAlgorithm, int? KeySize, string? SignatureAlgorithm, string? Subject,
    string? Issuer, IReadOnlyList<string> SubjectAlternativeNames, bool SecretHeld, Guid? RotatedFrom, Guid? SupersededBy,
    DateTimeOffset? RetiresAt, string? SerialNumber = null)
{
    public static CredentialView From(Credential c, IReadOnlyDictionary<OwnerId, string> owners) => new(
        c.Id.Value, c.IdentityId?.Value, c.Environment, c.OwnerId?.Value, IdentityView.OwnerName(c.OwnerId, owners), c.Name,
        c.Kind, c.Source, c.Origin, c.State, c.Fingerprint, c.KeyId, c.CreatedAt, c.ExpiresAt, c.LastUsedAt, c.LastUsedFrom,
        c.UsageTracked, c.LastRotatedAt, c.KeyAlgorithm, c.KeySize, c.SignatureAlgorithm, c.Subject, c.Issuer,
        c.SubjectAlternativeNames, c.SealedValue is not null, c.RotatedFromId?.Value, c.SupersededById?.Value, c.RetiresAt, c.SerialNumber);
}

/// <summary>One page of a list and the cursor for the next (null on the last page).</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? NextCursor);
