using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lanyard.Store.Bulk;

/// <summary>
/// One entity's table as the store's EF Core model maps it: column names, the key, and each
/// column's type mapping with its value conversion, so rows written in bulk are exactly the rows
/// EF Core would have written.
/// </summary>
internal sealed class TableMap
{
    private TableMap(string name, IReadOnlyList<ColumnMap> columns, ColumnMap key)
    {
        Name = name;
        Columns = columns;
        Key = key;
    }

    public string Name { get; }

    /// <summary>Every column, the key included.</summary>
    public IReadOnlyList<ColumnMap> Columns { get; }

    public ColumnMap Key { get; }

    public IEnumerable<ColumnMap> NonKeyColumns => Columns.Where(c => !ReferenceEquals(c, Key));

    public string QuotedName => Quote(Name);

    public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    public static TableMap Of<T>(DbContext db)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))
                     ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the store.");
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table.");
        var table = StoreObjectIdentifier.Table(name, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => new ColumnMap(p.GetColumnName(table) ?? p.Name, p, p.GetRelationalTypeMapping()))
            .ToList();

        var keyProperty = entity.FindPrimaryKey() is { Properties: [var only] }
            ? only
            : throw new InvalidOperationException($"{entity.DisplayName()} has no single-column key.");
        return new TableMap(name, columns, columns.Single(c => c.Property == keyProperty));
    }

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

/// <summary>One column: its name, the property behind it, and how its values are converted for the database.</summary>
internal sealed class ColumnMap(string name, IProperty property, RelationalTypeMapping mapping)
{
    private readonly IClrPropertyGetter _getter = property.GetGetter();

    public string Name { get; } = name;

    public IProperty Property { get; } = property;

    public RelationalTypeMapping Mapping { get; } = mapping;

    public bool Nullable => Property.IsNullable;

    /// <summary>The database type without its length (<c>character varying</c>), as binary COPY names it.</summary>
    public string StoreTypeName { get; } = mapping.StoreType.IndexOf('(', StringComparison.Ordinal) is var open and >= 0
        ? mapping.StoreType[..open].TrimEnd()
        : mapping.StoreType;

    /// <summary>The value as the database stores it (enum names, JSON text, ticks), or null.</summary>
    public object? ProviderValue(object entity)
    {
        var value = _getter.GetClrValueUsingContainingEntity(entity);
        return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }
}
