using Lanyard.Core.Policy;
using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Policy;

/// <summary>
/// Environments share no secret and no key: a secret or public key whose fingerprint already
/// belongs to a credential of another environment is refused when it is issued or registered.
/// </summary>
/// <remarks>
/// Discovery imports are not refused: what an export or a scan found exists whatever Lanyard
/// says, and it is reported as a reused-across-environments finding instead.
/// </remarks>
internal static class SecretIsolation
{
    public const string Rule = "isolation";

    // Every issuance asks; compiled, the question is one indexed read.
    private static readonly CompiledQuery<Func<LanyardDbContext, string, string, CancellationToken, Task<string?>>>
        OtherEnvironment = new(() => EF.CompileAsyncQuery(
            (LanyardDbContext db, string fingerprint, string environment, CancellationToken _) => db.Credentials.AsNoTracking()
                .Where(c => c.Fingerprint == fingerprint && c.Environment != environment)
                .Select(c => c.Environment)
                .FirstOrDefault()));

    public static async Task<PolicyRefusal?> CheckAsync(
        LanyardDbContext db, string environment, string? fingerprint, string field, CancellationToken cancellationToken)
    {
        if (fingerprint is null)
        {
            return null;
        }

        var other = await OtherEnvironment.For(db)(db, fingerprint, environment, cancellationToken);
        return other is null
            ? null
            : new PolicyRefusal(environment, Rule,
                $"fingerprint {fingerprint} already belongs to a credential of environment '{other}'; environments "
                    + "share no secrets or keys",
                field);
    }
}
