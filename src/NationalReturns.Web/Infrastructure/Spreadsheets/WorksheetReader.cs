using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// One forward pass over a worksheet part: rows out of sheetData, then the mergeCells that follow it.
/// Attribute and value text is read into reused buffers with ReadValueChunk, so a shared-string cell
/// costs no string at all and a number cell only the text the caller asked for.
/// </summary>
internal sealed class WorksheetReader : IDisposable
{
    // Longer than any legal r ("XFD1048576"), s or t value; anything that fills it is not one.
    private const int AttributeCapacity = 32;

    private static readonly string[] ErrorCodes =
    [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
        "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    ];

    private readonly XmlReader _xml;
    private readonly string _sheetName;
    private readonly IReadOnlyList<string> _sharedStrings;
    private readonly CellStyles _styles;
    private readonly bool _date1904;
    private readonly List<SheetCell> _cells = [];
    private readonly List<CellArea> _merged = [];
    private readonly char[] _attribute = new char[AttributeCapacity];
    private char[] _value = new char[64];
    private Stage _stage;
    private int _sheetDataDepth;
    private int _previousRow;

    private WorksheetReader(XmlReader xml, string sheetName, IReadOnlyList<string> sharedStrings, CellStyles styles, bool date1904)
    {
        _xml = xml;
        _sheetName = sheetName;
        _sharedStrings = sharedStrings;
        _styles = styles;
        _date1904 = date1904;
    }

    private enum Stage
    {
        BeforeSheetData,
        InSheetData,
        AfterSheetData,
        Finished,
    }

    private enum ValueType
    {
        Number,
        SharedString,
        InlineString,
        FormulaString,
        Boolean,
        Error,
        IsoDate,
    }

    public static WorksheetReader Open(
        ZipArchiveEntry entry, string sheetName, IReadOnlyList<string> sharedStrings, CellStyles styles, bool date1904)
    {
        try
        {
            return new WorksheetReader(PartXml.Open(entry), sheetName, sharedStrings, styles, date1904);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(sheetName, ex);
        }
    }

    public void Dispose() => _xml.Dispose();

    public bool TryReadRow([NotNullWhen(true)] out SheetRow? row)
    {
        try
        {
            return TryReadRowCore(out row);
        }
        catch (XmlException ex)
        {
            throw Damaged(_sheetName, ex);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(_sheetName, ex);
        }
    }

    /// <summary>Reads to the end of the part, passing over any rows not yet read, and returns the merged areas.</summary>
    public IReadOnlyList<CellArea> ReadMergedRanges()
    {
        try
        {
            ReadToEnd();
            return _merged.ToArray();
        }
        catch (XmlException ex)
        {
            throw Damaged(_sheetName, ex);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(_sheetName, ex);
        }
    }

    private static SpreadsheetReadException Damaged(string sheetName, Exception inner) =>
        new($"The sheet '{sheetName}' could not be read because the file is damaged. Open the workbook in Excel, "
            + "save it again as an Excel Workbook (.xlsx) and upload it again.", sheetName, inner);

    private SpreadsheetReadException BadCell(int row, int column, string problem) =>
        new($"Cell {DescribeCell(row, column)} on the sheet '{_sheetName}' {problem}, so the file looks damaged. "
            + "Open the workbook in Excel, save it again as an Excel Workbook (.xlsx) and upload it again.", _sheetName);

    private static string DescribeCell(int row, int column) =>
        row is >= 1 and <= CellReference.MaxRow && column is >= 1 and <= CellReference.MaxColumn
            ? CellReference.Format(row, column)
            : $"in row {row}";

    private bool TryReadRowCore([NotNullWhen(true)] out SheetRow? row)
    {
        row = null;
        if (_stage == Stage.BeforeSheetData)
        {
            EnterSheetData();
        }

        while (_stage == Stage.InSheetData)
        {
            if (_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == _sheetDataDepth)
            {
                _xml.Read();
                _stage = Stage.AfterSheetData;
                break;
            }

            if (_xml.NodeType == XmlNodeType.Element)
            {
                if (_xml.LocalName == "row")
                {
                    row = ReadRow();
                    if (row is not null)
                    {
                        return true;
                    }
                }
                else
                {
                    _xml.Skip();
                }

                continue;
            }

            if (!_xml.Read())
            {
                _stage = Stage.Finished;
            }
        }

        return false;
    }

    private void EnterSheetData()
    {
        if (!MoveToSheetData())
        {
            _stage = Stage.Finished;
        }
        else if (_xml.IsEmptyElement)
        {
            _xml.Read();
            _stage = Stage.AfterSheetData;
        }
        else
        {
            _sheetDataDepth = _xml.Depth;
            _xml.Read();
            _stage = Stage.InSheetData;
        }
    }

    /// <summary>Stops on the sheetData element; a chartsheet has none and so reads as no rows.</summary>
    private bool MoveToSheetData()
    {
        if (_xml.MoveToContent() != XmlNodeType.Element || _xml.IsEmptyElement)
        {
            return false;
        }

        _xml.Read();
        while (!_xml.EOF)
        {
            if (_xml.NodeType == XmlNodeType.Element && _xml.Depth == 1)
            {
                if (_xml.LocalName == "sheetData")
                {
                    return true;
                }

                if (_xml.LocalName == "mergeCells")
                {
                    ReadMergeCells();
                }
                else
                {
                    _xml.Skip();
                }

                continue;
            }

            _xml.Read();
        }

        return false;
    }

    private void ReadToEnd()
    {
        if (_stage == Stage.BeforeSheetData)
        {
            if (MoveToSheetData())
            {
                _xml.Skip();
                _stage = Stage.AfterSheetData;
            }
            else
            {
                _stage = Stage.Finished;
            }
        }

        if (_stage == Stage.InSheetData)
        {
            while (_xml.IsInside(_sheetDataDepth))
            {
                if (_xml.NodeType == XmlNodeType.Element)
                {
                    _xml.Skip();
                }
                else
                {
                    _xml.Read();
                }
            }

            _xml.Read();
            _stage = Stage.AfterSheetData;
        }

        if (_stage == Stage.AfterSheetData)
        {
            while (!_xml.EOF)
            {
                if (_xml.NodeType == XmlNodeType.Element && _xml.Depth == 1)
                {
                    if (_xml.LocalName == "mergeCells")
                    {
                        ReadMergeCells();
                    }
                    else
                    {
                        _xml.Skip();
                    }

                    continue;
                }

                _xml.Read();
            }

            _stage = Stage.Finished;
        }
    }

    private void ReadMergeCells()
    {
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return;
        }

        var depth = _xml.Depth;
        _xml.Read();
        while (_xml.IsInside(depth))
        {
            if (_xml.NodeType != XmlNodeType.Element)
            {
                _xml.Read();
                continue;
            }

            if (_xml.LocalName == "mergeCell")
            {
                var reference = _xml.GetAttribute("ref");
                try
                {
                    _merged.Add(CellArea.Parse(reference ?? ""));
                }
                catch (FormatException ex)
                {
                    throw new SpreadsheetReadException(
                        $"The sheet '{_sheetName}' has a merged area with an unreadable address ('{reference}'), so the file "
                        + "looks damaged. Open the workbook in Excel, save it again as an Excel Workbook (.xlsx) and upload it again.",
                        _sheetName,
                        ex);
                }
            }

            _xml.Skip();
        }

        _xml.Read();
    }

    private SheetRow? ReadRow()
    {
        // Some writers leave out r on rows and cells; then positions are counted, as Excel does.
        var rowNumber = 0;
        if (_xml.MoveToAttribute("r"))
        {
            var length = ReadAttributeChars();
            if (!int.TryParse(_attribute.AsSpan(0, length), NumberStyles.None, CultureInfo.InvariantCulture, out rowNumber)
                || rowNumber is < 1 or > CellReference.MaxRow)
            {
                throw new SpreadsheetReadException(
                    $"The sheet '{_sheetName}' has a row with an unreadable number after row {_previousRow}, so the file looks "
                    + "damaged. Open the workbook in Excel, save it again as an Excel Workbook (.xlsx) and upload it again.",
                    _sheetName);
            }

            _xml.MoveToElement();
        }

        _cells.Clear();
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            _previousRow = rowNumber == 0 ? _previousRow + 1 : rowNumber;
            return null;
        }

        var rowKnown = rowNumber != 0;
        if (!rowKnown)
        {
            rowNumber = _previousRow + 1;
        }

        var depth = _xml.Depth;
        var nextColumn = 1;
        var inOrder = true;
        var rowFromCell = 0;
        _xml.Read();
        while (_xml.IsInside(depth))
        {
            if (_xml.NodeType != XmlNodeType.Element)
            {
                _xml.Read();
                continue;
            }

            if (_xml.LocalName == "c")
            {
                ReadCell(rowNumber, ref nextColumn, ref inOrder, ref rowFromCell);
            }
            else
            {
                _xml.Skip();
            }
        }

        _xml.Read();

        // A row without r but whose cells carry references belongs where those references say.
        if (!rowKnown && rowFromCell != 0 && rowFromCell != rowNumber)
        {
            rowNumber = rowFromCell;
            for (var i = 0; i < _cells.Count; i++)
            {
                _cells[i] = _cells[i] with { Row = rowNumber };
            }
        }

        _previousRow = rowNumber;
        if (_cells.Count == 0)
        {
            return null;
        }

        if (!inOrder)
        {
            _cells.Sort(static (a, b) => a.Column.CompareTo(b.Column));
        }

        return new SheetRow(rowNumber, _cells.ToArray());
    }

    private void ReadCell(int rowNumber, ref int nextColumn, ref bool inOrder, ref int rowFromCell)
    {
        var column = 0;
        var style = 0;
        var type = ValueType.Number;
        while (_xml.MoveToNextAttribute())
        {
            if (_xml.NamespaceURI.Length != 0)
            {
                continue;
            }

            switch (_xml.LocalName)
            {
                case "r":
                    var reference = _attribute.AsSpan(0, ReadAttributeChars());
                    if (!CellReference.TryParse(reference, out var referencedRow, out column))
                    {
                        throw BadCell(rowNumber, nextColumn, $"has an unreadable address ('{reference}')");
                    }

                    rowFromCell = rowFromCell == 0 ? referencedRow : rowFromCell;
                    break;
                case "s":
                    if (!int.TryParse(
                            _attribute.AsSpan(0, ReadAttributeChars()), NumberStyles.None, CultureInfo.InvariantCulture, out style))
                    {
                        style = 0;
                    }

                    break;
                case "t":
                    type = ParseValueType(_attribute.AsSpan(0, ReadAttributeChars()), rowNumber, nextColumn);
                    break;
                default:
                    break;
            }
        }

        _xml.MoveToElement();
        if (column == 0)
        {
            column = nextColumn;
            if (column > CellReference.MaxColumn)
            {
                throw BadCell(rowNumber, CellReference.MaxColumn, "is followed by more cells than a sheet can hold");
            }
        }

        inOrder &= column >= nextColumn;
        nextColumn = column + 1;

        var hasFormula = false;
        var valueLength = -1;
        string? inline = null;
        if (!_xml.IsEmptyElement)
        {
            var depth = _xml.Depth;
            _xml.Read();
            while (_xml.IsInside(depth))
            {
                if (_xml.NodeType != XmlNodeType.Element)
                {
                    _xml.Read();
                    continue;
                }

                switch (_xml.LocalName)
                {
                    case "f":
                        hasFormula = true;
                        _xml.Skip();
                        break;
                    case "v":
                        valueLength = ReadValueChars();
                        break;
                    case "is":
                        inline = PartXml.ReadStringItem(_xml);
                        break;
                    default:
                        _xml.Skip();
                        break;
                }
            }
        }

        _xml.Read();
        AddCell(rowNumber, column, type, valueLength, inline, _styles.IsDate(style), hasFormula);
    }

    private void AddCell(int row, int column, ValueType type, int valueLength, string? inline, bool isDate, bool hasFormula)
    {
        // valueLength is -1 without a v element; 0 or -1 both mean there is no value to read.
        var value = _value.AsSpan(0, Math.Max(valueLength, 0));
        switch (type)
        {
            case ValueType.SharedString:
                if (value.IsEmpty)
                {
                    return;
                }

                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    || index >= _sharedStrings.Count)
                {
                    throw BadCell(row, column, "refers to text the workbook does not hold");
                }

                AddText(row, column, _sharedStrings[index], isDate, hasFormula);
                return;
            case ValueType.InlineString:
                AddText(row, column, inline ?? (value.IsEmpty ? null : PartXml.Unescape(new string(value))), isDate, hasFormula);
                return;
            case ValueType.FormulaString:
                AddText(row, column, value.IsEmpty ? inline : PartXml.Unescape(new string(value)), isDate, hasFormula);
                return;
            case ValueType.Boolean:
                if (value.IsEmpty)
                {
                    return;
                }

                var truth = value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);
                if (!truth && value is not "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    throw BadCell(row, column, $"should hold TRUE or FALSE but holds '{value}'");
                }

                _cells.Add(new SheetCell(row, column, CellKind.Boolean, truth ? "TRUE" : "FALSE", null, isDate, hasFormula));
                return;
            case ValueType.Error:
                if (!value.IsEmpty)
                {
                    _cells.Add(new SheetCell(row, column, CellKind.Error, ErrorText(value), null, isDate, hasFormula));
                }

                return;
            case ValueType.IsoDate:
                if (!value.IsEmpty)
                {
                    AddIsoDate(row, column, value, hasFormula);
                }

                return;
            default:
                if (value.IsEmpty)
                {
                    // No t but an inline string: written by hand or by a loose writer; the text is still the value.
                    AddText(row, column, inline, isDate, hasFormula);
                    return;
                }

                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    || !double.IsFinite(number))
                {
                    throw BadCell(row, column, $"should hold a number but holds '{value}'");
                }

                _cells.Add(new SheetCell(
                    row, column, CellKind.Number, number.ToString(CultureInfo.InvariantCulture), number, isDate, hasFormula));
                return;
        }
    }

    private void AddText(int row, int column, string? text, bool isDate, bool hasFormula)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _cells.Add(new SheetCell(row, column, CellKind.Text, text, null, isDate, hasFormula));
        }
    }

    /// <summary>t="d" holds ISO 8601 text; callers get the serial number Excel would have stored instead.</summary>
    private void AddIsoDate(int row, int column, ReadOnlySpan<char> value, bool hasFormula)
    {
        const DateTimeStyles styles =
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.NoCurrentDateDefault;
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, styles, out var moment)
            || (moment.Ticks >= TimeSpan.TicksPerDay && moment.Year < 100))
        {
            // Not a date Excel could show as one; keep what was written rather than lose it.
            _cells.Add(new SheetCell(row, column, CellKind.Text, new string(value), null, true, hasFormula));
            return;
        }

        var serial = moment.ToOADate();
        if (_date1904 && moment.Ticks >= TimeSpan.TicksPerDay)
        {
            serial -= 1462;
        }

        _cells.Add(new SheetCell(
            row, column, CellKind.Number, serial.ToString(CultureInfo.InvariantCulture), serial, true, hasFormula));
    }

    private static string ErrorText(ReadOnlySpan<char> value)
    {
        foreach (var code in ErrorCodes)
        {
            if (value.SequenceEqual(code))
            {
                return code;
            }
        }

        return new string(value);
    }

    private ValueType ParseValueType(ReadOnlySpan<char> t, int row, int column) => t switch
    {
        "n" or "" => ValueType.Number,
        "s" => ValueType.SharedString,
        "inlineStr" => ValueType.InlineString,
        "str" => ValueType.FormulaString,
        "b" => ValueType.Boolean,
        "e" => ValueType.Error,
        "d" => ValueType.IsoDate,
        _ => throw BadCell(row, column, $"has an unknown kind of value ('{t}')"),
    };

    /// <summary>Reads the current attribute's value into the attribute buffer and returns its length.</summary>
    private int ReadAttributeChars()
    {
        var length = 0;
        int read;
        while (length < _attribute.Length
               && (read = _xml.ReadValueChunk(_attribute, length, _attribute.Length - length)) > 0)
        {
            length += read;
        }

        if (length == _attribute.Length)
        {
            throw new SpreadsheetReadException(
                $"The sheet '{_sheetName}' has a cell with an attribute far longer than Excel writes, so the file looks "
                + "damaged. Open the workbook in Excel, save it again as an Excel Workbook (.xlsx) and upload it again.",
                _sheetName);
        }

        return length;
    }

    /// <summary>Reads the text of the v element the reader stands on, leaving it after &lt;/v&gt;.</summary>
    private int ReadValueChars()
    {
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return 0;
        }

        var depth = _xml.Depth;
        var length = 0;
        _xml.Read();
        while (_xml.IsInside(depth))
        {
            switch (_xml.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    while (true)
                    {
                        if (length == _value.Length)
                        {
                            Array.Resize(ref _value, _value.Length * 2);
                        }

                        var read = _xml.ReadValueChunk(_value, length, _value.Length - length);
                        if (read == 0)
                        {
                            break;
                        }

                        length += read;
                    }

                    _xml.Read();
                    break;
                case XmlNodeType.Element:
                    _xml.Skip();
                    break;
                default:
                    _xml.Read();
                    break;
            }
        }

        _xml.Read();
        return length;
    }
}
