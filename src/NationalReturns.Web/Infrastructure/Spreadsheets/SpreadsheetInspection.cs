using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// Judges an upload by its bytes, never its name: councils rename files, and an .xls, a CSV or a
/// password-protected workbook each needs a different fix. Size and zip-bomb limits are checked from
/// the stream length and the zip's central directory before anything is inflated.
/// </summary>
public static class SpreadsheetInspection
{
    public const long DefaultMaxBytes = 20 * 1024 * 1024;
    public const long DefaultMaxUncompressed = 200L * 1024 * 1024;
    public const int DefaultMaxRatio = 100;

    private const int HeadSize = 64 * 1024;
    private const double Megabyte = 1024 * 1024;
    private const string SaveAsXlsx = "choose File > Save As, pick 'Excel Workbook (*.xlsx)' and upload that.";
    private const string UseTemplate =
        "Download the return template from this service, fill it in and upload it as an Excel Workbook (.xlsx).";

    private static readonly string[] EncryptionStreams = ["EncryptionInfo", "EncryptedPackage"];

    /// <summary>Says what <paramref name="content"/> is and, unless it is an .xlsx, what the uploader should do.</summary>
    /// <param name="content">The upload; must be seekable. Its position is 0 again afterwards.</param>
    /// <param name="maxBytes">The largest upload accepted.</param>
    /// <param name="maxUncompressed">The most a zip's entries may declare in total once inflated.</param>
    /// <param name="maxRatio">The most any entry may be compressed (inflated size over compressed size).</param>
    public static SpreadsheetVerdict Inspect(
        Stream content,
        long maxBytes = DefaultMaxBytes,
        long maxUncompressed = DefaultMaxUncompressed,
        int maxRatio = DefaultMaxRatio)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("Inspection needs a seekable stream: buffer the upload first.", nameof(content));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUncompressed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRatio);
        try
        {
            return Judge(content, maxBytes, maxUncompressed, maxRatio);
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static SpreadsheetVerdict Judge(Stream content, long maxBytes, long maxUncompressed, int maxRatio)
    {
        var length = content.Length;
        if (length == 0)
        {
            return Empty;
        }

        if (length > maxBytes)
        {
            return new(SpreadsheetKind.TooLarge, TooLargeMessage(length, maxBytes));
        }

        var head = new byte[(int)Math.Min(length, HeadSize)];
        content.Position = 0;
        content.ReadExactly(head);

        if (head.AsSpan().StartsWith(CompoundFile.Signature))
        {
            return JudgeCompoundFile(content);
        }

        if (head.Length >= 4 && head[0] == 'P' && head[1] == 'K'
            && ((head[2], head[3]) is (3, 4) or (5, 6) or (7, 8)))
        {
            return JudgeZip(content, maxUncompressed, maxRatio);
        }

        if (head.AsSpan().StartsWith("%PDF-"u8))
        {
            return NotASpreadsheet(
                "This is a PDF, which the service cannot read figures from. " + UseTemplate);
        }

        if (IsImage(head))
        {
            return NotASpreadsheet(
                "This is a picture, not a spreadsheet. " + UseTemplate);
        }

        return PlainText.Classify(head, isWhole: length == head.Length) switch
        {
            PlainTextShape.Blank => Empty,
            PlainTextShape.Delimited => new(
                SpreadsheetKind.Csv,
                "This is a CSV file. A CSV file holds only one sheet, but the return has several. " + UseTemplate),
            PlainTextShape.Markup => NotASpreadsheet(
                "This is a web page or XML file, not an Excel workbook, even if its name ends in .xls. "
                + "Open it in Excel, " + SaveAsXlsx),
            _ => NotASpreadsheet("This file is not an Excel workbook. " + UseTemplate),
        };
    }

    /// <summary>
    /// The one message for a file over the limit, whether the site sees it in the request's length (before
    /// reading it) or in the file itself. <paramref name="length"/> is null when only the limit is known.
    /// </summary>
    public static string TooLargeMessage(long? length, long maxBytes) =>
        (length is { } bytes
            ? $"The file is {Megabytes(bytes, roundUp: true)} MB, which is over the {Megabytes(maxBytes)} MB limit."
            : $"The file is over the {Megabytes(maxBytes)} MB limit.")
        + " A return is much smaller: upload the return template with only this return's data in it, without pictures or extra sheets.";

    private static SpreadsheetVerdict Empty { get; } = new(
        SpreadsheetKind.Empty,
        "The file is empty: it has no content. Check that you chose the right file, then upload the completed return template again.");

    private static SpreadsheetVerdict Corrupt { get; } = new(
        SpreadsheetKind.Corrupt,
        "The file is damaged or incomplete, perhaps because the upload or the save was interrupted. "
        + "Open it in Excel, save it again as an Excel Workbook (.xlsx) and upload it again.");

    private static SpreadsheetVerdict NotASpreadsheet(string message) => new(SpreadsheetKind.NotASpreadsheet, message);

    /// <summary>
    /// Compound files are told apart by their stream names. The names come from the directory chain the
    /// header points to; only when that chain cannot be followed are the bytes scanned for the names.
    /// </summary>
    private static SpreadsheetVerdict JudgeCompoundFile(Stream content)
    {
        var names = CompoundFile.TryReadEntryNames(content);
        bool Has(string name) => names?.Contains(name, StringComparer.OrdinalIgnoreCase) ?? CompoundFile.ContainsName(content, name);

        if (Array.Exists(EncryptionStreams, Has))
        {
            return new(
                SpreadsheetKind.Encrypted,
                "This workbook is protected with a password, so the service cannot open it. In Excel choose File > Info > "
                + "Protect Workbook > Encrypt with Password, clear the password, select OK, save the workbook and upload it again.");
        }

        if (!Has("Workbook") && !Has("Book"))
        {
            if (Has("WordDocument"))
            {
                return NotASpreadsheet("This is a Word document, not a spreadsheet. " + UseTemplate);
            }

            if (Has("PowerPoint Document"))
            {
                return NotASpreadsheet("This is a PowerPoint presentation, not a spreadsheet. " + UseTemplate);
            }
        }

        return new(
            SpreadsheetKind.OldExcel,
            "This is an Excel 97–2003 workbook (.xls). Open it in Excel, " + SaveAsXlsx);
    }

    private static SpreadsheetVerdict JudgeZip(Stream content, long maxUncompressed, int maxRatio)
    {
        try
        {
            content.Position = 0;
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (JudgeSizes(archive, maxUncompressed, maxRatio) is { } sizeVerdict)
            {
                return sizeVerdict;
            }

            return JudgeParts(archive);
        }
        catch (InvalidDataException)
        {
            return Corrupt;
        }
        catch (XmlException)
        {
            return Corrupt;
        }
        catch (EndOfStreamException)
        {
            return Corrupt;
        }
    }

    /// <summary>
    /// Uses only the sizes the central directory declares, so nothing has been inflated yet. The
    /// declared size is also a ceiling later: .NET stops inflating an entry at its declared length.
    /// The archive as a whole needs no ratio check of its own: its ratio is a weighted average of its
    /// entries' ratios, so it cannot exceed the largest of them.
    /// </summary>
    private static SpreadsheetVerdict? JudgeSizes(ZipArchive archive, long maxUncompressed, int maxRatio)
    {
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.Length < 0 || entry.CompressedLength < 0 || (entry.CompressedLength == 0 && entry.Length > 0))
            {
                return Corrupt;
            }

            // Checked as it grows, so forged sizes cannot overflow the sum.
            total += entry.Length;
            if (total > maxUncompressed)
            {
                return new(
                    SpreadsheetKind.ZipBomb,
                    $"This file expands to more than {Megabytes(maxUncompressed)} MB when opened, which no return needs. "
                    + "Upload the return template with only this return's data in it.");
            }

            if (entry.Length > maxRatio * entry.CompressedLength)
            {
                return OverCompressed(maxRatio);
            }
        }

        return null;
    }

    private static SpreadsheetVerdict OverCompressed(int maxRatio) => new(
        SpreadsheetKind.ZipBomb,
        $"This file expands to more than {maxRatio} times its size when opened, which no return needs; it usually means "
        + "sheets full of empty formatted cells or hidden content. Upload the return template with only this return's data in it.");

    private static SpreadsheetVerdict JudgeParts(ZipArchive archive)
    {
        var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in archive.Entries)
        {
            parts.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
        }

        if (parts.TryGetValue("mimetype", out var mimetype))
        {
            return ReadMimetype(mimetype).StartsWith("application/vnd.oasis.opendocument.spreadsheet", StringComparison.OrdinalIgnoreCase)
                ? new(
                    SpreadsheetKind.OpenDocument,
                    "This is an OpenDocument spreadsheet (.ods). Open it in LibreOffice Calc, choose File > Save As, set the file "
                    + "type to 'Excel 2007-365 (.xlsx)', choose to keep that format when asked, and upload the .xlsx file.")
                : NotASpreadsheet("This is an OpenDocument file but not a spreadsheet. " + UseTemplate);
        }

        var hasWorkbook = parts.ContainsKey("xl/workbook.xml");
        if (!parts.TryGetValue("[Content_Types].xml", out var contentTypesEntry))
        {
            // Office files always carry [Content_Types].xml; workbook parts without it were zipped by hand or cut short.
            return hasWorkbook ? Corrupt : NotASpreadsheet(ZipMessage(parts));
        }

        var declared = ReadContentTypes(contentTypesEntry);
        if (declared.HasFlag(Declared.MacroWorkbook) || parts.ContainsKey("xl/vbaProject.bin"))
        {
            return new(
                SpreadsheetKind.MacroEnabled,
                "This is a macro-enabled workbook (.xlsm), which the service does not accept. Open it in Excel, "
                + "choose File > Save As, pick 'Excel Workbook (*.xlsx)', which leaves the macros out, and upload that.");
        }

        if (declared.HasFlag(Declared.BinaryWorkbook))
        {
            // Microsoft's own content type calls .xlsb macro-enabled, and the fix is the same Save As.
            return new(
                SpreadsheetKind.MacroEnabled,
                "This is an Excel Binary Workbook (.xlsb). Open it in Excel, " + SaveAsXlsx);
        }

        if (declared.HasFlag(Declared.Workbook) || (hasWorkbook && declared == Declared.Nothing))
        {
            return hasWorkbook && IsWellFormed(parts["xl/workbook.xml"]) ? new(SpreadsheetKind.Xlsx, null) : Corrupt;
        }

        if (declared.HasFlag(Declared.WordDocument))
        {
            return NotASpreadsheet("This is a Word document, not a spreadsheet. " + UseTemplate);
        }

        if (declared.HasFlag(Declared.Presentation))
        {
            return NotASpreadsheet("This is a PowerPoint presentation, not a spreadsheet. " + UseTemplate);
        }

        return NotASpreadsheet(ZipMessage(parts));
    }

    private static string ZipMessage(Dictionary<string, ZipArchiveEntry> parts) =>
        parts.ContainsKey("word/document.xml")
            ? "This is a Word document, not a spreadsheet. " + UseTemplate
            : "This is a zip file, not an Excel workbook. " + UseTemplate;

    private static string ReadMimetype(ZipArchiveEntry entry)
    {
        // The mimetype entry is a few dozen bytes; anything long is not one.
        if (entry.Length > 256)
        {
            return "";
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd().Trim();
    }

    /// <summary>
    /// The workbook part is small and every read starts with it, so damage there is worth catching now,
    /// while the uploader is still on the page. A damaged sheet is found when it is read.
    /// </summary>
    private static bool IsWellFormed(ZipArchiveEntry entry)
    {
        using var xml = PartXml.Open(entry);
        while (xml.Read())
        {
        }

        return true;
    }

    private static Declared ReadContentTypes(ZipArchiveEntry entry)
    {
        var declared = Declared.Nothing;
        using var xml = PartXml.Open(entry);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.GetAttribute("ContentType") is not { } type)
            {
                continue;
            }

            declared |= type.ToLowerInvariant() switch
            {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
                    or "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml" => Declared.Workbook,
                "application/vnd.ms-excel.sheet.macroenabled.main+xml"
                    or "application/vnd.ms-excel.template.macroenabled.main+xml"
                    or "application/vnd.ms-excel.addin.macroenabled.main+xml" => Declared.MacroWorkbook,
                "application/vnd.ms-excel.sheet.binary.macroenabled.main" => Declared.BinaryWorkbook,
                _ when type.Contains("wordprocessingml", StringComparison.OrdinalIgnoreCase) => Declared.WordDocument,
                _ when type.Contains("presentationml", StringComparison.OrdinalIgnoreCase) => Declared.Presentation,
                _ => Declared.Nothing,
            };
        }

        return declared;
    }

    private static bool IsImage(ReadOnlySpan<byte> head) =>
        head.StartsWith([(byte)0x89, (byte)'P', (byte)'N', (byte)'G'])
        || head.StartsWith([(byte)0xFF, (byte)0xD8, (byte)0xFF])
        || head.StartsWith("GIF8"u8)
        || (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8));

    /// <summary>
    /// Sizes to one decimal place. A file's size is rounded up so that one just over a 20 MB limit does
    /// not read as "20 MB, which is over the 20 MB limit".
    /// </summary>
    private static string Megabytes(long bytes, bool roundUp = false)
    {
        var tenths = bytes / Megabyte * 10;
        return ((roundUp ? Math.Ceiling(tenths) : Math.Round(tenths)) / 10).ToString("0.#", CultureInfo.InvariantCulture);
    }

    [Flags]
    private enum Declared
    {
        Nothing = 0,
        Workbook = 1,
        MacroWorkbook = 2,
        BinaryWorkbook = 4,
        WordDocument = 8,
        Presentation = 16,
    }
}
