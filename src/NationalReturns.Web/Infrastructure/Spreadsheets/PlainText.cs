using System.Text;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

internal enum PlainTextShape
{
    NotText,
    Blank,
    Markup,
    Delimited,
    Other,
}

/// <summary>Judges the opening bytes of a file that is not a known binary format.</summary>
internal static class PlainText
{
    private const int RecordsToExamine = 200;
    private static readonly char[] Delimiters = [',', ';', '\t'];

    /// <param name="head">The first bytes of the file.</param>
    /// <param name="isWhole">False when the file goes on past <paramref name="head"/>, so its last line may be cut short.</param>
    public static PlainTextShape Classify(ReadOnlySpan<byte> head, bool isWhole)
    {
        if (!TryDecode(head, isWhole, out var text))
        {
            return PlainTextShape.NotText;
        }

        var control = 0;
        foreach (var c in text)
        {
            if ((c < ' ' && c is not ('\t' or '\r' or '\n' or '\f')) || c == '\u007F')
            {
                control++;
            }
        }

        // Real text has next to none; random or binary bytes have about one in eight.
        if (control > text.Length / 100)
        {
            return PlainTextShape.NotText;
        }

        var content = text.AsSpan().Trim();
        if (content.IsEmpty)
        {
            // Blank opening bytes say nothing about a file that goes on past them.
            return isWhole ? PlainTextShape.Blank : PlainTextShape.Other;
        }

        if (content[0] == '<')
        {
            return PlainTextShape.Markup;
        }

        return LooksDelimited(text, isWhole) ? PlainTextShape.Delimited : PlainTextShape.Other;
    }

    private static bool TryDecode(ReadOnlySpan<byte> head, bool isWhole, out string text)
    {
        Encoding encoding;
        var skip = 0;
        if (head.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]))
        {
            (encoding, skip) = (new UTF8Encoding(false, throwOnInvalidBytes: true), 3);
        }
        else if (head.StartsWith([(byte)0xFF, (byte)0xFE]))
        {
            // Excel's "Unicode Text" export: tab-separated UTF-16.
            (encoding, skip) = (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }
        else if (head.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            (encoding, skip) = (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }
        else if (head.Contains((byte)0))
        {
            text = "";
            return false;
        }
        else
        {
            encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        }

        var bytes = head[skip..];
        try
        {
            text = Decode(encoding, bytes, isWhole);
            return true;
        }
        catch (DecoderFallbackException) when (encoding is UTF8Encoding)
        {
            // Older exports are in the Windows code page; Latin-1 decodes every byte, which is enough to judge the shape.
            text = Encoding.Latin1.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes, bool isWhole)
    {
        // Without flushing, a character cut in half at the end of the head is held back rather than rejected.
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        var count = decoder.GetChars(bytes, chars, flush: isWhole);
        return new string(chars, 0, count);
    }

    /// <summary>
    /// Comma, semicolon or tab separated when, for one of them, at least four records in five contain it
    /// outside quotes and most records have the same number of fields. Prose has commas too, but not in
    /// nearly every line and not the same number each time.
    /// </summary>
    private static bool LooksDelimited(string text, bool isWhole)
    {
        foreach (var delimiter in Delimiters)
        {
            var counts = CountPerRecord(text, delimiter, isWhole);
            if (counts.Count == 0)
            {
                continue;
            }

            var withDelimiter = 0;
            var tally = new Dictionary<int, int>();
            foreach (var count in counts)
            {
                if (count > 0)
                {
                    withDelimiter++;
                    tally[count] = tally.GetValueOrDefault(count) + 1;
                }
            }

            var commonest = 0;
            foreach (var times in tally.Values)
            {
                commonest = Math.Max(commonest, times);
            }

            if (withDelimiter * 5 >= counts.Count * 4 && commonest * 5 >= counts.Count * 3)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Delimiters outside quotes in each non-blank record; a quoted field may span lines.</summary>
    private static List<int> CountPerRecord(string text, char delimiter, bool isWhole)
    {
        var counts = new List<int>();
        var inQuotes = false;
        var count = 0;
        var blank = true;
        for (var i = 0; i < text.Length && counts.Count < RecordsToExamine; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
                blank = false;
            }
            else if (!inQuotes && c is '\r' or '\n')
            {
                if (!blank)
                {
                    counts.Add(count);
                }

                count = 0;
                blank = true;
            }
            else if (!inQuotes && c == delimiter)
            {
                count++;
                blank = false;
            }
            else if (!char.IsWhiteSpace(c))
            {
                blank = false;
            }
        }

        // The last record counts only if the file really ends there rather than being cut off.
        if (isWhole && !blank && counts.Count < RecordsToExamine)
        {
            counts.Add(count);
        }

        return counts;
    }
}
