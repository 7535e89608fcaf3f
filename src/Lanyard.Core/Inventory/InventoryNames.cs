using System.Text.RegularExpressions;

namespace Lanyard.Core.Inventory;

/// <summary>What names of environments, owners and identities may look like.</summary>
public static partial class InventoryNames
{
    /// <summary>A lowercase DNS label: it becomes part of a trust domain and of URLs.</summary>
    public static bool IsValidEnvironment(string? name) => name is not null && EnvironmentPattern().IsMatch(name);

    public static bool IsValidOwner(string? name) => name is not null && OwnerPattern().IsMatch(name);

    /// <summary>Letters, digits and <c>. _ - / :</c>, starting with a letter or digit.</summary>
    public static bool IsValidIdentity(string? name) => name is not null && IdentityPattern().IsMatch(name);

    /// <summary>The SPIFFE path for an identity created by name: its name with <c>:</c> turned into <c>/</c>.</summary>
    public static string SpiffePathFor(string identityName) => "/" + identityName.Replace(':', '/');

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex EnvironmentPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@ -]{0,127}$")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$")]
    private static partial Regex IdentityPattern();
}
