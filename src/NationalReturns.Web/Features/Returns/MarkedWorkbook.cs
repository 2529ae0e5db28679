using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Writes a version's workbook with its issues marked, from what the guarded reader reads of the upload and
/// nothing else (ADR 0007): each of the return's sheets laid out again cell for cell where the uploader put
/// it, values only, cells at fault filled (red for errors, amber for queries) with a note giving the issues,
/// an Issues sheet listing every issue with a link to its cell, and an About sheet saying what was left out.
/// The upload's own parts (formulas, styles, external links, pictures, other sheets) are never copied, so a
/// hostile part cannot reach the national team's Excel, and the writing streams: memory and time grow with
/// the cells the reader returns, which its own limits bound.
/// </summary>
public static class MarkedWorkbook
{
    /// <summary>Notes are written for this many marked cells per sheet; every issue is still on the Issues sheet.</summary>
    public const int NotesPerSheet = 1000;

    /// <summary>Excel's limit on the characters in a cell.</summary>
    public const int MaxCellText = 32_767;

    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string WorksheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
    private const string StylesType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private const string CommentsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
    private const string VmlType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";

    private const double FirstDateSerial = 1;
    private const double LastDateSerial = 2958465;

    /// <summary>The cell formats of the stylesheet below, by index.</summary>
    private enum Style
    {
        Plain = 0,
        Date = 1,
        Error = 2,
        ErrorDate = 3,
        Query = 4,
        QueryDate = 5,
        Heading = 6,
        Wrapped = 7,
    }

    /// <summary>What the About sheet reports about the writing.</summary>
    private sealed class Notes
    {
        public List<string> LeftOutSheets { get; } = [];

        public List<string> MissingSheets { get; } = [];

        public int RowsOutOfOrder { get; set; }

        public int CellsShortened { get; set; }

        public int NotesNotWritten { get; set; }
    }

    /// <summary>One issue's mark on its sheet: the area it covers and how serious it is.</summary>
    private sealed record Mark(CellArea Area, Severity Severity);

    /// <summary>Writes the marked workbook.</summary>
    /// <param name="deadline">Cancelled when the writing has taken too long; checked every few thousand rows.</param>
    /// <exception cref="SpreadsheetReadException">A sheet could not be read (the reader's own message).</exception>
    /// <exception cref="OperationCanceledException">The deadline passed.</exception>
    public static byte[] Write(WorkbookSource source, ReturnSpecification spec, IReadOnlyList<ShowVersion.IssueLine> issues, int versionNumber, string fileName, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(issues);
        var notes = new Notes();
        var sheets = new List<(string Name, string Found)>();
        var wanted = spec.Sheets.Select(s => Normalise.Label(s.Name)).ToHashSet();
        foreach (var sheet in spec.Sheets)
        {
            if (ReturnReader.FindSheet(source, sheet.Name) is { } found)
            {
                sheets.Add((sheet.Name, found));
            }
            else
            {
                notes.MissingSheets.Add(sheet.Name);
            }
        }

        notes.LeftOutSheets.AddRange(source.SheetNames.Where(n => !wanted.Contains(Normalise.Label(n))));

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // The return's sheets are written first, as they are read; the About sheet, written last, reports what they held.
            var comments = new bool[sheets.Count];
            for (var i = 0; i < sheets.Count; i++)
            {
                var (name, found) = sheets[i];
                var marks = issues.Where(x => x.Sheet == name && x.Cell is not null)
                    .Select(x => (Issue: x, Area: CellArea.Parse(x.Cell!)))
                    .ToList();
                var partNumber = i + 3;
                var noteTexts = NotesFor(marks, notes);
                XlsxWriter.Part(zip, $"xl/worksheets/sheet{partNumber}.xml", w => DataSheet(w, source.Rows(found), marks, noteTexts.Count > 0, notes, deadline));
                if (noteTexts.Count > 0)
                {
                    comments[i] = true;
                    WriteNotes(zip, partNumber, noteTexts);
                }
            }

            XlsxWriter.Part(zip, "xl/worksheets/sheet2.xml", w => IssuesSheet(w, issues, sheets.Select(s => s.Name).ToHashSet()));
            XlsxWriter.Part(zip, "xl/worksheets/sheet1.xml", w => AboutSheet(w, versionNumber, fileName, issues.Count, notes));

            var names = new List<string> { "About", "Issues" };
            names.AddRange(sheets.Select(s => s.Name));
            WritePackage(zip, names, comments);
        }

        return output.ToArray();
    }

    private static Dictionary<(int Row, int Column), string> NotesFor(List<(ShowVersion.IssueLine Issue, CellArea Area)> marks, Notes notes)
    {
        // A note on the first cell of each issue's area, every issue at that cell in it, in row order, up to the limit.
        var byCell = marks.Where(m => Exact(m.Issue, m.Area))
            .GroupBy(m => (m.Area.FirstRow, m.Area.FirstColumn))
            .OrderBy(g => g.Key)
            .ToList();
        notes.NotesNotWritten += Math.Max(0, byCell.Count - NotesPerSheet);
        return byCell.Take(NotesPerSheet).ToDictionary(
            g => g.Key,
            g => string.Join('\n', g.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Issue.Code} ({m.Issue.Severity}): {m.Issue.Message}"))));
    }

    /// <summary>An issue's cells are marked one by one only when it covers exactly its area: one cell, or a run.</summary>
    private static bool Exact(ShowVersion.IssueLine issue, CellArea area) =>
        (long)(area.LastRow - area.FirstRow + 1) * (area.LastColumn - area.FirstColumn + 1) == issue.Count;

    private static void DataSheet(XmlWriter w, IEnumerable<RawRow> rows, List<(ShowVersion.IssueLine Issue, CellArea Area)> marks, bool hasNotes, Notes notes, CancellationToken deadline)
    {
        var pending = new Queue<Mark>(marks.Where(m => Exact(m.Issue, m.Area)).Select(m => new Mark(m.Area, m.Issue.Severity)).OrderBy(m => m.Area.FirstRow));
        var active = new List<Mark>();
        w.WriteStartElement("worksheet", XlsxWriter.MainNs);
        w.WriteAttributeString("xmlns", "r", null, XlsxWriter.RelNs);
        w.WriteStartElement("sheetData", XlsxWriter.MainNs);
        var lastRow = 0;
        var written = 0;
        using var upload = rows.GetEnumerator();
        var next = Advance(upload, ref lastRow, notes);
        while (true)
        {
            // The next row is the next uploaded row, or the next row a mark covers if that comes first.
            active.RemoveAll(m => m.Area.LastRow <= lastRow);
            var markRow = active.Count > 0 ? lastRow + 1 : pending.Count > 0 ? Math.Max(pending.Peek().Area.FirstRow, lastRow + 1) : int.MaxValue;
            var uploadRow = next?.RowNumber ?? int.MaxValue;
            var rowNumber = Math.Min(markRow, uploadRow);
            if (rowNumber == int.MaxValue)
            {
                break;
            }

            while (pending.Count > 0 && pending.Peek().Area.FirstRow <= rowNumber)
            {
                var mark = pending.Dequeue();
                if (mark.Area.LastRow >= rowNumber)
                {
                    active.Add(mark);
                }
            }

            var cells = rowNumber == uploadRow ? next!.Cells : [];
            Row(w, rowNumber, cells, active, notes);
            lastRow = rowNumber;
            if (rowNumber == uploadRow)
            {
                next = Advance(upload, ref lastRow, notes);
            }

            if (++written % 4096 == 0)
            {
                deadline.ThrowIfCancellationRequested();
            }
        }

        w.WriteEndElement();
        if (hasNotes)
        {
            w.WriteStartElement("legacyDrawing", XlsxWriter.MainNs);
            w.WriteAttributeString("id", XlsxWriter.RelNs, "rIdVml");
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>The next uploaded row after the last written; rows out of order (which Excel refuses) are left out and counted.</summary>
    private static RawRow? Advance(IEnumerator<RawRow> rows, ref int lastRow, Notes notes)
    {
        while (rows.MoveNext())
        {
            if (rows.Current.RowNumber > lastRow)
            {
                return rows.Current;
            }

            notes.RowsOutOfOrder++;
        }

        return null;
    }

    private static void Row(XmlWriter w, int rowNumber, IReadOnlyList<RawCell> cells, List<Mark> active, Notes notes)
    {
        w.WriteStartElement("row", XlsxWriter.MainNs);
        w.WriteAttributeString("r", rowNumber.ToString(CultureInfo.InvariantCulture));
        var markColumns = active.Count == 0
            ? []
            : active.Where(m => m.Area.FirstRow <= rowNumber)
                .SelectMany(m => Enumerable.Range(m.Area.FirstColumn, m.Area.LastColumn - m.Area.FirstColumn + 1).Select(c => (Column: c, m.Severity)))
                .GroupBy(m => m.Column)
                .Select(g => (Column: g.Key, Severity: g.Any(x => x.Severity == Severity.Error) ? Severity.Error : Severity.Query))
                .OrderBy(m => m.Column)
                .ToList();
        int c = 0, m = 0, lastColumn = 0;
        while (c < cells.Count || m < markColumns.Count)
        {
            var cellColumn = c < cells.Count ? cells[c].Column : int.MaxValue;
            var markColumn = m < markColumns.Count ? markColumns[m].Column : int.MaxValue;
            var column = Math.Min(cellColumn, markColumn);
            Severity? severity = markColumn == column ? markColumns[m].Severity : null;
            var value = cellColumn == column ? cells[c].Value : CellValue.Blank;
            if (cellColumn == column)
            {
                c++;
            }

            if (markColumn == column)
            {
                m++;
            }

            // A repeated column in one row is a damaged file's quirk: the first value stands.
            if (column <= lastColumn)
            {
                continue;
            }

            lastColumn = column;
            Cell(w, rowNumber, column, value, severity, notes);
        }

        w.WriteEndElement();
    }

    private static void Cell(XmlWriter w, int row, int column, CellValue value, Severity? severity, Notes notes)
    {
        if (value.Kind == CellKind.Blank && severity is null)
        {
            return;
        }

        var isDate = value.Kind == CellKind.Number && value.IsDate && value.Number is >= FirstDateSerial and <= LastDateSerial;
        var style = (severity, isDate) switch
        {
            (Severity.Error, true) => Style.ErrorDate,
            (Severity.Error, false) => Style.Error,
            (Severity.Query, true) => Style.QueryDate,
            (Severity.Query, false) => Style.Query,
            (_, true) => Style.Date,
            _ => Style.Plain,
        };
        w.WriteStartElement("c", XlsxWriter.MainNs);
        w.WriteAttributeString("r", CellReference.Format(row, column));
        if (style != Style.Plain)
        {
            w.WriteAttributeString("s", ((int)style).ToString(CultureInfo.InvariantCulture));
        }

        switch (value.Kind)
        {
            case CellKind.Blank:
                break;
            case CellKind.Number:
                w.WriteElementString("v", XlsxWriter.MainNs, value.Number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case CellKind.Boolean:
                w.WriteAttributeString("t", "b");
                w.WriteElementString("v", XlsxWriter.MainNs, value.Number != 0 ? "1" : "0");
                break;
            default:
                // Formula errors are written as the text they showed: the formula that made them is not copied.
                InlineText(w, value.Text ?? "", notes);
                break;
        }

        w.WriteEndElement();
    }

    /// <summary>An inline string: never a formula, whatever it starts with, and never longer than Excel allows.</summary>
    private static void InlineText(XmlWriter w, string text, Notes? notes = null)
    {
        if (text.Length > MaxCellText)
        {
            text = IssueText.Shorten(text, MaxCellText)!;
            if (notes is not null)
            {
                notes.CellsShortened++;
            }
        }

        w.WriteAttributeString("t", "inlineStr");
        w.WriteStartElement("is", XlsxWriter.MainNs);
        w.WriteStartElement("t", XlsxWriter.MainNs);
        w.WriteAttributeString("xml", "space", null, "preserve");
        w.WriteString(PartXml.Escape(text));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void TextCell(XmlWriter w, int row, int column, string? text, Style style = Style.Plain)
    {
        if (string.IsNullOrEmpty(text) && style == Style.Plain)
        {
            return;
        }

        w.WriteStartElement("c", XlsxWriter.MainNs);
        w.WriteAttributeString("r", CellReference.Format(row, column));
        if (style != Style.Plain)
        {
            w.WriteAttributeString("s", ((int)style).ToString(CultureInfo.InvariantCulture));
        }

        InlineText(w, text ?? "");
        w.WriteEndElement();
    }

    private static void NumberCell(XmlWriter w, int row, int column, long number)
    {
        w.WriteStartElement("c", XlsxWriter.MainNs);
        w.WriteAttributeString("r", CellReference.Format(row, column));
        w.WriteElementString("v", XlsxWriter.MainNs, number.ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private static readonly string[] IssueHeadings = ["Code", "Severity", "Where", "Field", "Value found", "Message", "Cells"];
    private static readonly double[] IssueWidths = [10, 9, 22, 36, 24, 110, 8];

    private static void IssuesSheet(XmlWriter w, IReadOnlyList<ShowVersion.IssueLine> issues, HashSet<string> writtenSheets)
    {
        w.WriteStartElement("worksheet", XlsxWriter.MainNs);
        w.WriteAttributeString("xmlns", "r", null, XlsxWriter.RelNs);
        w.WriteStartElement("sheetViews", XlsxWriter.MainNs);
        w.WriteStartElement("sheetView", XlsxWriter.MainNs);
        w.WriteAttributeString("tabSelected", "1");
        w.WriteAttributeString("workbookViewId", "0");
        w.WriteStartElement("pane", XlsxWriter.MainNs);
        w.WriteAttributeString("ySplit", "1");
        w.WriteAttributeString("topLeftCell", "A2");
        w.WriteAttributeString("activePane", "bottomLeft");
        w.WriteAttributeString("state", "frozen");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        Columns(w, IssueWidths);
        w.WriteStartElement("sheetData", XlsxWriter.MainNs);
        w.WriteStartElement("row", XlsxWriter.MainNs);
        w.WriteAttributeString("r", "1");
        for (var c = 0; c < IssueHeadings.Length; c++)
        {
            TextCell(w, 1, c + 1, IssueHeadings[c], Style.Heading);
        }

        w.WriteEndElement();
        var links = new List<(int Row, string Location, string Display)>();
        for (var i = 0; i < issues.Count; i++)
        {
            var issue = issues[i];
            var row = i + 2;
            w.WriteStartElement("row", XlsxWriter.MainNs);
            w.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
            TextCell(w, row, 1, issue.Code, issue.Severity == Severity.Error ? Style.Error : Style.Query);
            TextCell(w, row, 2, issue.Severity.ToString());
            TextCell(w, row, 3, issue.Location);
            TextCell(w, row, 4, issue.Field);
            TextCell(w, row, 5, issue.Value);
            TextCell(w, row, 6, issue.Message, Style.Wrapped);
            NumberCell(w, row, 7, issue.Count);
            w.WriteEndElement();
            if (issue.Cell is not null && writtenSheets.Contains(issue.Sheet))
            {
                links.Add((row, $"'{issue.Sheet.Replace("'", "''", StringComparison.Ordinal)}'!{issue.Cell}", issue.Location));
            }
        }

        w.WriteEndElement();
        if (links.Count > 0)
        {
            w.WriteStartElement("hyperlinks", XlsxWriter.MainNs);
            foreach (var (row, location, display) in links)
            {
                w.WriteStartElement("hyperlink", XlsxWriter.MainNs);
                w.WriteAttributeString("ref", CellReference.Format(row, 3));
                w.WriteAttributeString("location", location);
                w.WriteAttributeString("display", display);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void AboutSheet(XmlWriter w, int versionNumber, string fileName, int issueLines, Notes notes)
    {
        var lines = new List<(string Text, Style Style)>
        {
            ($"{ReturnSpecifications.CollectionName}: version {versionNumber}, with its issues marked", Style.Heading),
            ($"Uploaded file: {fileName}", Style.Plain),
            ("Cells with an error are red and cells with a query amber; each has a note giving its issues. The Issues sheet lists every issue, "
                + $"{issueLines:N0} in all, with a link to its cell.", Style.Wrapped),
            ("This workbook holds values only: the uploaded file's formulas, links to other workbooks, pictures and formatting are not copied, "
                + "and each cell shows the value the service read from it. Correct the figures in your own workbook and upload it again.", Style.Wrapped),
        };
        if (notes.LeftOutSheets.Count > 0)
        {
            var named = string.Join(", ", notes.LeftOutSheets.Take(20).Select(n => $"'{IssueText.Quote(n)}'"));
            lines.Add(($"Sheets that are not part of the return were left out ({notes.LeftOutSheets.Count:N0}): {named}{(notes.LeftOutSheets.Count > 20 ? ", …" : "")}.", Style.Wrapped));
        }

        if (notes.MissingSheets.Count > 0)
        {
            lines.Add(($"The upload has no sheet for: {string.Join(", ", notes.MissingSheets)}.", Style.Wrapped));
        }

        if (notes.RowsOutOfOrder > 0)
        {
            lines.Add(($"{notes.RowsOutOfOrder:N0} rows stored out of order in the file were left out.", Style.Wrapped));
        }

        if (notes.CellsShortened > 0)
        {
            lines.Add(($"{notes.CellsShortened:N0} cells held more text than Excel allows in a cell and were shortened.", Style.Wrapped));
        }

        if (notes.NotesNotWritten > 0)
        {
            lines.Add(($"Notes are written for the first {NotesPerSheet:N0} marked cells of each sheet; {notes.NotesNotWritten:N0} more marked cells have their issues on the Issues sheet only.", Style.Wrapped));
        }

        w.WriteStartElement("worksheet", XlsxWriter.MainNs);
        Columns(w, [140]);
        w.WriteStartElement("sheetData", XlsxWriter.MainNs);
        for (var i = 0; i < lines.Count; i++)
        {
            w.WriteStartElement("row", XlsxWriter.MainNs);
            w.WriteAttributeString("r", (i + 1).ToString(CultureInfo.InvariantCulture));
            TextCell(w, i + 1, 1, lines[i].Text, lines[i].Style);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Columns(XmlWriter w, double[] widths)
    {
        w.WriteStartElement("cols", XlsxWriter.MainNs);
        for (var i = 0; i < widths.Length; i++)
        {
            w.WriteStartElement("col", XlsxWriter.MainNs);
            w.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("customWidth", "1");
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>The sheet's notes (comments) and the VML shapes Excel needs to show them.</summary>
    private static void WriteNotes(ZipArchive zip, int partNumber, Dictionary<(int Row, int Column), string> texts)
    {
        XlsxWriter.Part(zip, $"xl/comments{partNumber}.xml", w =>
        {
            w.WriteStartElement("comments", XlsxWriter.MainNs);
            w.WriteStartElement("authors", XlsxWriter.MainNs);
            w.WriteElementString("author", XlsxWriter.MainNs, "Supporting Families returns");
            w.WriteEndElement();
            w.WriteStartElement("commentList", XlsxWriter.MainNs);
            foreach (var ((row, column), text) in texts)
            {
                w.WriteStartElement("comment", XlsxWriter.MainNs);
                w.WriteAttributeString("ref", CellReference.Format(row, column));
                w.WriteAttributeString("authorId", "0");
                // One rich-text run, as Excel writes notes: some readers take the text only from runs.
                w.WriteStartElement("text", XlsxWriter.MainNs);
                w.WriteStartElement("r", XlsxWriter.MainNs);
                w.WriteStartElement("t", XlsxWriter.MainNs);
                w.WriteAttributeString("xml", "space", null, "preserve");
                w.WriteString(PartXml.Escape(IssueText.Shorten(text, MaxCellText)!));
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });

        var vml = new StringBuilder();
        vml.Append("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">")
            .Append(CultureInfo.InvariantCulture, $"<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"{partNumber}\"/></o:shapelayout>")
            .Append("<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>");
        var shape = partNumber * 1024;
        foreach (var (row, column) in texts.Keys)
        {
            shape++;
            vml.Append(CultureInfo.InvariantCulture, $"<v:shape id=\"_x0000_s{shape}\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:90pt;z-index:{shape};visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">")
                .Append("<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>")
                .Append(CultureInfo.InvariantCulture, $"<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{column}, 15, {Math.Max(0, row - 2)}, 2, {column + 3}, 15, {row + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{column - 1}</x:Column></x:ClientData></v:shape>");
        }

        vml.Append("</xml>");
        XlsxWriter.RawPart(zip, $"xl/drawings/vmlDrawing{partNumber}.vml", vml.ToString());
        XlsxWriter.Part(zip, $"xl/worksheets/_rels/sheet{partNumber}.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", XlsxWriter.PackageRelNs);
            XlsxWriter.Relationship(w, "rIdVml", VmlType, $"../drawings/vmlDrawing{partNumber}.vml");
            XlsxWriter.Relationship(w, "rIdNotes", CommentsType, $"../comments{partNumber}.xml");
            w.WriteEndElement();
        });
    }

    private static void WritePackage(ZipArchive zip, List<string> names, bool[] comments)
    {
        XlsxWriter.Part(zip, "[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", ContentTypesNs);
            XlsxWriter.Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            XlsxWriter.Default(w, "xml", "application/xml");
            XlsxWriter.Default(w, "vml", "application/vnd.openxmlformats-officedocument.vmlDrawing");
            XlsxWriter.Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            XlsxWriter.Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 0; i < names.Count; i++)
            {
                XlsxWriter.Override(w, $"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }

            for (var i = 0; i < comments.Length; i++)
            {
                if (comments[i])
                {
                    XlsxWriter.Override(w, $"/xl/comments{i + 3}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml");
                }
            }

            w.WriteEndElement();
        });
        XlsxWriter.Part(zip, "_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", XlsxWriter.PackageRelNs);
            XlsxWriter.Relationship(w, "rId1", OfficeDocument, "xl/workbook.xml");
            w.WriteEndElement();
        });
        XlsxWriter.Part(zip, "xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", XlsxWriter.PackageRelNs);
            for (var i = 0; i < names.Count; i++)
            {
                XlsxWriter.Relationship(w, $"rId{i + 1}", WorksheetType, $"worksheets/sheet{i + 1}.xml");
            }

            XlsxWriter.Relationship(w, $"rId{names.Count + 1}", StylesType, "styles.xml");
            w.WriteEndElement();
        });
        XlsxWriter.Part(zip, "xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", XlsxWriter.MainNs);
            w.WriteAttributeString("xmlns", "r", null, XlsxWriter.RelNs);
            w.WriteStartElement("bookViews", XlsxWriter.MainNs);
            w.WriteStartElement("workbookView", XlsxWriter.MainNs);
            w.WriteAttributeString("activeTab", "1");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("sheets", XlsxWriter.MainNs);
            for (var i = 0; i < names.Count; i++)
            {
                w.WriteStartElement("sheet", XlsxWriter.MainNs);
                w.WriteAttributeString("name", names[i]);
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", XlsxWriter.RelNs, $"rId{i + 1}");
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
        XlsxWriter.RawPart(zip, "xl/styles.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><styleSheet xmlns=\"" + XlsxWriter.MainNs + "\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFF6B6B1\"/><bgColor indexed=\"64\"/></patternFill></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFDD99\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"8\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\"/>"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment wrapText=\"1\" vertical=\"top\"/></xf>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");
    }
}
