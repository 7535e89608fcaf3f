namespace Lanyard.Store;

/// <summary>The database engines Lanyard stores its state in.</summary>
public enum StoreDialect
{
    /// <summary>The embedded default: one file in the data folder.</summary>
    Sqlite,

    /// <summary>For production and for several replicas.</summary>
    Postgres,
}
