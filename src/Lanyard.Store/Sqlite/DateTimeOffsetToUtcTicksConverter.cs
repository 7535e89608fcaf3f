using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lanyard.Store.Sqlite;

/// <summary>Stores an instant as UTC ticks; read back with a zero offset.</summary>
internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
