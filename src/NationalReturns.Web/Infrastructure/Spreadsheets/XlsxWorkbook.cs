using System.Globalization;
using System.IO.Compression;
using System.Xml;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// Reads an .xlsx that <see cref="SpreadsheetInspection"/> has accepted, streaming each sheet with
/// XmlReader so that a 100,000-row return needs little memory. Only the shared strings, the date
/// styles and the list of sheets are held. Not safe for use from several threads at once.
/// </summary>
public sealed class XlsxWorkbook : IDisposable
{
    private const string RepairAdvice = "Open it in Excel, save it again as an Excel Workbook (.xlsx) and upload it again.";
    private const string WorkbookPart = "xl/workbook.xml";

    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _parts;
    private readonly Dictionary<string, SheetPart> _sheets;
    private readonly string[] _sheetNames;
    private readonly List<string> _sharedStrings;
    private readonly CellStyles _styles;
    private readonly Dictionary<string, IReadOnlyList<CellArea>> _mergedRanges = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    private XlsxWorkbook(
        ZipArchive archive,
        Dictionary<string, ZipArchiveEntry> parts,
        List<SheetPart> sheets,
        List<string> sharedStrings,
        CellStyles styles,
        bool usesDate1904)
    {
        _archive = archive;
        _parts = parts;
        _sheets = new Dictionary<string, SheetPart>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in sheets)
        {
            _sheets[sheet.Name] = sheet;
        }

        _sheetNames = sheets.ConvertAll(s => s.Name).ToArray();
        _sharedStrings = sharedStrings;
        _styles = styles;
        UsesDate1904 = usesDate1904;
    }

    /// <summary>Every sheet in workbook order, hidden ones included.</summary>
    public IReadOnlyList<string> SheetNames => _sheetNames;

    /// <summary>
    /// True for workbooks using the 1904 date system (old Mac Excel), whose serial numbers are 1,462
    /// days smaller than <see cref="DateTime.FromOADate"/> expects.
    /// </summary>
    public bool UsesDate1904 { get; }

    /// <summary>
    /// Opens the workbook. The stream stays open and owned by the caller, who normally also passed it to
    /// <see cref="SpreadsheetInspection.Inspect"/>; it should be seekable, or the zip is copied into memory.
    /// </summary>
    /// <exception cref="SpreadsheetReadException">The file is not a readable workbook.</exception>
    public static XlsxWorkbook Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new SpreadsheetReadException($"The file is not a readable Excel workbook. {RepairAdvice}", ex);
        }

        var opened = false;
        try
        {
            var workbook = Load(archive);
            opened = true;
            return workbook;
        }
        finally
        {
            if (!opened)
            {
                archive.Dispose();
            }
        }
    }

    /// <summary>
    /// Streams the rows of a sheet that hold at least one non-blank cell. Unknown sheets and missing sheet
    /// parts are reported at once; damage inside the sheet is reported when the reading reaches it.
    /// </summary>
    /// <exception cref="SpreadsheetReadException">The sheet is missing or damaged.</exception>
    public IEnumerable<SheetRow> ReadRows(string sheetName)
    {
        var (sheet, entry) = FindSheet(sheetName);
        return ReadRows(sheet, entry);
    }

    /// <summary>
    /// The merged areas of a sheet. They follow the rows in the file, so they are collected while
    /// <see cref="ReadRows(string)"/> is enumerated to the end; called before that, this reads the sheet
    /// itself, passing over the rows.
    /// </summary>
    /// <exception cref="SpreadsheetReadException">The sheet is missing or damaged.</exception>
    public IReadOnlyList<CellArea> MergedRanges(string sheetName)
    {
        var (sheet, entry) = FindSheet(sheetName);
        if (_mergedRanges.TryGetValue(sheet.Name, out var known))
        {
            return known;
        }

        using var reader = WorksheetReader.Open(entry, sheet.Name, _sharedStrings, _styles, UsesDate1904);
        var ranges = reader.ReadMergedRanges();
        _mergedRanges[sheet.Name] = ranges;
        return ranges;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _archive.Dispose();
        }
    }

    private IEnumerable<SheetRow> ReadRows(SheetPart sheet, ZipArchiveEntry entry)
    {
        using var reader = WorksheetReader.Open(entry, sheet.Name, _sharedStrings, _styles, UsesDate1904);
        while (reader.TryReadRow(out var row))
        {
            yield return row;
        }

        // The reader stands just after sheetData, so the merged areas cost no second pass.
        _mergedRanges[sheet.Name] = reader.ReadMergedRanges();
    }

    private (SheetPart Sheet, ZipArchiveEntry Entry) FindSheet(string sheetName)
    {
        ArgumentNullException.ThrowIfNull(sheetName);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_sheets.TryGetValue(sheetName, out var sheet))
        {
            throw new SpreadsheetReadException(
                $"The workbook has no sheet called '{sheetName}'. Its sheets are: {string.Join(", ", _sheetNames)}.", sheetName);
        }

        if (sheet.PartPath is null || !_parts.TryGetValue(sheet.PartPath, out var entry))
        {
            throw new SpreadsheetReadException(
                $"The sheet '{sheet.Name}' is listed in the workbook but its contents are missing from the file. {RepairAdvice}",
                sheet.Name);
        }

        return (sheet, entry);
    }

    private static XlsxWorkbook Load(ZipArchive archive)
    {
        var parts = IndexParts(archive);
        if (!parts.TryGetValue(WorkbookPart, out var workbookEntry))
        {
            throw new SpreadsheetReadException(
                $"The file has no workbook part (xl/workbook.xml), so it is not a complete Excel workbook. {RepairAdvice}");
        }

        var (sheets, usesDate1904) = ReadPart("list of sheets", () => ReadWorkbook(workbookEntry));
        var relationships = parts.TryGetValue("xl/_rels/workbook.xml.rels", out var relsEntry)
            ? ReadPart("list of parts", () => ReadRelationships(relsEntry))
            : [];

        var resolved = new List<SheetPart>(sheets.Count);
        foreach (var (name, relationshipId) in sheets)
        {
            resolved.Add(new SheetPart(
                name, relationshipId is not null && relationships.TryGetValue(relationshipId, out var rel) ? rel.Path : null));
        }

        var sharedStrings = FindPart(parts, relationships, "/sharedStrings", "xl/sharedStrings.xml") is { } stringsEntry
            ? ReadPart("shared text", () => ReadSharedStrings(stringsEntry))
            : [];
        var styles = FindPart(parts, relationships, "/styles", "xl/styles.xml") is { } stylesEntry
            ? ReadPart("cell formats", () => CellStyles.Read(stylesEntry))
            : CellStyles.None;

        return new XlsxWorkbook(archive, parts, resolved, sharedStrings, styles, usesDate1904);
    }

    private static T ReadPart<T>(string description, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException ex)
        {
            throw new SpreadsheetReadException($"The workbook's {description} could not be read because the file is damaged. {RepairAdvice}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new SpreadsheetReadException($"The workbook's {description} could not be read because the file is damaged. {RepairAdvice}", ex);
        }
    }

    /// <summary>
    /// Part names are case-insensitive in OPC, and a few Windows tools write backslashes, so parts are
    /// looked up by a normalised name.
    /// </summary>
    private static Dictionary<string, ZipArchiveEntry> IndexParts(ZipArchive archive)
    {
        var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in archive.Entries)
        {
            parts.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
        }

        return parts;
    }

    private static ZipArchiveEntry? FindPart(
        Dictionary<string, ZipArchiveEntry> parts,
        Dictionary<string, Relationship> relationships,
        string typeSuffix,
        string usualPath)
    {
        foreach (var relationship in relationships.Values)
        {
            if (relationship.Type.EndsWith(typeSuffix, StringComparison.Ordinal)
                && parts.TryGetValue(relationship.Path, out var entry))
            {
                return entry;
            }
        }

        return parts.GetValueOrDefault(usualPath);
    }

    private static (List<(string Name, string? RelationshipId)> Sheets, bool UsesDate1904) ReadWorkbook(ZipArchiveEntry entry)
    {
        var sheets = new List<(string Name, string? RelationshipId)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usesDate1904 = false;
        using var xml = PartXml.Open(entry);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "workbookPr")
            {
                usesDate1904 = xml.GetAttribute("date1904") is "1" or "true";
            }
            else if (xml.LocalName == "sheet")
            {
                var name = xml.GetAttribute("name");
                if (string.IsNullOrEmpty(name) || !seen.Add(name))
                {
                    throw new SpreadsheetReadException(
                        $"The workbook's list of sheets has a sheet with {(string.IsNullOrEmpty(name) ? "no name" : $"a repeated name ('{name}')")}, "
                        + $"so the file looks damaged. {RepairAdvice}");
                }

                sheets.Add((name, RelationshipId(xml)));
            }
        }

        return (sheets, usesDate1904);
    }

    /// <summary>The r:id attribute, found by local name so Strict OOXML's other namespace works too.</summary>
    private static string? RelationshipId(XmlReader xml)
    {
        string? id = null;
        while (xml.MoveToNextAttribute())
        {
            if (xml.LocalName == "id" && xml.NamespaceURI.Length != 0)
            {
                id = xml.Value;
            }
        }

        xml.MoveToElement();
        return id;
    }

    private static Dictionary<string, Relationship> ReadRelationships(ZipArchiveEntry entry)
    {
        var relationships = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        using var xml = PartXml.Open(entry);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship"
                || xml.GetAttribute("TargetMode") is "External")
            {
                continue;
            }

            var id = xml.GetAttribute("Id");
            var target = xml.GetAttribute("Target");
            if (id is not null && target is not null)
            {
                relationships.TryAdd(id, new Relationship(xml.GetAttribute("Type") ?? "", ResolveTarget("xl", target)));
            }
        }

        return relationships;
    }

    /// <summary>
    /// Targets are relative to the workbook's folder ("worksheets/sheet1.xml") or to the package root
    /// ("/xl/worksheets/sheet1.xml"), and may be percent-encoded or climb with "..".
    /// </summary>
    internal static string ResolveTarget(string sourceFolder, string target)
    {
        var path = Uri.UnescapeDataString(target).Replace('\\', '/');
        path = path.StartsWith('/') ? path : sourceFolder + "/" + path;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }

    private static List<string> ReadSharedStrings(ZipArchiveEntry entry)
    {
        var strings = new List<string>();
        using var xml = PartXml.Open(entry);
        if (xml.MoveToContent() == XmlNodeType.Element
            && int.TryParse(xml.GetAttribute("uniqueCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared > 0)
        {
            // The count is a hint from the file; capped so a false one cannot reserve gigabytes.
            strings.Capacity = Math.Min(declared, 1 << 20);
        }

        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                // ReadStringItem leaves the reader after </si>, on the next item: reading again here
                // would skip every second string.
                strings.Add(PartXml.ReadStringItem(xml));
                continue;
            }

            xml.Read();
        }

        return strings;
    }

    private sealed record SheetPart(string Name, string? PartPath);

    private sealed record Relationship(string Type, string Path);
}
