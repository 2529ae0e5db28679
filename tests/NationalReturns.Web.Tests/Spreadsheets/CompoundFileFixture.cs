using System.Buffers.Binary;
using System.Text;

namespace NationalReturns.Web.Tests.Spreadsheets;

/// <summary>
/// The smallest honest OLE2 compound file (MS-CFB, version 3, 512-byte sectors): a header, one FAT
/// sector and a chain of directory sectors naming the given streams. The streams hold no data, which
/// is all a verdict made from directory names needs.
/// </summary>
internal static class CompoundFileFixture
{
    private const int SectorSize = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;

    private static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <param name="streamNames">Directory entries after the root, e.g. "Workbook" or "EncryptionInfo".</param>
    /// <param name="breakDirectoryChain">Points the header's directory at a sector past the end, as a cut-short file would.</param>
    /// <param name="trailingData">Bytes appended as one more sector, outside the directory.</param>
    public static byte[] Build(string[] streamNames, bool breakDirectoryChain = false, byte[]? trailingData = null)
    {
        string[] entries = ["Root Entry", .. streamNames];
        var directorySectors = (entries.Length + 3) / 4;
        var dataSectors = trailingData is null ? 0 : (trailingData.Length + SectorSize - 1) / SectorSize;
        var file = new byte[SectorSize * (2 + directorySectors + dataSectors)];

        var header = file.AsSpan(0, SectorSize);
        Signature.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], breakDirectoryChain ? 4000u : 1u);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x4C..], 0);
        for (var i = 1; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + (4 * i))..], FreeSector);
        }

        // Sector 0 is the FAT; sectors 1..n are the directory, chained in order.
        var fat = file.AsSpan(SectorSize, SectorSize);
        for (var i = 0; i < SectorSize / 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * i)..], FreeSector);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(fat, FatSector);
        for (var s = 1; s <= directorySectors; s++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(4 * s)..], s == directorySectors ? EndOfChain : (uint)(s + 1));
        }

        for (var i = 0; i < entries.Length; i++)
        {
            var entry = file.AsSpan((2 * SectorSize) + (128 * i), 128);
            var name = Encoding.Unicode.GetBytes(entries[i]);
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)(name.Length + 2));
            entry[66] = (byte)(i == 0 ? 5 : 2);
            entry[67] = 1;
            BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], FreeSector);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], i + 1 < entries.Length && i > 0 ? (uint)(i + 1) : FreeSector);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], i == 0 && entries.Length > 1 ? 1u : FreeSector);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], EndOfChain);
        }

        trailingData?.CopyTo(file, SectorSize * (2 + directorySectors));
        return file;
    }
}
