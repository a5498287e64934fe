using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Empreinte.Ingestion;

/// <summary>
/// Decodes one Parquet column chunk into <see cref="ColumnText"/>: values and definition/repetition
/// levels are read raw into pooled buffers, then each row's cell is written as text.
/// </summary>
internal static class ParquetColumns
{
    private const string IsoUtc = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static void Flat(ParquetRowGroupReader group, DataField field, ColumnText text, int rows)
    {
        var t = field.ClrType;
        if (IsText(t)) Flat<ReadOnlyMemory<char>>(group, field, text, rows, static (c, v) => c.Append(v.Span));
        else if (t == typeof(double)) Flat<double>(group, field, text, rows, static (c, v) => c.Append(v, "R"));
        else if (t == typeof(float)) Flat<float>(group, field, text, rows, static (c, v) => c.Append(v, "R"));
        else if (t == typeof(decimal)) Flat<decimal>(group, field, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(long)) Flat<long>(group, field, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(int)) Flat<int>(group, field, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(short)) Flat<short>(group, field, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(bool)) Flat<bool>(group, field, text, rows, static (c, v) => c.Append(v ? "true" : "false"));
        else if (t == typeof(DateTime)) Flat<DateTime>(group, field, text, rows, static (c, v) => c.Append(Utc(v), IsoUtc));
        else if (t == typeof(DateOnly)) Flat<DateOnly>(group, field, text, rows, static (c, v) => c.Append(v, "yyyy-MM-dd"));
        else if (t == typeof(ulong)) Flat<ulong>(group, field, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(uint)) Flat<uint>(group, field, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(BigInteger)) Flat<BigInteger>(group, field, text, rows, static (c, v) => c.Append(v, default));
        // Other physical types (binary, intervals, GUIDs) carry nothing a billing mapper reads.
        else text.Empty(rows);
    }

    /// <summary>A map column (CUR 2.0 <c>product</c>, <c>resource_tags</c>, <c>cost_category</c>) as a JSON object; empty for a null or empty map.</summary>
    public static void Map(ParquetRowGroupReader group, DataField key, DataField value, ColumnText text, int rows)
    {
        if (!IsText(key.ClrType))
        {
            text.Empty(rows);
            return;
        }

        var t = value.ClrType;
        if (IsText(t)) Map<ReadOnlyMemory<char>>(group, key, value, text, rows, static (c, v) => c.AppendJsonString(v.Span));
        else if (t == typeof(double)) Map<double>(group, key, value, text, rows, static (c, v) => c.Append(v, "R"));
        else if (t == typeof(long)) Map<long>(group, key, value, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(int)) Map<int>(group, key, value, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(decimal)) Map<decimal>(group, key, value, text, rows, static (c, v) => c.Append(v, default));
        else if (t == typeof(bool)) Map<bool>(group, key, value, text, rows, static (c, v) => c.Append(v ? "true" : "false"));
        else text.Empty(rows);
    }

    /// <summary>Parquet.Net 6 gives UTF-8 columns as <see cref="ReadOnlyMemory{T}"/> of char (string in older files' metadata).</summary>
    private static bool IsText(Type t) => t == typeof(ReadOnlyMemory<char>) || t == typeof(string);

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    private static void Flat<T>(ParquetRowGroupReader group, DataField field, ColumnText text, int rows, Action<ColumnText, T> write)
        where T : struct
    {
        using var column = Raw<T>.Read(group, field, withRepetition: false);
        var values = column.Values;
        var defs = column.Definitions;
        var max = field.MaxDefinitionLevel;
        var v = 0;
        for (var row = 0; row < rows; row++)
        {
            if (defs.IsEmpty || defs[row] == max) write(text, values[v++]);
            text.EndCell();
        }
    }

    private static void Map<T>(ParquetRowGroupReader group, DataField key, DataField value, ColumnText text, int rows, Action<ColumnText, T> write)
        where T : struct
    {
        using var keys = Raw<ReadOnlyMemory<char>>.Read(group, key, withRepetition: true);
        using var values = Raw<T>.Read(group, value, withRepetition: true);
        var keyValues = keys.Values;
        var keyDefs = keys.Definitions;
        var reps = keys.Repetitions;
        var valueValues = values.Values;
        var valueDefs = values.Definitions;
        int k = 0, v = 0, done = 0;
        var open = false;
        var any = false;
        for (var i = 0; i < keyDefs.Length; i++)
        {
            // Repetition level 0 starts a new row; the levels of keys and values run in step.
            if (reps[i] == 0)
            {
                if (open) Close(text, any, ref done);
                open = true;
                any = false;
            }

            if (keyDefs[i] != key.MaxDefinitionLevel) continue;
            text.Append(any ? ',' : '{');
            any = true;
            text.AppendJsonString(keyValues[k++].Span);
            text.Append(':');
            if (valueDefs.IsEmpty || valueDefs[i] == value.MaxDefinitionLevel) write(text, valueValues[v++]);
            else text.Append("null");
        }

        if (open) Close(text, any, ref done);
        if (done < rows) text.Empty(rows - done);

        static void Close(ColumnText text, bool any, ref int done)
        {
            if (any) text.Append('}');
            text.EndCell();
            done++;
        }
    }

    /// <summary>Values (nulls left out) and levels of one column chunk, in pooled arrays returned on dispose.</summary>
    private readonly struct Raw<T> : IDisposable where T : struct
    {
        private readonly T[] _values;
        private readonly int[]? _definitions;
        private readonly int[]? _repetitions;
        private readonly int _count;

        private Raw(T[] values, int[]? definitions, int[]? repetitions, int count)
        {
            _values = values;
            _definitions = definitions;
            _repetitions = repetitions;
            _count = count;
        }

        public ReadOnlySpan<T> Values => _values.AsSpan(0, _count);

        public ReadOnlySpan<int> Definitions => _definitions is null ? [] : _definitions.AsSpan(0, _count);

        public ReadOnlySpan<int> Repetitions => _repetitions is null ? [] : _repetitions.AsSpan(0, _count);

        public static Raw<T> Read(ParquetRowGroupReader group, DataField field, bool withRepetition)
        {
            var count = checked((int)(group.GetMetadata(field)?.MetaData?.NumValues
                ?? throw new ParquetException($"column chunk metadata missing for '{field.Path}'")));
            var values = ArrayPool<T>.Shared.Rent(Math.Max(count, 1));
            var definitions = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
            var repetitions = withRepetition && field.MaxRepetitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
            var raw = new Raw<T>(values, definitions, repetitions, count);
            try
            {
                group.ReadRawAsync(field, values.AsMemory(0, count), definitions?.AsMemory(0, count), repetitions?.AsMemory(0, count))
                    .AsTask().GetAwaiter().GetResult();
            }
            catch
            {
                raw.Dispose();
                throw;
            }

            return raw;
        }

        public void Dispose()
        {
            ArrayPool<T>.Shared.Return(_values, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            if (_definitions is not null) ArrayPool<int>.Shared.Return(_definitions);
            if (_repetitions is not null) ArrayPool<int>.Shared.Return(_repetitions);
        }
    }
}
