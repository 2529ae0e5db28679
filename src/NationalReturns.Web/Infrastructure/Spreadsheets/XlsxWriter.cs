using System.Globalization;
using System.IO.Compression;
using System.Xml;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// Writes rows straight into a plain .xlsx, streaming, as a council's own system might export a return:
/// no styles but a date format, no validation, no protection. Used for demo returns and benchmark files,
/// where writing thousands of rows through a workbook object model would be far too slow.
/// </summary>
public static class XlsxWriter
{
    internal const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    internal const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    internal const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static byte[] Write(WorkbookSource source)
    {
        using var output = new MemoryStream();
        Write(source, output);
        return output.ToArray();
    }

    public static void Write(WorkbookSource source, Stream output)
    {
        var names = source.SheetNames;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, "xml", "application/xml");
            Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 0; i < names.Count; i++)
            {
                Override(w, $"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }

            w.WriteEndElement();
        });
        Part(zip, "_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Part(zip, "xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            for (var i = 0; i < names.Count; i++)
            {
                Relationship(w, $"rId{i + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml");
            }

            Relationship(w, $"rId{names.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
            w.WriteEndElement();
        });
        Part(zip, "xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", MainNs);
            w.WriteAttributeString("xmlns", "r", null, RelNs);
            w.WriteStartElement("sheets", MainNs);
            for (var i = 0; i < names.Count; i++)
            {
                w.WriteStartElement("sheet", MainNs);
                w.WriteAttributeString("name", names[i]);
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", RelNs, $"rId{i + 1}");
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
        // Style 1 shows a number as dd/mm/yyyy, which is how readers recognise a date.
        RawPart(zip, "xl/styles.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><styleSheet xmlns=\"" + MainNs + "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>" +
            "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>" +
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
            "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
            "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
            "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            Part(zip, $"xl/worksheets/sheet{i + 1}.xml", w => Sheet(w, source.Rows(name)));
        }
    }

    private static void Sheet(XmlWriter w, IEnumerable<RawRow> rows)
    {
        w.WriteStartElement("worksheet", MainNs);
        w.WriteStartElement("sheetData", MainNs);
        foreach (var row in rows)
        {
            w.WriteStartElement("row", MainNs);
            w.WriteAttributeString("r", row.RowNumber.ToString(CultureInfo.InvariantCulture));
            foreach (var cell in row.Cells)
            {
                var value = cell.Value;
                if (value.Kind == CellKind.Blank)
                {
                    continue;
                }

                w.WriteStartElement("c", MainNs);
                w.WriteAttributeString("r", CellReference.Format(row.RowNumber, cell.Column));
                switch (value.Kind)
                {
                    case CellKind.Number:
                        if (value.IsDate)
                        {
                            w.WriteAttributeString("s", "1");
                        }

                        w.WriteElementString("v", MainNs, value.Number.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case CellKind.Boolean:
                        w.WriteAttributeString("t", "b");
                        w.WriteElementString("v", MainNs, value.Number != 0 ? "1" : "0");
                        break;
                    case CellKind.Error:
                        w.WriteAttributeString("t", "e");
                        w.WriteElementString("v", MainNs, value.Text);
                        break;
                    default:
                        w.WriteAttributeString("t", "inlineStr");
                        w.WriteStartElement("is", MainNs);
                        w.WriteStartElement("t", MainNs);
                        w.WriteAttributeString("xml", "space", null, "preserve");
                        w.WriteString(PartXml.Escape(value.Text ?? ""));
                        w.WriteEndElement();
                        w.WriteEndElement();
                        break;
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    internal static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        writer.WriteStartDocument(true);
        write(writer);
        writer.WriteEndDocument();
    }

    internal static void RawPart(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(System.Text.Encoding.UTF8.GetBytes(xml));
    }

    internal static void Default(XmlWriter w, string extension, string type)
    {
        w.WriteStartElement("Default", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    internal static void Override(XmlWriter w, string part, string type)
    {
        w.WriteStartElement("Override", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    internal static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRelNs);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }
}
