using System.Security.Cryptography.X509Certificates;
using Lanyard.Core.Inventory;
using Lanyard.Pki;

namespace Lanyard.Store.Pki;

/// <summary>A certificate just issued, its inventory record, the CA that signed it, and a generated key when Lanyard made one.</summary>
public sealed record IssuedCertificate(Credential Credential, X509Certificate2 Certificate, EnvironmentCa Ca, string? PrivateKeyPem);
