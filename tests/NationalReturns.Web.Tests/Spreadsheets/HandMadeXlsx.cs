using System.Globalization;
using System.Text;

namespace NationalReturns.Web.Tests.Spreadsheets;

/// <summary>
/// Writes a minimal .xlsx part by part, for the cell forms ClosedXML never produces: cached formula
/// results, t="e", t="str", t="d", inline strings, missing r attributes, odd relationship targets.
/// </summary>
internal sealed class HandMadeXlsx
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly List<(string Name, byte[] Xml, string? State, string? Target)> _sheets = [];
    private readonly Dictionary<string, string> _extraParts = [];
    private readonly HashSet<string> _omitted = [];
    private string? _sharedStrings;
    private string? _styles;
    private bool _date1904;
    private string _workbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    /// <summary>A sheet from the inside of &lt;worksheet&gt;, e.g. "&lt;sheetData&gt;...&lt;/sheetData&gt;".</summary>
    public HandMadeXlsx Sheet(string name, string inner, string? state = null, string? target = null) =>
        RawSheet(name, $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MainNamespace}" xmlns:r="{RelationshipsNamespace}">{inner}</worksheet>""", state, target);

    /// <summary>A sheet part written exactly as given, damaged or not.</summary>
    public HandMadeXlsx RawSheet(string name, string xml, string? state = null, string? target = null) =>
        RawSheet(name, Encoding.UTF8.GetBytes(xml), state, target);

    public HandMadeXlsx RawSheet(string name, byte[] xml, string? state = null, string? target = null)
    {
        _sheets.Add((name, xml, state, target));
        return this;
    }

    /// <summary>Each item is the inside of one &lt;si&gt;.</summary>
    public HandMadeXlsx SharedStrings(params string[] items)
    {
        var body = string.Concat(items.Select(i => $"<si>{i}</si>"));
        _sharedStrings = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MainNamespace}" count="{items.Length}" uniqueCount="{items.Length}">{body}</sst>""";
        return this;
    }

    /// <summary>One cellXfs entry per format, in order, so style index i uses formats[i].</summary>
    public HandMadeXlsx Styles(params (int Id, string? Code)[] formats)
    {
        var custom = formats.Where(f => f.Code is not null).DistinctBy(f => f.Id)
            .Select(f => $"""<numFmt numFmtId="{f.Id}" formatCode="{System.Security.SecurityElement.Escape(f.Code)}"/>""");
        var xfs = string.Concat(formats.Select(f => $"""<xf numFmtId="{f.Id}" fontId="0" fillId="0" borderId="0" xfId="0"/>"""));
        _styles = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MainNamespace}"><numFmts count="{custom.Count()}">{string.Concat(custom)}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="{formats.Length}">{xfs}</cellXfs></styleSheet>""";
        return this;
    }

    public HandMadeXlsx Date1904()
    {
        _date1904 = true;
        return this;
    }

    public HandMadeXlsx WorkbookContentType(string contentType)
    {
        _workbookContentType = contentType;
        return this;
    }

    public HandMadeXlsx Part(string path, string content)
    {
        _extraParts[path] = content;
        return this;
    }

    public HandMadeXlsx Without(string path)
    {
        _omitted.Add(path);
        return this;
    }

    public byte[] ToArray()
    {
        var parts = new List<ZipItem>();
        void Add(string path, string text)
        {
            if (!_omitted.Contains(path))
            {
                parts.Add(ZipItem.Text(path, text));
            }
        }

        var overrides = new StringBuilder();
        overrides.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/workbook.xml" ContentType="{_workbookContentType}"/>""");
        var sheets = new StringBuilder();
        var rels = new StringBuilder();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var (name, _, state, target) = _sheets[i];
            var n = i + 1;
            overrides.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
            var stateAttribute = state is null ? "" : $" state=\"{state}\"";
            sheets.Append(CultureInfo.InvariantCulture, $"""<sheet name="{System.Security.SecurityElement.Escape(name)}" sheetId="{n}"{stateAttribute} r:id="rId{n}"/>""");
            rels.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{target ?? $"worksheets/sheet{n}.xml"}"/>""");
        }

        if (_sharedStrings is not null)
        {
            overrides.Append("""<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
            rels.Append("""<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""");
        }

        if (_styles is not null)
        {
            overrides.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
            rels.Append("""<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""");
        }

        Add("[Content_Types].xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>""");
        Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        var workbookPr = _date1904 ? """<workbookPr date1904="1"/>""" : "<workbookPr/>";
        Add("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MainNamespace}" xmlns:r="{RelationshipsNamespace}">{workbookPr}<sheets>{sheets}</sheets></workbook>""");
        Add("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>""");
        for (var i = 0; i < _sheets.Count; i++)
        {
            var path = $"xl/worksheets/sheet{i + 1}.xml";
            if (!_omitted.Contains(path))
            {
                parts.Add(new ZipItem(path, _sheets[i].Xml));
            }
        }

        if (_sharedStrings is not null)
        {
            Add("xl/sharedStrings.xml", _sharedStrings);
        }

        if (_styles is not null)
        {
            Add("xl/styles.xml", _styles);
        }

        foreach (var (path, content) in _extraParts)
        {
            Add(path, content);
        }

        return ZipFixture.Build(parts.ToArray());
    }
}
