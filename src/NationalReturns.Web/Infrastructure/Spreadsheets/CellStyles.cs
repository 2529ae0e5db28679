using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>Which cell style indexes (the <c>s</c> attribute) show a date, from styles.xml's cellXfs.</summary>
internal sealed class CellStyles
{
    private readonly bool[] _isDate;

    private CellStyles(bool[] isDate) => _isDate = isDate;

    public static CellStyles None { get; } = new([]);

    public bool IsDate(int styleIndex) => (uint)styleIndex < (uint)_isDate.Length && _isDate[styleIndex];

    public static CellStyles Read(ZipArchiveEntry entry)
    {
        var customCodes = new Dictionary<int, string>();
        var formatIds = new List<int>();
        using (var xml = PartXml.Open(entry))
        {
            while (!xml.EOF)
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    xml.Read();
                    continue;
                }

                switch (xml.LocalName)
                {
                    case "numFmt":
                        if (TryParseId(xml.GetAttribute("numFmtId"), out var id))
                        {
                            customCodes[id] = xml.GetAttribute("formatCode") ?? "";
                        }

                        xml.Read();
                        break;
                    case "cellXfs":
                        ReadCellFormats(xml, formatIds);
                        break;
                    case "cellStyleXfs" or "dxfs" or "extLst":
                        // Their xf and numFmt children describe named styles and conditional formats, not cells.
                        xml.Skip();
                        break;
                    default:
                        xml.Read();
                        break;
                }
            }
        }

        var isDate = new bool[formatIds.Count];
        for (var i = 0; i < isDate.Length; i++)
        {
            var id = formatIds[i];
            // A workbook may redefine a built-in id, and then its own code is what Excel shows.
            isDate[i] = customCodes.TryGetValue(id, out var code)
                ? NumberFormats.IsDateCode(code)
                : NumberFormats.IsBuiltInDate(id);
        }

        return new CellStyles(isDate);
    }

    private static void ReadCellFormats(XmlReader xml, List<int> formatIds)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return;
        }

        var depth = xml.Depth;
        xml.Read();
        while (xml.IsInside(depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1)
            {
                // Index order matters (cells point at an xf by position), so even an odd xf takes its slot.
                formatIds.Add(xml.LocalName == "xf" && TryParseId(xml.GetAttribute("numFmtId"), out var id) ? id : 0);
                xml.Skip();
                continue;
            }

            xml.Read();
        }

        xml.Read();
    }

    private static bool TryParseId(string? text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
