using System.Text.Json.Serialization;

namespace Lanyard.Acme;

/// <summary>
/// An ACME problem document (RFC 8555 section 6.7): a type under
/// <c>urn:ietf:params:acme:error:</c>, a detail for people, the HTTP status, and for an order's
/// failure the problems of its identifiers.
/// </summary>
public sealed record AcmeProblem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("status")] int Status)
{
    public const string Namespace = "urn:ietf:params:acme:error:";

    [JsonPropertyName("identifier")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AcmeIdentifier? Identifier { get; init; }

    [JsonPropertyName("subproblems")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AcmeProblem>? Subproblems { get; init; }

    public static AcmeProblem Malformed(string detail) => New("malformed", detail, 400);

    public static AcmeProblem BadNonce(string detail) => New("badNonce", detail, 400);

    public static AcmeProblem BadSignatureAlgorithm(string detail) => New("badSignatureAlgorithm", detail, 400);

    public static AcmeProblem BadPublicKey(string detail) => New("badPublicKey", detail, 400);

    public static AcmeProblem Unauthorized(string detail) => New("unauthorized", detail, 403);

    public static AcmeProblem AccountDoesNotExist(string detail) => New("accountDoesNotExist", detail, 400);

    public static AcmeProblem ExternalAccountRequired(string detail) => New("externalAccountRequired", detail, 403);

    public static AcmeProblem InvalidContact(string detail) => New("invalidContact", detail, 400);

    public static AcmeProblem UnsupportedContact(string detail) => New("unsupportedContact", detail, 400);

    public static AcmeProblem RejectedIdentifier(string detail) => New("rejectedIdentifier", detail, 400);

    public static AcmeProblem UnsupportedIdentifier(string detail) => New("unsupportedIdentifier", detail, 400);

    public static AcmeProblem BadCsr(string detail) => New("badCSR", detail, 400);

    public static AcmeProblem OrderNotReady(string detail) => New("orderNotReady", detail, 403);

    public static AcmeProblem IncorrectResponse(string detail) => New("incorrectResponse", detail, 400);

    public static AcmeProblem Connection(string detail) => New("connection", detail, 400);

    public static AcmeProblem Dns(string detail) => New("dns", detail, 400);

    public static AcmeProblem AlreadyRevoked(string detail) => New("alreadyRevoked", detail, 400);

    public static AcmeProblem BadRevocationReason(string detail) => New("badRevocationReason", detail, 400);

    public static AcmeProblem ServerInternal(string detail) => New("serverInternal", detail, 500);

    /// <summary>Not an ACME type: RFC 8555 leaves a missing resource to plain HTTP 404, and clients read only the status.</summary>
    public static AcmeProblem NotFound(string detail) => New("malformed", detail, 404);

    private static AcmeProblem New(string type, string detail, int status) => new(Namespace + type, detail, status);
}

/// <summary>Thrown by protocol code for a request that must be refused; the edge answers it with the problem document.</summary>
public sealed class AcmeProblemException(AcmeProblem problem) : Exception(problem?.Detail)
{
    public AcmeProblem Problem { get; } = problem ?? throw new ArgumentNullException(nameof(problem));
}

/// <summary>An identifier in an order (RFC 8555 section 7.1.4); Lanyard certifies <c>dns</c> ones.</summary>
public sealed record AcmeIdentifier(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value)
{
    public static AcmeIdentifier Dns(string name) => new("dns", name);
}
