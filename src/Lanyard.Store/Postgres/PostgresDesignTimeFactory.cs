using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lanyard.Store.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLanyardDbContext>
{
    public PostgresLanyardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLanyardDbContext>().UseNpgsql("Host=localhost;Database=lanyard").Options);
}
