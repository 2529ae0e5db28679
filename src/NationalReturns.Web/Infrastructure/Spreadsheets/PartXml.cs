using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>How every workbook part is opened and how its rich-text items are read.</summary>
internal static class PartXml
{
    // No DTDs: an uploaded part is untrusted, and entity expansion is the classic way to blow up memory.
    // Whitespace is kept because a string of spaces (xml:space="preserve") is a real value.
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static XmlReader Open(ZipArchiveEntry entry) => XmlReader.Create(entry.Open(), Settings);

    /// <summary>
    /// The loop condition for walking an element's children: true until its end tag. XmlReader reports a
    /// truly unclosed element itself, so reaching the end of the part here means the walk lost its place;
    /// throwing turns what would be an endless loop in a request into a reported error.
    /// </summary>
    public static bool IsInside(this XmlReader xml, int depth)
    {
        if (xml.EOF)
        {
            throw new XmlException("The part ended before the element being read was closed.");
        }

        return !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth);
    }

    /// <summary>
    /// Reads a shared-string item (si) or inline string (is) on which the reader stands, and leaves it
    /// on the node after the element's end. Runs (r/t) are joined; phonetic guides (rPh) hold their own
    /// t elements, which are not part of the value, so they are skipped.
    /// </summary>
    public static string ReadStringItem(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return "";
        }

        var depth = xml.Depth;
        string? single = null;
        StringBuilder? joined = null;
        xml.Read();
        while (xml.IsInside(depth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }

            switch (xml.LocalName)
            {
                case "t":
                    // ReadElementContentAsString already moves past </t>: no further Read here, or the
                    // next item is skipped.
                    var text = xml.ReadElementContentAsString();
                    if (single is null)
                    {
                        single = text;
                    }
                    else
                    {
                        joined ??= new StringBuilder(single);
                        joined.Append(text);
                    }

                    break;
                case "r":
                    // Step inside the run (or past an empty one) so its t is met by this loop.
                    xml.Read();
                    break;
                default:
                    xml.Skip();
                    break;
            }
        }

        xml.Read();
        return Unescape(joined?.ToString() ?? single ?? "");
    }

    /// <summary>
    /// Decodes the _xHHHH_ escapes OOXML uses for characters XML cannot carry (ECMA-376 §22.9.2.19),
    /// such as _x000D_ for a carriage return; _x005F_ escapes the underscore itself.
    /// </summary>
    public static string Unescape(string text)
    {
        var at = text.IndexOf("_x", StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var decoded = new StringBuilder(text.Length);
        decoded.Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                decoded.Append((char)code);
                i += 6;
            }
            else
            {
                decoded.Append(text[i]);
            }
        }

        return decoded.ToString();
    }

    /// <summary>
    /// Text as OOXML carries it: characters XML cannot hold (control characters, unpaired surrogates) become
    /// _xHHHH_ escapes, as Excel writes them, and a literal "_x" that would read as one is escaped itself.
    /// </summary>
    public static string Escape(string text)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var bad = !pair && ((c < ' ' && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF');
            var literal = c == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
            if (!bad && !literal)
            {
                escaped?.Append(c);
                if (pair)
                {
                    escaped?.Append(text[i + 1]);
                    i++;
                }

                continue;
            }

            escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
            escaped.Append(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_");
        }

        return escaped?.ToString() ?? text;
    }
}
