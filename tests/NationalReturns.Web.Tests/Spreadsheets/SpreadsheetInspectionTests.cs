using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Tests.Spreadsheets;

public class SpreadsheetInspectionTests
{
    private const string MacroWorkbookType = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

    [Fact]
    public void Inspect_ClosedXmlWorkbook_IsXlsxWithoutMessage()
    {
        using var workbook = new XLWorkbook();
        workbook.Worksheets.Add("Return").Cell("A1").Value = "Families supported";
        using var file = new MemoryStream();
        workbook.SaveAs(file);

        var verdict = SpreadsheetInspection.Inspect(file);

        Assert.Equal(SpreadsheetKind.Xlsx, verdict.Kind);
        Assert.Null(verdict.Message);
        Assert.True(verdict.IsAcceptable);
    }

    [Fact]
    public void Inspect_HandMadeWorkbook_IsXlsx()
    {
        var verdict = Inspect(new HandMadeXlsx().Sheet("Return", "<sheetData/>").ToArray());

        Assert.Equal(SpreadsheetKind.Xlsx, verdict.Kind);
    }

    [Fact]
    public void Inspect_EmptyStream_SaysFileHasNoContent()
    {
        var verdict = Inspect([]);

        Assert.Equal(SpreadsheetKind.Empty, verdict.Kind);
        Assert.Contains("no content", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OnlyBlankLines_IsEmpty()
    {
        Assert.Equal(SpreadsheetKind.Empty, Inspect("\r\n  \r\n\t\r\n"u8.ToArray()).Kind);
    }

    [Fact]
    public void Inspect_FileOverMaxBytes_SaysTooLargeWithLimitInMegabytes()
    {
        var verdict = Inspect(new byte[(1024 * 1024) + 1], maxBytes: 1024 * 1024);

        Assert.Equal(SpreadsheetKind.TooLarge, verdict.Kind);
        Assert.Contains("over the 1 MB limit", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("1.1 MB", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_FileExactlyAtMaxBytes_IsNotTooLarge()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", "<sheetData/>").ToArray();

        Assert.Equal(SpreadsheetKind.Xlsx, Inspect(bytes, maxBytes: bytes.Length).Kind);
    }

    [Fact]
    public void Inspect_OldXlsFile_SaysSaveAsXlsx()
    {
        var verdict = Inspect(CompoundFileFixture.Build(["Workbook", "\u0005SummaryInformation"]));

        Assert.Equal(SpreadsheetKind.OldExcel, verdict.Kind);
        Assert.Equal(
            "This is an Excel 97–2003 workbook (.xls). Open it in Excel, choose File > Save As, pick 'Excel Workbook (*.xlsx)' and upload that.",
            verdict.Message);
    }

    [Fact]
    public void Inspect_PasswordProtectedXlsx_SaysRemoveThePassword()
    {
        var verdict = Inspect(CompoundFileFixture.Build(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]));

        Assert.Equal(SpreadsheetKind.Encrypted, verdict.Kind);
        Assert.Contains("File > Info > Protect Workbook > Encrypt with Password", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_CompoundFileWithEncryptedPackageOnly_IsEncrypted()
    {
        Assert.Equal(SpreadsheetKind.Encrypted, Inspect(CompoundFileFixture.Build(["EncryptedPackage"])).Kind);
    }

    [Fact]
    public void Inspect_EncryptionInfoNamedBeyondSecondDirectorySector_IsEncrypted()
    {
        // Eight entries need two directory sectors, so the name is only found by following the FAT chain.
        var names = new[] { "A", "B", "C", "D", "E", "F", "EncryptionInfo" };

        Assert.Equal(SpreadsheetKind.Encrypted, Inspect(CompoundFileFixture.Build(names)).Kind);
    }

    [Fact]
    public void Inspect_XlsWhoseDataMentionsEncryptionInfo_IsOldExcelBecauseOnlyDirectoryNamesCount()
    {
        var file = CompoundFileFixture.Build(["Workbook"], trailingData: Encoding.Unicode.GetBytes("EncryptionInfo"));

        Assert.Equal(SpreadsheetKind.OldExcel, Inspect(file).Kind);
    }

    [Fact]
    public void Inspect_EncryptedFileWithBrokenDirectoryChain_FallsBackToScanningForTheName()
    {
        var file = CompoundFileFixture.Build(["EncryptionInfo", "EncryptedPackage"], breakDirectoryChain: true);

        Assert.Equal(SpreadsheetKind.Encrypted, Inspect(file).Kind);
    }

    [Fact]
    public void Inspect_OldWordDocument_IsNotASpreadsheet()
    {
        var verdict = Inspect(CompoundFileFixture.Build(["WordDocument", "1Table"]));

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, verdict.Kind);
        Assert.Contains("Word document", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_MacroEnabledWorkbook_SaysSaveWithoutMacros()
    {
        var bytes = new HandMadeXlsx()
            .Sheet("Return", "<sheetData/>")
            .WorkbookContentType(MacroWorkbookType)
            .Part("xl/vbaProject.bin", "not really VBA")
            .ToArray();

        var verdict = Inspect(bytes);

        Assert.Equal(SpreadsheetKind.MacroEnabled, verdict.Kind);
        Assert.Contains("Excel Workbook (*.xlsx)", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("macros", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OrdinaryContentTypeButVbaProject_IsMacroEnabled()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", "<sheetData/>").Part("xl/vbaProject.bin", "VBA").ToArray();

        Assert.Equal(SpreadsheetKind.MacroEnabled, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_MacroContentTypeWithoutVbaProject_IsMacroEnabled()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", "<sheetData/>").WorkbookContentType(MacroWorkbookType).ToArray();

        Assert.Equal(SpreadsheetKind.MacroEnabled, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_OpenDocumentSpreadsheet_SaysSaveAsXlsxFromLibreOffice()
    {
        var bytes = ZipFixture.Build(
            ZipItem.Text("mimetype", "application/vnd.oasis.opendocument.spreadsheet", CompressionLevel.NoCompression),
            ZipItem.Text("content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"),
            ZipItem.Text("META-INF/manifest.xml", "<manifest/>"));

        var verdict = Inspect(bytes);

        Assert.Equal(SpreadsheetKind.OpenDocument, verdict.Kind);
        Assert.Contains("LibreOffice", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("File > Save As", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("'Excel 2007-365 (.xlsx)'", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OpenDocumentText_IsNotASpreadsheet()
    {
        var bytes = ZipFixture.Build(
            ZipItem.Text("mimetype", "application/vnd.oasis.opendocument.text", CompressionLevel.NoCompression),
            ZipItem.Text("content.xml", "<document/>"));

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, Inspect(bytes).Kind);
    }

    [Theory]
    [InlineData("Area code,Quarter,Families\r\nE06000009,2025-26 Q1,120\r\nE08000025,2025-26 Q1,\"1,204\"\r\n")]
    [InlineData("Area code;Quarter;Families\nE06000009;2025-26 Q1;120\nE08000025;2025-26 Q1;1204\n")]
    [InlineData("Area code\tQuarter\tFamilies\nE06000009\t2025-26 Q1\t120\n")]
    [InlineData("\uFEFFArea code,Families\nE06000009,120")]
    public void Inspect_DelimitedText_SaysUseTheTemplateAsXlsx(string text)
    {
        var verdict = Inspect(Encoding.UTF8.GetBytes(text));

        Assert.Equal(SpreadsheetKind.Csv, verdict.Kind);
        Assert.Contains("one sheet", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("template", verdict.Message, StringComparison.Ordinal);
        Assert.Contains(".xlsx", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ExcelUnicodeTextExport_IsCsv()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Area\tFamilies\r\nHartlepool\t120\r\n")).ToArray();

        Assert.Equal(SpreadsheetKind.Csv, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_ProseWithSomeCommas_IsNotCsv()
    {
        var text = "Dear team,\nPlease find our figures attached, as agreed at the meeting.\nWe will send the rest soon\nRegards\n";

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, Inspect(Encoding.UTF8.GetBytes(text)).Kind);
    }

    [Fact]
    public void Inspect_RandomBytes_IsNotASpreadsheet()
    {
        var bytes = new byte[4096];
        new Random(20251).NextBytes(bytes);

        var verdict = Inspect(bytes);

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, verdict.Kind);
        Assert.Contains("not an Excel workbook", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_PdfFile_SaysItIsAPdf()
    {
        var verdict = Inspect("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"u8.ToArray());

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, verdict.Kind);
        Assert.Contains("PDF", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_PngImage_IsNotASpreadsheet()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        var verdict = Inspect(png);

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, verdict.Kind);
        Assert.Contains("picture", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_HtmlSavedWithXlsName_SaysSaveAsXlsx()
    {
        var verdict = Inspect("<html><body><table><tr><td>Area</td></tr></table></body></html>"u8.ToArray());

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, verdict.Kind);
        Assert.Contains("web page", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("Excel Workbook (*.xlsx)", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_WordDocx_IsNotASpreadsheet()
    {
        var bytes = ZipFixture.Build(
            ("[Content_Types].xml", """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""),
            ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"));

        var verdict = Inspect(bytes);

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, verdict.Kind);
        Assert.Contains("Word document", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ZipOfOtherFiles_IsNotASpreadsheet()
    {
        var verdict = Inspect(ZipFixture.Build(("notes.txt", "hello"), ("data/figures.csv", "a,b\n1,2\n")));

        Assert.Equal(SpreadsheetKind.NotASpreadsheet, verdict.Kind);
        Assert.Contains("zip file", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_FirstHalfOfXlsx_IsCorrupt()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Return");
        for (var row = 1; row <= 200; row++)
        {
            sheet.Cell(row, 1).Value = $"Area {row}";
            sheet.Cell(row, 2).Value = row * 3;
        }

        using var file = new MemoryStream();
        workbook.SaveAs(file);
        var bytes = file.ToArray();

        var verdict = Inspect(bytes[..(bytes.Length / 2)]);

        Assert.Equal(SpreadsheetKind.Corrupt, verdict.Kind);
        Assert.Contains("damaged or incomplete", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("save it again", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_XlsxWithoutWorkbookPart_IsCorrupt()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", "<sheetData/>").Without("xl/workbook.xml").ToArray();

        Assert.Equal(SpreadsheetKind.Corrupt, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_XlsxWithDamagedWorkbookPart_IsCorrupt()
    {
        var bytes = ZipFixture.Build(
            ("[Content_Types].xml", """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""),
            ("xl/workbook.xml", "<workbook><sheets><sheet name=\"Return\""));

        Assert.Equal(SpreadsheetKind.Corrupt, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_LongFileStartingWithBlankLines_IsNotEmpty()
    {
        var bytes = new byte[100 * 1024];
        bytes.AsSpan().Fill((byte)' ');
        "\nArea,Families\nHartlepool,120\n"u8.CopyTo(bytes.AsSpan(bytes.Length - 40));

        Assert.NotEqual(SpreadsheetKind.Empty, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_WorkbookPartsWithoutContentTypes_IsCorrupt()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", "<sheetData/>").Without("[Content_Types].xml").ToArray();

        Assert.Equal(SpreadsheetKind.Corrupt, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_ContentTypesNotXml_IsCorrupt()
    {
        var bytes = ZipFixture.Build(("[Content_Types].xml", "<Types><Default"), ("xl/workbook.xml", "<workbook/>"));

        Assert.Equal(SpreadsheetKind.Corrupt, Inspect(bytes).Kind);
    }

    [Fact]
    public void Inspect_EntryCompressedOverMaxRatio_IsZipBomb()
    {
        // 20 MB of zeros deflates to about 20 KB: a ratio near 1,000 but a total well under 200 MB.
        var bytes = new HandMadeXlsx()
            .Sheet("Return", "<sheetData/>")
            .Part("xl/media/padding.bin", new string('\0', 20 * 1024 * 1024))
            .ToArray();

        var verdict = Inspect(bytes);

        Assert.Equal(SpreadsheetKind.ZipBomb, verdict.Kind);
        Assert.Contains("more than 100 times", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("only this return's data", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OneOverCompressedEntryAmongIncompressibleOnes_IsZipBomb()
    {
        // 4 MB of noise keeps the archive's overall ratio near 1.5; only the 2 MB of zeros is over the limit.
        var noise = new byte[4 * 1024 * 1024];
        new Random(11).NextBytes(noise);
        var bytes = new HandMadeXlsx()
            .Sheet("Return", "<sheetData/>")
            .Part("xl/media/padding.bin", new string('\0', 2 * 1024 * 1024))
            .ToArray();
        var withNoise = ZipFixture.Build([.. ZipFixture.Read(bytes), new ZipItem("xl/media/photo.bin", noise)]);

        Assert.Equal(SpreadsheetKind.ZipBomb, Inspect(withNoise).Kind);
    }

    [Fact]
    public void Inspect_DeclaredSizesOverMaxUncompressed_IsZipBombNamingTheLimit()
    {
        // Random bytes barely compress, so only the total can trip here, not the ratio.
        var noise = new byte[2 * 1024 * 1024];
        new Random(7).NextBytes(noise);
        var bytes = ZipFixture.Build(
            ZipItem.Text("[Content_Types].xml", "<Types/>"),
            new ZipItem("xl/media/photo.bin", noise));

        var verdict = Inspect(bytes, maxUncompressed: 1024 * 1024);

        Assert.Equal(SpreadsheetKind.ZipBomb, verdict.Kind);
        Assert.Contains("more than 1 MB", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ZipBombWithGarbledData_IsJudgedFromTheCentralDirectoryAlone()
    {
        // Everything before the central directory but the leading PK signature is overwritten, so opening
        // any entry would fail and give Corrupt: ZipBomb can only come from the sizes the directory declares.
        var bytes = new HandMadeXlsx()
            .Sheet("Return", "<sheetData/>")
            .Part("xl/media/padding.bin", new string('\0', 20 * 1024 * 1024))
            .ToArray();
        var centralDirectory = IndexOfCentralDirectory(bytes);
        bytes.AsSpan(4, centralDirectory - 4).Fill(0xAA);

        Assert.Equal(SpreadsheetKind.ZipBomb, Inspect(bytes).Kind);
        // The garbling is real: with limits it stays under, the same file has to be opened and is Corrupt.
        Assert.Equal(SpreadsheetKind.Corrupt, Inspect(bytes, maxRatio: int.MaxValue).Kind);
    }

    [Fact]
    public void Inspect_SmallWorkbookUnderTightLimits_IsXlsx()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", "<sheetData/>").ToArray();

        Assert.Equal(SpreadsheetKind.Xlsx, Inspect(bytes, maxUncompressed: 64 * 1024, maxRatio: 20).Kind);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("xls")]
    [InlineData("csv")]
    [InlineData("truncated")]
    [InlineData("bomb")]
    public void Inspect_AnyFile_LeavesPositionAtZero(string kind)
    {
        var xlsx = new HandMadeXlsx().Sheet("Return", "<sheetData/>").ToArray();
        var bytes = kind switch
        {
            "xlsx" => xlsx,
            "xls" => CompoundFileFixture.Build(["Workbook"]),
            "csv" => "a,b\n1,2\n"u8.ToArray(),
            "truncated" => xlsx[..(xlsx.Length / 2)],
            _ => xlsx,
        };
        using var file = new MemoryStream(bytes);
        file.Position = 3;

        SpreadsheetInspection.Inspect(file, maxRatio: kind == "bomb" ? 1 : 100);

        Assert.Equal(0, file.Position);
    }

    [Fact]
    public void Inspect_EveryRejection_HasAMessage()
    {
        byte[][] rejected =
        [
            [],
            CompoundFileFixture.Build(["Workbook"]),
            CompoundFileFixture.Build(["EncryptionInfo"]),
            "a,b\n1,2\n"u8.ToArray(),
            "%PDF-1.4"u8.ToArray(),
        ];

        foreach (var bytes in rejected)
        {
            var verdict = Inspect(bytes);
            Assert.NotEqual(SpreadsheetKind.Xlsx, verdict.Kind);
            Assert.False(string.IsNullOrWhiteSpace(verdict.Message));
            Assert.EndsWith(".", verdict.Message, StringComparison.Ordinal);
        }
    }

    private static SpreadsheetVerdict Inspect(
        byte[] bytes,
        long maxBytes = SpreadsheetInspection.DefaultMaxBytes,
        long maxUncompressed = SpreadsheetInspection.DefaultMaxUncompressed,
        int maxRatio = SpreadsheetInspection.DefaultMaxRatio)
    {
        using var file = new MemoryStream(bytes, writable: false);
        return SpreadsheetInspection.Inspect(file, maxBytes, maxUncompressed, maxRatio);
    }

    /// <summary>From the end-of-central-directory record, which ZipArchive writes without a comment.</summary>
    private static int IndexOfCentralDirectory(byte[] zip)
    {
        var end = zip.AsSpan(zip.Length - 22);
        Assert.True(end.StartsWith("PK\u0005\u0006"u8));
        return (int)BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
    }
}
