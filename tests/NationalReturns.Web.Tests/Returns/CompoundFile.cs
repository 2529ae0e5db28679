using System.Buffers.Binary;
using System.Text;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>
/// A minimal but well-formed compound file (OLE2), the container Excel 97–2003 workbooks use and that
/// Excel wraps a password-protected .xlsx in ("EncryptionInfo" and "EncryptedPackage" streams).
/// </summary>
public static class CompoundFile
{
    private const int SectorSize = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint NoStream = 0xFFFFFFFF;

    public static byte[] Build(params string[] streams)
    {
        var file = new byte[SectorSize * 3];
        var header = file.AsSpan(0, SectorSize);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E); // minor version
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 3);      // major version 3: 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE); // little-endian
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);      // sector shift
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);      // mini sector shift
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1);      // FAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1);      // first directory sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096);   // mini stream cutoff
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[76..], 0);      // the FAT is sector 0
        for (var i = 1; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + (i * 4))..], FreeSector);
        }

        var fat = file.AsSpan(SectorSize, SectorSize);
        for (var i = 0; i < SectorSize / 4; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(i * 4)..], FreeSector);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(fat, FatSector);
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], EndOfChain);

        var directory = file.AsSpan(SectorSize * 2, SectorSize);
        Entry(directory[..128], "Root Entry", 5, child: streams.Length > 0 ? 1u : NoStream, right: NoStream);
        for (var i = 0; i < Math.Min(streams.Length, 3); i++)
        {
            Entry(directory.Slice((i + 1) * 128, 128), streams[i], 2, child: NoStream, right: i + 1 < streams.Length ? (uint)(i + 2) : NoStream);
        }

        return file;
    }

    private static void Entry(Span<byte> entry, string name, byte type, uint child, uint right)
    {
        var bytes = Encoding.Unicode.GetBytes(name);
        bytes.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)(bytes.Length + 2));
        entry[66] = type;
        entry[67] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], right);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], EndOfChain);
    }
}
