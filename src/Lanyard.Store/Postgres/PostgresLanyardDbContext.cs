using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Postgres;

/// <summary>PostgreSQL, for production and for several replicas on one cluster.</summary>
public sealed class PostgresLanyardDbContext(DbContextOptions<PostgresLanyardDbContext> options) : LanyardDbContext(options)
{
    public override StoreDialect Dialect => StoreDialect.Postgres;
}
