using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Writes pages to the response in 64K-character pieces rather than the framework's 16K. Each piece is a write and
/// a flush to the connection, so a 450 KB overview went out in about thirty; a static file of the same size goes
/// out in 64 KB reads. Buffers come from the shared pools, as the framework's do.
/// </summary>
public sealed class PageWriterFactory : IHttpResponseStreamWriterFactory
{
    private const int PieceChars = 64 * 1024;

    public TextWriter CreateWriter(Stream stream, Encoding encoding) =>
        new HttpResponseStreamWriter(stream, encoding, PieceChars, ArrayPool<byte>.Shared, ArrayPool<char>.Shared);
}
