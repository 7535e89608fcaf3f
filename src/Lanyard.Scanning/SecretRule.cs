namespace Lanyard.Scanning;

/// <summary>
/// One detection rule: a stable id used in reports, baselines and SARIF, the kind of credential it
/// finds, and a one-line description.
/// </summary>
/// <param name="Id">Stable rule id, e.g. <c>github-pat</c>.</param>
/// <param name="Kind">The credential kind, e.g. <c>github-pat</c> or <c>private-key</c>.</param>
/// <param name="Description">What the rule finds, in one sentence.</param>
/// <param name="Family">The provider family whose detector owns the rule, e.g. <c>github</c>.</param>
public sealed record SecretRule(string Id, string Kind, string Description, string Family)
{
    /// <summary>
    /// The secret is an encoded envelope as written (a docker <c>auth</c> pair): a token found by
    /// decoding it is the same secret seen from inside, so the envelope is what gets reported.
    /// </summary>
    public bool Envelope { get; init; }
}
