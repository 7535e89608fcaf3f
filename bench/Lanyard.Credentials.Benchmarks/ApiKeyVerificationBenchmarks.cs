using BenchmarkDotNet.Attributes;
using Lanyard.Core.Keys;

namespace Lanyard.Credentials.Benchmarks;

/// <summary>
/// The in-process part of API key verification, as <c>WorkloadAuthenticator</c> runs it before
/// and after its database lookup: the format and checksum check, the SHA-256 that finds the
/// stored record, and the constant-time comparison with the stored hash.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyVerificationBenchmarks
{
    private string _key = "";
    private string _storedHash = "";
    private string _otherKey = "";
    private string _editedKey = "";

    [GlobalSetup]
    public void Setup()
    {
        _key = LanyardKeyFormat.Create("prod");
        _storedHash = SecretHash.Of(_key);
        _otherKey = LanyardKeyFormat.Create("prod");

        // The environment edited after issuance: the checksum no longer matches.
        _editedKey = "lny_prox_" + _key["lny_prod_".Length..];
        if (!SecretHash.Matches(_key, _storedHash) || SecretHash.Matches(_otherKey, _storedHash) || LanyardKeyFormat.IsValid(_editedKey))
        {
            throw new InvalidOperationException("The benchmark keys do not behave as issued keys do.");
        }
    }

    [Benchmark(Baseline = true, Description = "valid key: format, SHA-256 lookup hash, constant-time match")]
    public bool ValidKey() => Verify(_key);

    [Benchmark(Description = "well-formed key of another credential")]
    public bool UnknownKey() => Verify(_otherKey);

    [Benchmark(Description = "key whose checksum fails")]
    public bool MalformedKey() => Verify(_editedKey);

    private bool Verify(string key)
    {
        if (!LanyardKeyFormat.TryParse(key, out _))
        {
            return false;
        }

        // The lookup hash the database is queried with, then the check of the record it found.
        return SecretHash.Of(key).Length == SecretHash.HexLength && SecretHash.Matches(key, _storedHash);
    }
}
