namespace Lanyard.Cli.Tests;

/// <summary>
/// A temporary folder to scan, and fake credentials of real formats built at run time from a seeded
/// generator, so that no secret-shaped text sits in the test sources.
/// </summary>
internal sealed class SecretFiles : IDisposable
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Random random = new(20261204);

    public string Folder { get; } = Directory.CreateTempSubdirectory("lanyard-scan-cli").FullName;

    public string AwsKeyId() => "AKIA" + From(Base32, 16);

    public string Lower(int length) => From("abcdefghijklmnopqrstuvwxyz0123456789", length);

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Password(int length) => From(Base62, length - 2) + "7q";

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private string From(string alphabet, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
