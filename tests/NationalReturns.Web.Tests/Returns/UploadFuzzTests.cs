using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Spreadsheets;
using Xunit.Abstractions;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>
/// A valid return, changed at random in the ways files go wrong (cell values, types, dates and sizes; sheets
/// and parts deleted, duplicated or cut short; XML truncated; bytes flipped), each change sent through the
/// real upload path. Every case must end in a version with its issues, or a refusal that says what to do:
/// never a 5xx, never a half-stored version. The cases come from a fixed seed, so a failure names the case
/// to run again.
/// </summary>
public class UploadFuzzTests(WebApp app, ITestOutputHelper output) : WebAppTest(app)
{
    /// <summary>Bounded so the test command stays quick; raise it locally to search harder.</summary>
    private const int Cases = 600;
    private const string Seed = "fuzzReturns1";

    private static readonly string Url = $"/api/v1/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}";

    /// <summary>Values councils' systems and people have put in cells.</summary>
    private static readonly CellValue[] Values =
    [
        CellValue.Blank, CellValue.FromText(" "), CellValue.FromText("-1"), CellValue.FromNumber(0), CellValue.FromNumber(-0.0),
        CellValue.FromNumber(1e308), CellValue.FromNumber(-1e308), CellValue.FromNumber(1e-300), CellValue.FromNumber(2.5),
        CellValue.FromText("NaN"), CellValue.FromText("Infinity"), CellValue.FromText("999999999999999999999999999999"),
        CellValue.FromText("0.0000000000000000000000000001"), CellValue.FromText("31/12/9999"), CellValue.FromText("0001-01-01"),
        CellValue.FromText("9999-12-31T23:59:59"), CellValue.FromText("29/02/2023"), new CellValue(CellKind.Number, null, 2958465, true),
        new CellValue(CellKind.Number, null, 1e20, true), new CellValue(CellKind.Number, null, -5, true), CellValue.FromText(new string('w', 50_000)),
        CellValue.FromText("=HYPERLINK(\"http://evil.example\")"), CellValue.FromText("@SUM(A1:A9)"), CellValue.FromText("bell\u0007 nul\u0001"),
        CellValue.FromText("😀 émoji ünïcode"), CellValue.FromText("Y"), CellValue.FromText("N"), CellValue.FromBoolean(true),
        CellValue.FromError("#REF!"), CellValue.FromError("#N/A"), CellValue.FromText("1,234,567"), CellValue.FromText("Early help"),
    ];

    /// <summary>One change: to a cell of the draft, or to the package once written.</summary>
    public sealed record Mutation(bool ToCell, int A, int B, int C, int D)
    {
        public override string ToString() => ToCell ? $"cell(sheet {A}, row {B}, field {C}, value {D})" : $"package({(PackageChange)A}, part {B}, at {C}, length {D})";
    }

    public enum PackageChange
    {
        DeletePart,
        DuplicatePart,
        TruncatePart,
        InsertJunk,
        EmptyPart,
        SwapPartNames,
        TruncateFile,
        FlipBytes,
        RenameSheet,
        BreakCellReference,
    }

    private static readonly Gen<Mutation> CellChange =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 70], Gen.Int[0, 30], Gen.Int[0, Values.Length - 1]).Select(t => new Mutation(true, t.Item1, t.Item2, t.Item3, t.Item4));

    private static readonly Gen<Mutation> PackageMutation =
        Gen.Select(Gen.Int[0, Enum.GetValues<PackageChange>().Length - 1], Gen.Int[0, 40], Gen.Int[0, 2_000_000], Gen.Int[1, 200]).Select(t => new Mutation(false, t.Item1, t.Item2, t.Item3, t.Item4));

    private static readonly Gen<Mutation[][]> AllCases = Gen.Frequency((3, CellChange), (2, PackageMutation)).Array[1, 8].Array[Cases];

    [Fact]
    public async Task Upload_ThousandsOfRandomChangesToAValidReturn_EveryCaseIsAVersionOrAClearRefusal()
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var cases = AllCases.Single(_ => true, Seed);
        var outcomes = new Dictionary<HttpStatusCode, int>();
        var marked = 0;

        for (var i = 0; i < cases.Length; i++)
        {
            var draft = ReturnFiles.Demo(blackpool, families: 40);
            var content = Apply(draft, cases[i]);
            using var response = await api.PostAsync(Url, new MultipartFormDataContent { { new ByteArrayContent(content), "file", $"case-{i}.xlsx" } });
            var body = await response.Content.ReadAsStringAsync();
            var what = $"case {i} ({string.Join("; ", cases[i].Select(m => m.ToString()))}) answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}";
            outcomes[response.StatusCode] = outcomes.GetValueOrDefault(response.StatusCode) + 1;

            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge, what);
            var json = JsonDocument.Parse(body).RootElement;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var version = json.GetProperty("version").GetInt32();
                if (i % 3 == 0)
                {
                    using var workbook = await preparer.GetAsync($"/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}/versions/{version}/marked.xlsx");
                    Assert.True(workbook.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{what}; marked workbook answered {(int)workbook.StatusCode}");
                    marked++;
                }
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()), what);
            }
        }

        // Nothing half-stored: every version's counts are its issues' counts, and the issues are in proportion to the file.
        var versions = await App.WithDbAsync(db => db.ReturnVersions.Select(v => new
        {
            v.Number,
            v.ErrorCount,
            v.QueryCount,
            v.UploadedFile.Size,
            Errors = db.ReturnIssues.Where(i => i.ReturnVersionId == v.Id && i.Severity == Severity.Error).Sum(i => (int?)i.Count) ?? 0,
            Queries = db.ReturnIssues.Where(i => i.ReturnVersionId == v.Id && i.Severity == Severity.Query).Sum(i => (int?)i.Count) ?? 0,
        }).ToListAsync());
        Assert.Equal(outcomes.GetValueOrDefault(HttpStatusCode.Created), versions.Count);
        Assert.All(versions, v => Assert.Equal((v.ErrorCount, v.QueryCount), (v.Errors, v.Queries)));
        var sizes = await App.WithDbAsync(db => db.Database.SqlQuery<VersionSize>(
            $"SELECT v.number AS \"Number\", f.size AS \"Upload\", coalesce((SELECT sum(pg_column_size(i.*)) FROM return_issues i WHERE i.return_version_id = v.id), 0)::bigint AS \"Stored\" FROM return_versions v JOIN uploaded_files f ON f.id = v.uploaded_file_id").ToListAsync());
        Assert.All(sizes, s => HostileUploadTests.AssertInProportion(s.Stored, s.Upload));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/readyz")).StatusCode);
        output.WriteLine($"{cases.Length} cases, {cases.Sum(c => c.Length)} changes: {string.Join(", ", outcomes.Select(o => $"{(int)o.Key}: {o.Value}"))}; {marked} marked workbooks");
    }

    public sealed record VersionSize(int Number, long Upload, long Stored);

    private static byte[] Apply(ReturnDraft draft, Mutation[] mutations)
    {
        foreach (var m in mutations.Where(m => m.ToCell))
        {
            var sheet = draft.Spec.Sheets[m.A % draft.Spec.Sheets.Count];
            var field = sheet.Fields[m.C % sheet.Fields.Count];
            if (sheet.Layout == SheetLayout.Form)
            {
                draft.Set(sheet.Name, field.Key, Values[m.D]);
            }
            else
            {
                var rows = draft.Rows(sheet.Name);
                var row = m.B % (rows.Count + 2);
                while (rows.Count <= row)
                {
                    draft.NewRow(sheet.Name);
                }

                rows[row][m.C % sheet.Fields.Count] = Values[m.D];
            }
        }

        var parts = ZipFixture.Read(ReturnFiles.PlainExport(draft));
        var fileChanges = new List<Mutation>();
        foreach (var m in mutations.Where(m => !m.ToCell))
        {
            var change = (PackageChange)m.A;
            var index = m.B % parts.Count;
            var part = parts[index];
            switch (change)
            {
                case PackageChange.DeletePart:
                    parts.RemoveAt(index);
                    break;
                case PackageChange.DuplicatePart:
                    parts.Add(part);
                    break;
                case PackageChange.TruncatePart:
                    parts[index] = part with { Data = part.Data[..(m.C % (part.Data.Length + 1))] };
                    break;
                case PackageChange.InsertJunk:
                    var at = m.C % (part.Data.Length + 1);
                    var junk = Encoding.UTF8.GetBytes("<x y='\u0001'>&bad;<![CDATA[" + new string('z', m.D) + "</c></row>"[..(m.D % 10)]);
                    parts[index] = part with { Data = [.. part.Data[..at], .. junk, .. part.Data[at..]] };
                    break;
                case PackageChange.EmptyPart:
                    parts[index] = part with { Data = [] };
                    break;
                case PackageChange.SwapPartNames:
                    var other = (index + m.D) % parts.Count;
                    (parts[index], parts[other]) = (part with { Name = parts[other].Name }, parts[other] with { Name = part.Name });
                    break;
                case PackageChange.RenameSheet:
                    Replace(parts, "xl/workbook.xml", "name=\"Families\"", m.D % 2 == 0 ? "name=\" families \"" : "name=\"Families (2)\"");
                    break;
                case PackageChange.BreakCellReference:
                    Replace(parts, part.Name, "<c r=\"B", m.D % 2 == 0 ? "<c r=\"ZZZZ" : "<c r=\"B0");
                    break;
                default:
                    fileChanges.Add(m);
                    break;
            }
        }

        var bytes = ZipFixture.Build(parts.ToArray());
        foreach (var m in fileChanges)
        {
            if ((PackageChange)m.A == PackageChange.TruncateFile)
            {
                bytes = bytes[..(m.C % (bytes.Length + 1))];
            }
            else if (bytes.Length > 0)
            {
                for (var k = 0; k < m.D; k++)
                {
                    bytes[(m.C + (k * 7919)) % bytes.Length] ^= (byte)(0x55 + k);
                }
            }
        }

        return bytes;
    }

    private static void Replace(List<ZipItem> parts, string name, string find, string with)
    {
        var index = parts.FindIndex(p => p.Name == name);
        if (index >= 0)
        {
            var text = Encoding.UTF8.GetString(parts[index].Data);
            var at = text.IndexOf(find, StringComparison.Ordinal);
            if (at >= 0)
            {
                parts[index] = parts[index] with { Data = Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + find.Length))) };
            }
        }
    }
}
