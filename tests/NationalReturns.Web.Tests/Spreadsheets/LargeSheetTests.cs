using System.Globalization;
using System.Text;
using System.Xml;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Tests.Spreadsheets;

public class LargeSheetTests
{
    private const int Rows = 50_000;

    private static readonly Lazy<byte[]> Workbook = new(Build);

    [Fact]
    public void ReadRows_FiftyThousandRows_YieldsEveryRowWithItsValues()
    {
        using var workbook = XlsxWorkbook.Open(new MemoryStream(Workbook.Value));
        var count = 0;
        var total = 0.0;
        SheetRow? last = null;

        foreach (var row in workbook.ReadRows("Return"))
        {
            count++;
            if (row.RowNumber > 1)
            {
                total += row.Cells[1].Number!.Value;
            }

            last = row;
        }

        Assert.Equal(Rows + 1, count);
        Assert.NotNull(last);
        Assert.Equal(Rows + 1, last.RowNumber);
        Assert.Equal(["A50001", "B50001", "C50001", "D50001"], last.Cells.Select(c => c.Reference));
        Assert.Equal("E10050000", last.Cells[0].Text);
        Assert.Equal("even", last.Cells[2].Text);
        Assert.True(last.Cells[3].IsDateFormatted);
        Assert.Equal(Enumerable.Range(1, Rows).Sum(i => i * 1.5), total);
    }

    [Fact]
    public void Inspect_FiftyThousandRowWorkbook_IsAcceptedAsXlsx()
    {
        // Real data compresses far less than a bomb; the ratio check must not turn away a big honest return.
        using var file = new MemoryStream(Workbook.Value);

        Assert.Equal(SpreadsheetKind.Xlsx, SpreadsheetInspection.Inspect(file).Kind);
    }

    [Fact]
    public void ReadRows_FiftyThousandRows_AllocatesLittlePerCell()
    {
        using var workbook = XlsxWorkbook.Open(new MemoryStream(Workbook.Value));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var cells = 0;
        foreach (var row in workbook.ReadRows("Return"))
        {
            cells += row.Cells.Count;
        }

        var perCell = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)cells;

        // Per cell: its share of the row's cell array, plus the text of a number cell. An XElement, a LINQ
        // query or an attribute string per cell would each add more than this bound allows.
        Assert.True(perCell < 150, $"{perCell:F0} bytes allocated per cell");
    }

    /// <summary>
    /// Written with XmlWriter rather than ClosedXML, which needs seconds and a gigabyte for this size.
    /// Row 1 is a header; each data row has a code (shared string), a number, a shared "odd"/"even"
    /// and a date-formatted serial.
    /// </summary>
    private static byte[] Build()
    {
        using var sheet = new MemoryStream();
        using (var xml = XmlWriter.Create(sheet, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("worksheet", HandMadeXlsx.MainNamespace);
            xml.WriteStartElement("sheetData", HandMadeXlsx.MainNamespace);
            WriteRow(xml, 1, [("A1", "s", "2"), ("B1", "s", "3"), ("C1", "s", "4"), ("D1", "s", "5")]);
            for (var i = 1; i <= Rows; i++)
            {
                var r = (i + 1).ToString(CultureInfo.InvariantCulture);
                WriteRow(xml, i + 1,
                [
                    ("A" + r, "inlineStr", "E" + (10_000_000 + i).ToString(CultureInfo.InvariantCulture)),
                    ("B" + r, null, (i * 1.5).ToString(CultureInfo.InvariantCulture)),
                    ("C" + r, "s", (i % 2).ToString(CultureInfo.InvariantCulture)),
                    ("D" + r, null, (45_000 + (i % 400)).ToString(CultureInfo.InvariantCulture)),
                ]);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return new HandMadeXlsx()
            .SharedStrings("<t>even</t>", "<t>odd</t>", "<t>Area</t>", "<t>Families</t>", "<t>Parity</t>", "<t>Date</t>")
            .Styles((0, null), (14, null))
            .RawSheet("Return", sheet.ToArray())
            .ToArray();
    }

    private static void WriteRow(XmlWriter xml, int row, (string Reference, string? Type, string Value)[] cells)
    {
        xml.WriteStartElement("row", HandMadeXlsx.MainNamespace);
        xml.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
        foreach (var (reference, type, value) in cells)
        {
            xml.WriteStartElement("c", HandMadeXlsx.MainNamespace);
            xml.WriteAttributeString("r", reference);
            if (reference[0] == 'D')
            {
                xml.WriteAttributeString("s", "1");
            }

            if (type is not null)
            {
                xml.WriteAttributeString("t", type);
            }

            if (type == "inlineStr")
            {
                xml.WriteStartElement("is", HandMadeXlsx.MainNamespace);
                xml.WriteElementString("t", HandMadeXlsx.MainNamespace, value);
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteElementString("v", HandMadeXlsx.MainNamespace, value);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }
}
