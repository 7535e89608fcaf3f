using System.Security.Cryptography.X509Certificates;

namespace Lanyard.Pki;

/// <summary>A CA certificate an operator imported, checked and with its private key.</summary>
/// <param name="Certificate">The imported CA, with its key.</param>
/// <param name="Chain">For an intermediate: the certificates between it and its root.</param>
/// <param name="Root">The self-signed root it chains to; the certificate itself when it is a root.</param>
public sealed record ImportedCa(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain, X509Certificate2 Root)
{
    public bool IsRoot => ReferenceEquals(Certificate, Root);
}
