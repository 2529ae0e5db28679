using System.IO.Compression;
using System.Text;

namespace NationalReturns.Web.Tests.Spreadsheets;

/// <summary>Builds zip files entry by entry, for packages no spreadsheet program would write.</summary>
internal static class ZipFixture
{
    public static byte[] Build(params (string Name, string Text)[] entries) =>
        Build(entries.Select(e => new ZipItem(e.Name, Encoding.UTF8.GetBytes(e.Text))).ToArray());

    public static byte[] Build(params ZipItem[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var item in entries)
            {
                var entry = archive.CreateEntry(item.Name, item.Level);
                using var stream = entry.Open();
                stream.Write(item.Data);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Every entry inflated, so a package can be rebuilt with parts changed or added.</summary>
    public static List<ZipItem> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        var items = new List<ZipItem>();
        foreach (var entry in archive.Entries)
        {
            using var data = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(data);
            }

            items.Add(new ZipItem(entry.FullName, data.ToArray()));
        }

        return items;
    }
}

internal sealed record ZipItem(string Name, byte[] Data, CompressionLevel Level = CompressionLevel.Optimal)
{
    public static ZipItem Text(string name, string text, CompressionLevel level = CompressionLevel.Optimal) =>
        new(name, Encoding.UTF8.GetBytes(text), level);
}
