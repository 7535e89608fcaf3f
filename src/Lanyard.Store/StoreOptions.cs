namespace Lanyard.Store;

/// <summary>Where Lanyard keeps its state.</summary>
public sealed class StoreOptions
{
    public StoreDialect Dialect { get; set; } = StoreDialect.Sqlite;

    /// <summary>An ADO.NET connection string for the dialect.</summary>
    public required string ConnectionString { get; set; }
}
