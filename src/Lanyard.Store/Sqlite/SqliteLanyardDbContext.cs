using Microsoft.EntityFrameworkCore;

namespace Lanyard.Store.Sqlite;

/// <summary>The embedded default: SQLite in the data folder.</summary>
public sealed class SqliteLanyardDbContext(DbContextOptions<SqliteLanyardDbContext> options) : LanyardDbContext(options)
{
    public override StoreDialect Dialect => StoreDialect.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no time type: store UTC ticks so ordering and range filters run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
