using Lanyard.Store.Tests.Fixtures;

namespace Lanyard.Store.Tests;

/// <summary>The store suite on the embedded default.</summary>
public sealed class SqliteStoreTests : StoreSuite<SqliteTestDatabase>;
