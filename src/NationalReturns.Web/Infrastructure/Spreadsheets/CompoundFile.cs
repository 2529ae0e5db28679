using System.Buffers.Binary;
using System.Text;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// Names the streams inside an OLE2 compound file (MS-CFB), the container of .xls, .doc and of
/// password-protected .xlsx files. Only names are needed to tell these apart, so no stream is read.
/// </summary>
internal static class CompoundFile
{
    public static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const int HeaderSize = 512;
    private const int DirectoryEntrySize = 128;
    private const int HeaderFatSlots = 109;
    private const uint MaxRegularSector = 0xFFFFFFFA;

    /// <summary>
    /// Follows the header's directory chain through the FAT (MS-CFB §2.2–2.6) and returns every entry
    /// name, or null when the header or chain cannot be followed, as in a truncated upload.
    /// </summary>
    public static List<string>? TryReadEntryNames(Stream content)
    {
        var header = new byte[HeaderSize];
        content.Position = 0;
        if (content.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize
            || BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x1C)) != 0xFFFE)
        {
            return null;
        }

        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x1E));
        if (sectorShift is not (9 or 12))
        {
            return null;
        }

        var sectorSize = 1 << sectorShift;
        var sectorCount = content.Length / sectorSize - 1;
        var fatSectorCount = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x2C));
        if (fatSectorCount == 0 || fatSectorCount > sectorCount)
        {
            return null;
        }

        var sector = new byte[sectorSize];
        var fatSectors = new List<uint>((int)fatSectorCount);
        for (var i = 0; i < HeaderFatSlots && fatSectors.Count < fatSectorCount; i++)
        {
            fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x4C + (4 * i))));
        }

        // Files with more than 109 FAT sectors (about 7 MB) list the rest in a chain of DIFAT sectors.
        var difat = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x44));
        for (var hops = 0; fatSectors.Count < fatSectorCount; hops++)
        {
            if (difat > MaxRegularSector || hops > sectorCount || !TryReadSector(content, difat, sector))
            {
                return null;
            }

            var slots = (sectorSize / 4) - 1;
            for (var i = 0; i < slots && fatSectors.Count < fatSectorCount; i++)
            {
                fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(4 * i)));
            }

            difat = BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(4 * slots));
        }

        var names = new List<string>();
        var directory = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x30));
        var fatEntry = new byte[4];
        for (var hops = 0; directory <= MaxRegularSector; hops++)
        {
            // A chain longer than the file has sectors loops back on itself.
            if (hops > sectorCount || !TryReadSector(content, directory, sector))
            {
                return null;
            }

            for (var offset = 0; offset < sectorSize; offset += DirectoryEntrySize)
            {
                var entry = sector.AsSpan(offset, DirectoryEntrySize);
                var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]);
                var type = entry[66];
                if (type is 1 or 2 or 5 && nameBytes is >= 2 and <= 64 && nameBytes % 2 == 0)
                {
                    names.Add(Encoding.Unicode.GetString(entry[..(nameBytes - 2)]));
                }
            }

            var perFatSector = (uint)(sectorSize / 4);
            var fatIndex = directory / perFatSector;
            if (fatIndex >= fatSectors.Count || fatSectors[(int)fatIndex] > MaxRegularSector)
            {
                return null;
            }

            content.Position = ((fatSectors[(int)fatIndex] + 1L) * sectorSize) + (4L * (directory % perFatSector));
            if (content.ReadAtLeast(fatEntry, 4, throwOnEndOfStream: false) < 4)
            {
                return null;
            }

            directory = BinaryPrimitives.ReadUInt32LittleEndian(fatEntry);
        }

        return names.Count == 0 ? null : names;
    }

    /// <summary>
    /// The fallback for a compound file whose structure cannot be followed: whether the UTF-16LE name
    /// appears anywhere in the bytes. It can only find names, never place them, but that is all a
    /// verdict needs. Reads in chunks that overlap by a name's length, so a split name is still found.
    /// </summary>
    public static bool ContainsName(Stream content, string name)
    {
        var needle = Encoding.Unicode.GetBytes(name);
        var buffer = new byte[64 * 1024];
        var carried = 0;
        content.Position = 0;
        while (true)
        {
            var read = content.Read(buffer, carried, buffer.Length - carried);
            if (read == 0)
            {
                return false;
            }

            var filled = carried + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                return true;
            }

            carried = Math.Min(needle.Length - 1, filled);
            buffer.AsSpan(filled - carried, carried).CopyTo(buffer);
        }
    }

    private static bool TryReadSector(Stream content, uint number, byte[] sector)
    {
        var start = (number + 1L) * sector.Length;
        if (start + sector.Length > content.Length)
        {
            return false;
        }

        content.Position = start;
        return content.ReadAtLeast(sector, sector.Length, throwOnEndOfStream: false) == sector.Length;
    }
}
