namespace Empreinte.Ingestion.Tests;

/// <summary>
/// The oracle <see cref="CsvRecordReader"/> is checked against (<c>CsvRecordReaderEquivalenceTests</c>): the
/// same rules and bounds, written the plain way — one search per cell, quoted cells searched again for line
/// breaks and unescaped by copying. It was the production tokenizer before the block scan; it stays here so
/// that any change of behaviour in the fast one, on any text cut at any place by the buffer, shows.
/// </summary>
internal sealed class ScalarCsvRecordReader(TextReader text)
{
    /// <summary>The longest record read, in characters (1 Mi): a billing line is under a few kilobytes.</summary>
    public const int MaxRecordChars = CsvRecordReader.MaxRecordChars;

    /// <summary>The most physical lines one record may span (line breaks inside quoted fields).</summary>
    public const int MaxRecordLines = CsvRecordReader.MaxRecordLines;

    private const int ChunkChars = 1 << 13;
    private const int NotQuoted = -1;

    private readonly TextReader _text = text;
    private char[] _buffer = new char[ChunkChars * 2];
    private int _start;
    private int _end;
    private bool _eof;

    // Per cell: start, end (exclusive, before unescaping) and the closing quote's index (or NotQuoted);
    // after unescaping, start and length.
    private int[] _cells = new int[3 * 64];
    private int _count;

    /// <summary>Cells in the current record.</summary>
    public int ColCount => _count;

    /// <summary>The cell, unescaped; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> this[int column] => _buffer.AsSpan(_cells[3 * column], _cells[(3 * column) + 1]);

    /// <summary>Why the last record was rejected.</summary>
    public string Problem { get; private set; } = "";

    /// <summary>The 0-based column where the last rejected record went wrong.</summary>
    public int ProblemColumn { get; private set; }

    /// <summary>True when the last record read was ended by a line break (false: the data ended inside it).</summary>
    public bool LastRecordTerminated { get; private set; } = true;

    public CsvRecordReader.Outcome Read()
    {
        while (true)
        {
            var scan = Scan(out var next, out var terminated);
            switch (scan)
            {
                case ScanResult.Complete when next - _start - (terminated ? TerminatorLength(next) : 0) > MaxRecordChars:
                    return Reject($"the record is longer than {MaxRecordChars:N0} characters", _count - 1);
                case ScanResult.Complete:
                    Unescape();
                    _start = next;
                    LastRecordTerminated = terminated;
                    return CsvRecordReader.Outcome.Record;
                case ScanResult.End:
                    return CsvRecordReader.Outcome.End;
                case ScanResult.Unclosed:
                    return Reject("the quote that opens this field never closes", _count);
                case ScanResult.ClosedMidField:
                    return Reject("the quote that opens this field closes before the end of the field (a stray or unbalanced quote?)", _count);
                case ScanResult.TooManyLines:
                    return Reject($"the quoted field spans more than {MaxRecordLines} lines (a quote that never closes?)", _count);
                default:
                    // Incomplete: the record goes past the buffered text.
                    if (_end - _start > MaxRecordChars + 1) return Reject($"the record is longer than {MaxRecordChars:N0} characters", _count);
                    Fill();
                    break;
            }
        }
    }

    private int TerminatorLength(int next) => next >= 2 && _buffer[next - 1] == '\n' && _buffer[next - 2] == '\r' ? 2 : 1;

    private CsvRecordReader.Outcome Reject(string problem, int column)
    {
        Problem = problem + "; reading resumed at the next line";
        ProblemColumn = Math.Max(column, 0);
        _count = 0;
        SkipFirstLine();
        LastRecordTerminated = true;
        return CsvRecordReader.Outcome.Rejected;
    }

    private enum ScanResult
    {
        Complete,
        Incomplete,
        End,
        Unclosed,
        ClosedMidField,
        TooManyLines,
    }

    /// <summary>
    /// Finds the cells of the record at <c>_start</c> without changing the buffer, so that a record cut
    /// by the end of the buffer is scanned again from its start once more text is read.
    /// </summary>
    private ScanResult Scan(out int next, out bool terminated)
    {
        next = 0;
        terminated = false;
        _count = 0;
        var buffer = _buffer;
        var pos = _start;
        if (pos >= _end) return _eof ? ScanResult.End : ScanResult.Incomplete;
        var lines = 1;
        while (true)
        {
            var fieldStart = pos;
            int fieldEnd;
            var closingQuote = NotQuoted;
            if (pos < _end && buffer[pos] == '"')
            {
                var i = pos + 1;
                while (true)
                {
                    var quote = buffer.AsSpan(i, _end - i).IndexOf('"');
                    if (quote < 0)
                    {
                        if (_eof) return ScanResult.Unclosed;
                        return lines + LineBreaks(buffer.AsSpan(fieldStart + 1, _end - fieldStart - 1)) > MaxRecordLines
                            ? ScanResult.TooManyLines : ScanResult.Incomplete;
                    }

                    quote += i;
                    if (quote + 1 >= _end && !_eof) return ScanResult.Incomplete;
                    if (quote + 1 < _end && buffer[quote + 1] == '"')
                    {
                        i = quote + 2;
                        continue;
                    }

                    closingQuote = quote;
                    break;
                }

                lines += LineBreaks(buffer.AsSpan(fieldStart + 1, closingQuote - fieldStart - 1));
                if (lines > MaxRecordLines) return ScanResult.TooManyLines;
                fieldEnd = closingQuote + 1;
                if (fieldEnd < _end && buffer[fieldEnd] is not (',' or '\r' or '\n')) return ScanResult.ClosedMidField;
            }
            else
            {
                fieldEnd = StopAt(pos);
                if (fieldEnd < 0)
                {
                    if (!_eof) return ScanResult.Incomplete;
                    fieldEnd = _end;
                }
            }

            AddCell(fieldStart, fieldEnd, closingQuote);
            pos = fieldEnd;
            if (pos >= _end)
            {
                next = _end;
                return ScanResult.Complete;
            }

            var stop = buffer[pos];
            if (stop == ',')
            {
                pos++;
                continue;
            }

            next = pos + 1;
            if (stop == '\r')
            {
                if (next >= _end && !_eof) return ScanResult.Incomplete;
                if (next < _end && buffer[next] == '\n') next++;
            }

            terminated = true;
            return ScanResult.Complete;
        }
    }

    /// <summary>The next delimiter or line break at or after <paramref name="from"/>, or −1 when the buffered text has none.</summary>
    private int StopAt(int from)
    {
        var found = _buffer.AsSpan(from, _end - from).IndexOfAny(',', '\r', '\n');
        return found < 0 ? -1 : from + found;
    }

    /// <summary>Line breaks in <paramref name="text"/>: <c>\n</c>, and <c>\r</c> not followed by <c>\n</c>.</summary>
    private static int LineBreaks(ReadOnlySpan<char> text)
    {
        // Almost no quoted cell holds a line break: one vectorised pass to find that out.
        if (text.IndexOfAny('\r', '\n') < 0) return 0;
        var breaks = text.Count('\n');
        if (text.IndexOf('\r') < 0) return breaks;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')) breaks++;
        return breaks;
    }

    private void AddCell(int start, int end, int closingQuote)
    {
        if (3 * (_count + 1) > _cells.Length) Array.Resize(ref _cells, _cells.Length * 2);
        _cells[3 * _count] = start;
        _cells[(3 * _count) + 1] = end;
        _cells[(3 * _count) + 2] = closingQuote;
        _count++;
    }

    /// <summary>Turns each cell's (start, end) into (start, length), unescaping quoted cells in place (they only shrink).</summary>
    private void Unescape()
    {
        var buffer = _buffer;
        for (var c = 0; c < _count; c++)
        {
            var start = _cells[3 * c];
            var end = _cells[(3 * c) + 1];
            var closingQuote = _cells[(3 * c) + 2];
            if (closingQuote == NotQuoted)
            {
                _cells[(3 * c) + 1] = end - start;
                continue;
            }

            // Copy the runs between escaped quotes ("" → "), one block at a time.
            var write = start;
            var read = start + 1;
            while (read < closingQuote)
            {
                var run = buffer.AsSpan(read, closingQuote - read).IndexOf('"');
                var length = run < 0 ? closingQuote - read : run + 1;
                buffer.AsSpan(read, length).CopyTo(buffer.AsSpan(write));
                write += length;
                read += length + (run < 0 ? 0 : 1);
            }

            _cells[(3 * c) + 1] = write - start;
        }
    }

    /// <summary>Moves <c>_start</c> past the first line break of the current record (reading on as far as needed).</summary>
    private void SkipFirstLine()
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOfAny('\r', '\n');
            if (found >= 0)
            {
                var lineBreak = _start + found;
                if (_buffer[lineBreak] == '\r' && lineBreak + 1 >= _end && !_eof)
                {
                    _start = lineBreak;
                    Fill();
                    continue;
                }

                _start = lineBreak + 1;
                if (_buffer[lineBreak] == '\r' && _start < _end && _buffer[_start] == '\n') _start++;
                return;
            }

            _start = _end;
            if (_eof) return;
            Fill();
        }
    }

    /// <summary>Moves the unread text to the front of the buffer, grows it when full (up to the record bound), and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_buffer.Length - _end < ChunkChars / 2) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + ChunkChars));
        var read = _text.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        else _end += read;
    }
}
