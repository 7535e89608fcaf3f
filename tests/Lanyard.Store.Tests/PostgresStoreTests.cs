using Lanyard.Store.Tests.Fixtures;

namespace Lanyard.Store.Tests;

/// <summary>The store suite on a real PostgreSQL server.</summary>
public sealed class PostgresStoreTests : StoreSuite<PostgresTestDatabase>;
