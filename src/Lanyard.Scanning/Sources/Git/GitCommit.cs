namespace Lanyard.Scanning.Sources.Git;

/// <summary>A commit as a history scan reports it: full hash, author time, <c>Name &lt;email&gt;</c>.</summary>
internal sealed record GitCommit(string Id, DateTimeOffset AuthorTime, string? Author);
