namespace Lanyard.Store.Inventory;

/// <summary>What one import changed, by count.</summary>
public sealed record ImportSummary(
    string Source,
    string Environment,
    int IdentitiesAdded,
    int IdentitiesChanged,
    int IdentitiesGone,
    int CredentialsAdded,
    int CredentialsChanged,
    int CredentialsGone,
    int OwnersAdded);
