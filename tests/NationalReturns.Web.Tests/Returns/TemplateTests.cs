using System.Net;
using ClosedXML.Excel;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Returns;

public class TemplateTests(WebApp app) : WebAppTest(app)
{
    private static async Task<XLWorkbook> DownloadAsync(HttpClient client, string onsCode)
    {
        using var response = await client.GetAsync($"/returns/{onsCode}/{ReturnFiles.Period.UrlSegment}/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Template_County_HasARowPerDistrictAndATotalThatSumsThem()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Kent);
        using var workbook = await DownloadAsync(client, ReturnFiles.Kent);

        var sheet = workbook.Worksheet("Homelessness");
        var kent = await ReturnFiles.ProfileAsync(App, ReturnFiles.Kent);
        Assert.Equal(12, kent.Districts.Count);
        var codes = Enumerable.Range(TemplateLayout.FirstDataRow, 12).Select(r => sheet.Cell(r, 2).GetString()).ToList();
        Assert.Equal(kent.Districts.Select(d => d.OnsCode), codes);
        Assert.Contains("Ashford", sheet.Cell(TemplateLayout.FirstDataRow, 1).GetString(), StringComparison.Ordinal);
        var total = sheet.Cell(TemplateLayout.FirstDataRow + 12, 3);
        Assert.Equal("Total", sheet.Cell(TemplateLayout.FirstDataRow + 12, 1).GetString());
        Assert.Equal("SUM(C5:C16)", total.FormulaA1);
        Assert.True(total.Style.Protection.Locked);
        Assert.False(sheet.Cell(TemplateLayout.FirstDataRow, 3).Style.Protection.Locked);
    }

    [Fact]
    public async Task Template_Unitary_HasCoverPrefilledAndLockedAndOneHomelessnessRow()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var workbook = await DownloadAsync(client, ReturnFiles.Blackpool);

        Assert.Equal(["Instructions", "Cover", "Care", "Youth justice", "Homelessness", "Early help", "Families", "Notes"], workbook.Worksheets.Select(w => w.Name));
        var cover = workbook.Worksheet("Cover");
        Assert.True(cover.IsProtected);
        Assert.Equal("Blackpool", cover.Cell(5, 2).GetString());
        Assert.Equal("890", cover.Cell(6, 2).GetString());
        Assert.Equal("2025-26 Q2", cover.Cell(7, 2).GetString());
        Assert.Equal("2025.1", cover.Cell(8, 2).GetString());
        Assert.True(cover.Cell(8, 2).Style.Protection.Locked);
        Assert.False(cover.Cell(9, 2).Style.Protection.Locked);

        var homelessness = workbook.Worksheet("Homelessness");
        Assert.Equal("E06000009", homelessness.Cell(5, 2).GetString());
        Assert.Equal("Total", homelessness.Cell(6, 1).GetString());
    }

    [Fact]
    public async Task Template_Families_HasDropDownsDateFormatsInputMessagesAndFrozenHeadings()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var workbook = await DownloadAsync(client, ReturnFiles.Blackpool);
        var families = workbook.Worksheet("Families");

        Assert.Equal(TemplateLayout.HeaderRow, families.SheetView.SplitRow);
        Assert.True(families.Cell(TemplateLayout.HeaderRow, 1).Style.Protection.Locked);
        Assert.Equal("Lead practitioner's service", families.Cell(TemplateLayout.HeaderRow, 4).GetString());
        var lead = families.Cell(10, 4).DataValidation;
        Assert.Equal(XLAllowedValues.List, lead.AllowedValues);
        Assert.Contains("Children's social care", lead.Value, StringComparison.Ordinal);
        Assert.Equal(XLAllowedValues.List, families.Cell(10, 6).DataValidation.AllowedValues);
        Assert.Equal("\"Y,N\"", families.Cell(10, 6).DataValidation.Value);
        Assert.Equal(XLAllowedValues.Date, families.Cell(10, 2).DataValidation.AllowedValues);
        Assert.Equal("dd/mm/yyyy", families.Cell(10, 2).Style.DateFormat.Format);
        Assert.False(string.IsNullOrEmpty(families.Cell(10, 5).DataValidation.InputMessage));
        var instructions = workbook.Worksheet("Instructions");
        Assert.Contains(instructions.CellsUsed(), c => c.GetString() == "FAM-007");
    }

    [Fact]
    public async Task Template_AfterLastQuarterWasUploaded_ShowsLastQuartersFiguresBesideTheInputs()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var previous = ReturnFiles.Period.Previous;
        var draft = ReturnFiles.Demo(blackpool, previous);
        await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, previous, ReturnFiles.FilledTemplate(blackpool, draft, previous));

        using var workbook = await DownloadAsync(client, ReturnFiles.Blackpool);

        var care = workbook.Worksheet("Care");
        Assert.Equal("Last quarter", care.Cell(TemplateLayout.HeaderRow, 3).GetString());
        Assert.Equal(draft.Get("Care", "care.cla_end").Number, care.Cell(13, 3).GetDouble());
        Assert.True(care.Cell(13, 3).Style.Protection.Locked);
        var homelessness = workbook.Worksheet("Homelessness");
        Assert.Equal("Last quarter", homelessness.Cell(7, 1).GetString());
        Assert.Equal(draft.Rows("Homelessness")[0][2].Number, homelessness.Cell(7, 3).GetDouble());
    }

    [Fact]
    public async Task Template_UnknownAuthorityOrPeriod_IsNotFound()
    {
        using var client = await App.SignedInAsync(Roles.NationalTeam);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/returns/E06999999/2025-26-Q2/template")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/returns/E06000009/2025-26-Q7/template")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/returns/E10000006/2025-26-Q2/template")).StatusCode); // Cumbria ended in 2023
    }
}
