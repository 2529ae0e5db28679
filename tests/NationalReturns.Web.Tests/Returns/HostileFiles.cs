using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Returns.Demo;
using NationalReturns.Web.Infrastructure.Spreadsheets;
using NationalReturns.Web.Tests.Spreadsheets;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>
/// The hostile and careless files of issue 12, made from a clean Blackpool return written as a plain export
/// (one part per sheet, predictable XML), or the committed fixtures saved by other programs. Shared by the
/// tests and the benchmark that measures marking them.
/// </summary>
public static partial class HostileFiles
{
    public static readonly ReturnPeriod Period = new(2025, 2);

    /// <summary>Every kind, the largest last: the benchmark runs them in this order.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "deep-nesting", "doctype-in-unread-part", "iso-date-cells", "dangling-relationships", "formulas-and-external-links", "rows-out-of-order",
        "control-characters", "openpyxl", "openpyxl-new", "libreoffice", "long-text-everywhere", "ten-thousand-sheets", "million-empty-rows", "merged-areas",
        "fifty-thousand-families",
    ];

    /// <summary>The committed fixture, found from the repository root whichever project runs.</summary>
    public static string Fixture(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "tests", "fixtures", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"No tests/fixtures/{name} above {AppContext.BaseDirectory}.");
    }

    /// <summary>A clean Blackpool return written as a plain export (one part per sheet, predictable XML), then made hostile.</summary>
    public static byte[] Make(string kind, AuthorityProfile blackpool)
    {
        var draft = DemoReturns.Generate(blackpool, Period, new AreaDenominators(27_000, 12_500, 3_000, 63_000), familyCount: kind == "fifty-thousand-families" ? 50_000 : 60);
        switch (kind)
        {
            case "openpyxl" or "openpyxl-new" or "libreoffice":
                return File.ReadAllBytes(Fixture($"blackpool-2025-26-Q2-{kind}.xlsx"));
            case "fifty-thousand-families":
                // The largest return a county makes, with a lead service off the list on every other row.
                for (var row = 0; row < 50_000; row += 2)
                {
                    draft.SetCell(ReturnSpecifications.Families, row, "fam.lead_service", CellValue.FromText("Social work"));
                }

                return XlsxWriter.Write(new DraftWorkbook(draft));
            case "long-text-everywhere":
                // One 20,000-character string, kept once in the shared strings and used in 230 cells.
                for (var row = 0; row < 200; row++)
                {
                    draft.NewRow(ReturnSpecifications.Notes)[0] = CellValue.FromText($"SHARED-{row}");
                }

                for (var row = 0; row < 60; row += 2)
                {
                    draft.SetCell(ReturnSpecifications.Families, row, "fam.lead_service", CellValue.FromText($"SHARED-LEAD-{row}"));
                }

                break;
        }

        var parts = ZipFixture.Read(XlsxWriter.Write(new DraftWorkbook(draft)));
        return kind switch
        {
            "deep-nesting" => DeepNesting(parts),
            "doctype-in-unread-part" => ExtraSheets(parts, 1, _ => """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"""),
            "iso-date-cells" => Edit(parts, Sheet(ReturnSpecifications.Families), xml => SerialDate().Replace(xml, m =>
                $"""<c r="{m.Groups[1].Value}" t="d"><v>{DateTime.FromOADate(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)):yyyy-MM-ddTHH:mm:ss}</v></c>""")),
            "dangling-relationships" => DanglingRelationships(parts),
            "formulas-and-external-links" => FormulasAndExternalLinks(parts),
            "ten-thousand-sheets" => ExtraSheets(parts, 10_000, _ => """<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"""),
            "million-empty-rows" => Edit(parts, Sheet(ReturnSpecifications.Notes), xml => xml.Replace("</sheetData>", EmptyRows() + "</sheetData>", StringComparison.Ordinal)),
            "rows-out-of-order" => Edit(parts, Sheet(ReturnSpecifications.Families), xml => xml.Replace("<sheetData>", """<sheetData><row r="900"><c r="A900" t="inlineStr"><is><t>LATE-1</t></is></c></row>""", StringComparison.Ordinal)),
            "control-characters" => Edit(parts, Sheet(ReturnSpecifications.Notes), xml => xml.Replace("</sheetData>", """<row r="40"><c r="A40" t="inlineStr"><is><t>bell_x0007_ and _x001B_escape and a literal _x005F_x0041_</t></is></c></row></sheetData>""", StringComparison.Ordinal)),
            "merged-areas" => Edit(parts, Sheet(ReturnSpecifications.Families), xml => xml.Replace("</worksheet>", MergedAreas(200_000) + "</worksheet>", StringComparison.Ordinal)),
            "long-text-everywhere" => SharedLongText(parts),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static string Sheet(string name) => $"xl/worksheets/sheet{ReturnSpecifications.V2025_1.Sheets.ToList().FindIndex(s => s.Name == name) + 1}.xml";

    private static byte[] Edit(List<ZipItem> parts, string path, Func<string, string> change)
    {
        var index = parts.FindIndex(p => p.Name == path);
        parts[index] = ZipItem.Text(path, change(Encoding.UTF8.GetString(parts[index].Data)));
        return ZipFixture.Build(parts.ToArray());
    }

    private static List<ZipItem> EditText(List<ZipItem> parts, string path, Func<string, string> change)
    {
        var index = parts.FindIndex(p => p.Name == path);
        parts[index] = ZipItem.Text(path, change(Encoding.UTF8.GetString(parts[index].Data)));
        return parts;
    }

    /// <summary>A cell and a shared string each holding 20,000 nested elements the reader does not need.</summary>
    private static byte[] DeepNesting(List<ZipItem> parts)
    {
        // Varied attributes, so the part does not compress like a zip bomb and the reader takes it.
        var random = new Random(20_000);
        var nested = string.Concat(Enumerable.Range(0, 20_000).Select(_ => $"<rPh sb=\"{random.Next(100_000)}\" eb=\"{random.Next(100_000)}\">"))
            + "<t>x</t>" + string.Concat(Enumerable.Repeat("</rPh>", 20_000));
        EditText(parts, Sheet(ReturnSpecifications.Notes), xml => xml.Replace("</sheetData>",
            $"""<row r="40"><c r="A40" t="inlineStr"><is><t>Deep inline</t>{nested}</is></c></row><row r="41"><c r="A41" t="s"><v>0</v></c></row></sheetData>""", StringComparison.Ordinal));
        parts.Add(ZipItem.Text("xl/sharedStrings.xml", $"""<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Deep shared</t>{nested}</si></sst>"""));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", xml => xml.Replace("</Types>",
            """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    /// <summary>Every cell the draft marked SHARED-… points at one shared string of 20,000 characters that do not compress away.</summary>
    private static byte[] SharedLongText(List<ZipItem> parts)
    {
        var random = new Random(12);
        var text = new string(Enumerable.Range(0, 20_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        foreach (var sheet in new[] { Sheet(ReturnSpecifications.Notes), Sheet(ReturnSpecifications.Families) })
        {
            EditText(parts, sheet, xml => SharedMarker().Replace(xml, m => $"""<c r="{m.Groups[1].Value}" t="s"><v>0</v></c>"""));
        }

        parts.Add(ZipItem.Text("xl/sharedStrings.xml", $"""<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>"""));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", xml => xml.Replace("</Types>",
            """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    /// <summary>Sheets the return does not have, each with its own part, listed after the return's sheets.</summary>
    private static byte[] ExtraSheets(List<ZipItem> parts, int count, Func<int, string> xml)
    {
        var sheets = new StringBuilder();
        var rels = new StringBuilder();
        var types = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            parts.Add(ZipItem.Text($"xl/worksheets/extra{i}.xml", xml(i), CompressionLevel.Fastest));
            sheets.Append(CultureInfo.InvariantCulture, $"""<sheet name="Extra {i}" sheetId="{1000 + i}" r:id="rIdExtra{i}"/>""");
            rels.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rIdExtra{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/extra{i}.xml"/>""");
            types.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/extra{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        EditText(parts, "xl/workbook.xml", w => w.Replace("</sheets>", sheets + "</sheets>", StringComparison.Ordinal));
        EditText(parts, "xl/_rels/workbook.xml.rels", r => r.Replace("</Relationships>", rels + "</Relationships>", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", t => t.Replace("</Types>", types + "</Types>", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    private static byte[] DanglingRelationships(List<ZipItem> parts)
    {
        var families = Sheet(ReturnSpecifications.Families);
        EditText(parts, families, xml => xml.Replace("</worksheet>", """<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdMissing"/></worksheet>""", StringComparison.Ordinal));
        parts.Add(ZipItem.Text(families.Replace("worksheets/", "worksheets/_rels/", StringComparison.Ordinal) + ".rels",
            """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdMissing" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/nowhere.xml"/></Relationships>"""));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdGone" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme9.xml"/></Relationships>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    private static byte[] FormulasAndExternalLinks(List<ZipItem> parts)
    {
        EditText(parts, Sheet(ReturnSpecifications.Care), xml => CareStarts().Replace(xml, """<c r="B5"><f>[1]Sheet1!A1+SUM(B6:B10)-'http://evil.example/x'!A1</f><v>12</v></c>""", 1));
        parts.Add(ZipItem.Text("xl/externalLinks/externalLink1.xml",
            """<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>"""));
        parts.Add(ZipItem.Text("xl/externalLinks/_rels/externalLink1.xml.rels",
            """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/secret/budget.xlsx" TargetMode="External"/></Relationships>"""));
        EditText(parts, "xl/workbook.xml", xml => xml.Replace("</sheets>", """</sheets><externalReferences><externalReference r:id="rIdLink"/></externalReferences><definedNames><definedName name="Evil">[1]Sheet1!$A$1</definedName></definedNames>""", StringComparison.Ordinal));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>""", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", xml => xml.Replace("</Types>",
            """<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    /// <summary>Every row number up to Excel's last, empty: 1,048,576 row elements after the notes.</summary>
    private static string EmptyRows()
    {
        var rows = new StringBuilder(20 * 1024 * 1024);
        for (var r = 100; r <= CellReference.MaxRow; r++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\"/>");
        }

        return rows.ToString();
    }

    private static string MergedAreas(int count)
    {
        var merged = new StringBuilder();
        merged.Append(CultureInfo.InvariantCulture, $"<mergeCells count=\"{count}\">");
        for (var r = 0; r < count; r++)
        {
            merged.Append(CultureInfo.InvariantCulture, $"<mergeCell ref=\"AA{r + 5}:AB{r + 5}\"/>");
        }

        return merged.Append("</mergeCells>").ToString();
    }

    [GeneratedRegex("""<c r="([A-Z]+\d+)" t="inlineStr"><is><t xml:space="preserve">SHARED-[A-Z0-9-]+</t></is></c>""")]
    private static partial Regex SharedMarker();

    [GeneratedRegex("""<c r="(B\d+)" s="1"><v>([\d.]+)</v></c>""")]
    private static partial Regex SerialDate();

    [GeneratedRegex("""<c r="B5"[^>]*>(<v>[^<]*</v>|<is>.*?</is>)</c>""")]
    private static partial Regex CareStarts();
}
