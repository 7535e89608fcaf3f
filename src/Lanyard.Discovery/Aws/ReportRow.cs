using CsvHelper;

using Lanyard.Core.Discovery;

namespace Lanyard.Discovery.Aws;

/// <summary>
/// One row of the credential report, read by column name. A short row, a bad date or a bad flag
/// fails with the line and column; values are never quoted, as some are account details.
/// </summary>
internal readonly struct ReportRow
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;
    private readonly string _fileName;
    private readonly long _line;

    public ReportRow(CsvReader csv, Dictionary<string, int> columns, string fileName)
    {
        _csv = csv;
        _columns = columns;
        _fileName = fileName;
        _line = csv.LineNumber;
    }

    public ImportException Error(string column, string problem) =>
        new(_fileName, $"line {_line}, column {column}", problem);

    public string Required(string column)
    {
        var value = Field(column);
        return value.Length > 0 ? value : throw Error(column, $"{column} is empty");
    }

    public bool Bool(string column) =>
        OptionalBool(column) ?? throw Error(column, $"{column} must be true or false");

    /// <summary><c>true</c> or <c>false</c>; null for <c>not_supported</c> (the root row's password columns).</summary>
    public bool? OptionalBool(string column)
    {
        // Compared as UTF-8 bytes: a large report holds eight flags a row, none worth a string.
        var value = Bytes(column);
        if (value.SequenceEqual("true"u8))
        {
            return true;
        }

        if (value.SequenceEqual("false"u8))
        {
            return false;
        }

        return IsPlaceholder(value) ? null : throw Error(column, $"{column} must be true, false or not_supported");
    }

    public DateTimeOffset Date(string column) =>
        OptionalDate(column) ?? throw Error(column, $"{column} must be a date");

    /// <summary>A time stamp, or null for the report's placeholders for none or unknown.</summary>
    public DateTimeOffset? OptionalDate(string column)
    {
        if (IsPlaceholder(Bytes(column)))
        {
            return null;
        }

        return IsoDates.TryParse(Field(column), out var date)
            ? date
            : throw Error(column, $"{column} is not an ISO 8601 date and time");
    }

    // Rows were checked against the header's field count before they get here.
    private string Field(string column) => _csv.GetString(_columns[column]);

    private ReadOnlySpan<byte> Bytes(string column) => _csv.GetSpan(_columns[column]);

    private static bool IsPlaceholder(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("N/A"u8) || value.SequenceEqual("no_information"u8)
        || value.SequenceEqual("not_supported"u8);
}
