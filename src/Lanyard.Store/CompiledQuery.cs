namespace Lanyard.Store;

/// <summary>
/// A query compiled once per database dialect. EF Core binds a compiled query to the model it
/// first runs against, and SQLite and PostgreSQL contexts have models of their own.
/// </summary>
/// <param name="compile">Makes the compiled query; called once for each dialect.</param>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly TQuery _sqlite = compile();
    private readonly TQuery _postgres = compile();

    public TQuery For(LanyardDbContext db) => db.Dialect == StoreDialect.Postgres ? _postgres : _sqlite;
}
