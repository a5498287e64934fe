namespace Empreinte.Ingestion;

/// <summary>
/// Splits CSV text into records the way RFC 4180 and spreadsheets read real exports:
/// <list type="bullet">
/// <item>a quote opens a quoted field only as the field's first character; elsewhere it is a literal
/// character (<c>web 19" rack</c>), as Excel and LibreOffice read it, instead of swallowing the rest of
/// the file into one field;</item>
/// <item>in a quoted field <c>""</c> is one quote and line breaks are data; the closing quote must be
/// followed by a delimiter or a line break: anything else (<c>"web-01,…,"{</c>) means a quote opened
/// where none was meant, and the record is rejected rather than read with its columns shifted;</item>
/// <item>records end at <c>\r\n</c>, <c>\n</c> or a lone <c>\r</c>.</item>
/// </list>
/// A record longer than <see cref="MaxRecordChars"/>, spanning more than <see cref="MaxRecordLines"/>
/// lines, whose quote never closes or closes mid-field is rejected, and reading resumes at the start of its second
/// physical line: one bad record costs that record, never the rest of the file, and memory stays
/// bounded whatever the input. Cells are spans over the reader's buffer, valid until the next call.
/// </summary>
internal sealed class CsvRecordReader(TextReader text)
{
    /// <summary>The longest record read, in characters (1 Mi): a billing line is under a few kilobytes.</summary>
    public const int MaxRecordChars = 1 << 20;

    /// <summary>The most physical lines one record may span (line breaks inside quoted fields).</summary>
    public const int MaxRecordLines = 100;

    private const int ChunkChars = 1 << 13;

    // Block loads of the scan may read past the text: the buffer keeps that many spare characters.
    private const int Padding = CsvSpecials.BlockChars;

    private readonly TextReader _text = text;
    private char[] _buffer = new char[(ChunkChars * 2) + Padding];
    private int _start;
    private int _end;
    private bool _eof;

    // Per cell: start and length in the buffer (a quoted cell's without its quotes, unescaped once the record is complete).
    private int[] _cells = new int[2 * 64];
    private int _count;

    // The current record's text, to tell at once whether any of its cells can hold a replacement character.
    private int _recordStart;
    private int _recordEnd;

    // Quoted cells holding escaped quotes (""): cell index, first escaped quote's and closing quote's indices; unescaped in place once the record is complete.
    private int[] _escaped = new int[3 * 8];
    private int _escapedCount;

    public enum Outcome
    {
        Record,
        Rejected,
        End,
    }

    /// <summary>Cells in the current record.</summary>
    public int ColCount => _count;

    /// <summary>The cell, unescaped; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> this[int column] => _buffer.AsSpan(_cells[2 * column], _cells[(2 * column) + 1]);

    /// <summary>
    /// False when no cell of the current record holds U+FFFD (what the decoder makes of bytes that are not
    /// valid UTF-8), so callers need not search each cell; one search over the record's text.
    /// </summary>
    public bool MayHoldReplacementCharacter => _buffer.AsSpan(_recordStart, _recordEnd - _recordStart).Contains('\uFFFD');

    /// <summary>Why the last record was rejected.</summary>
    public string Problem { get; private set; } = "";

    /// <summary>The 0-based column where the last rejected record went wrong.</summary>
    public int ProblemColumn { get; private set; }

    /// <summary>True when the last record read was ended by a line break (false: the data ended inside it).</summary>
    public bool LastRecordTerminated { get; private set; } = true;

    public Outcome Read()
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
                    (_recordStart, _recordEnd) = (_start, next);
                    _start = next;
                    LastRecordTerminated = terminated;
                    return Outcome.Record;
                case ScanResult.End:
                    return Outcome.End;
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

    private Outcome Reject(string problem, int column)
    {
        Problem = problem + "; reading resumed at the next line";
        ProblemColumn = Math.Max(column, 0);
        _count = 0;
        SkipFirstLine();
        LastRecordTerminated = true;
        return Outcome.Rejected;
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
        _escapedCount = 0;
        var buffer = _buffer;
        var end = _end;
        var pos = _start;
        if (pos >= end) return _eof ? ScanResult.End : ScanResult.Incomplete;
        var specials = CsvSpecials.Create();
        var lines = 1;
        while (true)
        {
            var fieldStart = pos;
            int fieldEnd;
            if (pos < end && buffer[pos] == '"')
            {
                // Quoted: the next quote not doubled closes it; line breaks before it are data, counted against the bound.
                var breaks = 0;
                var firstEscape = -1;
                var i = pos + 1;
                int closingQuote;
                while (true)
                {
                    var at = specials.Next(buffer, end, i);
                    if (at < 0)
                    {
                        if (_eof) return ScanResult.Unclosed;
                        return lines + breaks > MaxRecordLines ? ScanResult.TooManyLines : ScanResult.Incomplete;
                    }

                    i = at + 1;
                    var found = buffer[at];
                    if (found == '"')
                    {
                        if (i >= end && !_eof) return ScanResult.Incomplete;
                        if (i < end && buffer[i] == '"')
                        {
                            if (firstEscape < 0) firstEscape = at;
                            i++;
                            continue;
                        }

                        closingQuote = at;
                        break;
                    }

                    // \n, and \r not followed by \n: a line break each.
                    if (found == '\n' || (found == '\r' && (i >= end || buffer[i] != '\n'))) breaks++;
                }

                lines += breaks;
                if (lines > MaxRecordLines) return ScanResult.TooManyLines;
                fieldEnd = closingQuote + 1;
                if (fieldEnd < end && buffer[fieldEnd] is not (',' or '\r' or '\n')) return ScanResult.ClosedMidField;
                if (firstEscape >= 0) AddEscaped(_count, firstEscape, closingQuote);
                AddCell(fieldStart + 1, closingQuote - fieldStart - 1);
            }
            else
            {
                // Unquoted: a quote here is a literal character.
                var at = specials.Next(buffer, end, pos);
                while (at >= 0 && buffer[at] == '"') at = specials.Next(buffer, end, at + 1);
                if (at < 0)
                {
                    if (!_eof) return ScanResult.Incomplete;
                    fieldEnd = end;
                }
                else
                {
                    fieldEnd = at;
                }

                AddCell(fieldStart, fieldEnd - fieldStart);
            }

            pos = fieldEnd;
            if (pos >= end)
            {
                next = end;
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
                if (next >= end && !_eof) return ScanResult.Incomplete;
                if (next < end && buffer[next] == '\n') next++;
            }

            terminated = true;
            return ScanResult.Complete;
        }
    }

    private void AddCell(int start, int length)
    {
        if (2 * (_count + 1) > _cells.Length) Array.Resize(ref _cells, _cells.Length * 2);
        _cells[2 * _count] = start;
        _cells[(2 * _count) + 1] = length;
        _count++;
    }

    private void AddEscaped(int cell, int firstEscape, int closingQuote)
    {
        if (3 * (_escapedCount + 1) > _escaped.Length) Array.Resize(ref _escaped, _escaped.Length * 2);
        _escaped[3 * _escapedCount] = cell;
        _escaped[(3 * _escapedCount) + 1] = firstEscape;
        _escaped[(3 * _escapedCount) + 2] = closingQuote;
        _escapedCount++;
    }

    /// <summary>Turns each doubled quote of the cells that hold some into one, in place (the cells only shrink).</summary>
    private void Unescape()
    {
        var buffer = _buffer;
        for (var e = 0; e < _escapedCount; e++)
        {
            var cell = _escaped[3 * e];
            var closingQuote = _escaped[(3 * e) + 2];

            // Nothing moves before the first doubled quote; from there each "" becomes ", one character at a time
            // (escaped cells are short JSON such as tags, where a search per run costs more than it saves).
            var write = _escaped[(3 * e) + 1];
            for (var read = write; read < closingQuote; read++)
            {
                var c = buffer[read];
                buffer[write++] = c;
                if (c == '"') read++;
            }

            _cells[(2 * cell) + 1] = write - _cells[2 * cell];
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

        var capacity = _buffer.Length - Padding;
        if (capacity - _end < ChunkChars / 2)
        {
            capacity = Math.Max(capacity * 2, _end + ChunkChars);
            Array.Resize(ref _buffer, capacity + Padding);
        }

        var read = _text.Read(_buffer, _end, capacity - _end);
        if (read == 0) _eof = true;
        else _end += read;
    }
}
