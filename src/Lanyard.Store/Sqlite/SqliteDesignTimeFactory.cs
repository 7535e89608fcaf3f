using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lanyard.Store.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without a server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLanyardDbContext>
{
    public SqliteLanyardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLanyardDbContext>().UseSqlite("Data Source=design.db").Options);
}
