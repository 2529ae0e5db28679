using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using static NationalReturns.Web.Tests.SelfAssessments.AssessmentForms;

namespace NationalReturns.Web.Tests.SelfAssessments;

/// <summary>An admin publishing a framework version: only the next version, never an edit, and assessments keep the version they began with.</summary>
public class FrameworkPublishingTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Publish_NextVersion_IsUsedByNewAssessmentsWhileStartedOnesKeepTheirs()
    {
        var year = CurrentYear(App);
        var v1 = await FrameworkAsync(App, Framework.EarlyHelp);
        var kent = await App.SignedInAsync(Roles.Preparer, Kent);
        var blackpool = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var admin = await App.SignedInAsync(Roles.Admin);
        var area = v1.Areas[0];
        using var started = await PostAsync(kent, $"{Url(Kent, v1.Code, year)}/areas/{area.Code}", $"{Url(Kent, v1.Code, year)}/areas/{area.Code}", Answers(v1, area, 2));
        try
        {
            using var response = await PublishAsync(admin, Definition(version: 2, firstDescriptorText: "Families say what they think of early help, and it changes how services run."));
            using var newOne = await PostAsync(blackpool, $"{Url(Blackpool, v1.Code, year)}/areas/{area.Code}", $"{Url(Blackpool, v1.Code, year)}/areas/{area.Code}", Answers(v1, area, 2));
            var versions = await App.WithDbAsync(db => db.SelfAssessments.Include(a => a.FrameworkVersion).ToDictionaryAsync(a => a.AuthorityCode, a => a.FrameworkVersion.Version));
            var blackpoolPage = await Pages.GetAsync(blackpool, Url(Blackpool, v1.Code, year));
            var descriptor = area.Descriptors[0].Code;

            Assert.Equal("Early Help System Guide 2022 version 2 is published. New assessments will use it; assessments already started keep their version.",
                (await Pages.ParseAsync(response)).QuerySelector("[data-published]")!.Text());
            Assert.Equal(1, versions[Kent]);
            Assert.Equal(2, versions[Blackpool]);
            Assert.Equal($"{descriptor}. Families say what they think of early help, and it changes how services run.",
                blackpoolPage.QuerySelector($"[data-descriptor='{descriptor}'] dt")!.Text());
        }
        finally
        {
            // Framework versions are reference data, kept between tests: take this one out again.
            await App.WithDbAsync(async db =>
            {
                await db.SelfAssessments.ExecuteDeleteAsync();
                return await db.FrameworkVersions.Where(f => f.Code == Framework.EarlyHelp && f.Version > 1).ExecuteDeleteAsync();
            });
        }
    }

    [Fact]
    public async Task Publish_AVersionThatIsNotTheNext_IsRefusedAndNothingIsStored()
    {
        var admin = await App.SignedInAsync(Roles.Admin);

        using var skipped = await PublishAsync(admin, Definition(version: 3));
        using var republished = await PublishAsync(admin, Definition(version: 1, firstDescriptorText: "An edit to a version already in use."));

        Assert.Contains("Version 3 cannot be published: the Early Help System Guide is at version 1, so the next is 2. A published version is never changed.",
            (await Pages.ParseAsync(skipped)).ErrorMessages());
        Assert.Contains("Version 1 cannot be published: the Early Help System Guide is at version 1, so the next is 2. A published version is never changed.",
            (await Pages.ParseAsync(republished)).ErrorMessages());
        Assert.Equal(2, await App.WithDbAsync(db => db.FrameworkVersions.CountAsync()));
    }

    [Fact]
    public async Task Publish_ABrokenDefinition_ListsWhatIsWrong()
    {
        var admin = await App.SignedInAsync(Roles.Admin);
        var definition = JsonNode.Parse(Definition(version: 2))!;
        definition["levels"]![1]!["rank"] = 5;
        definition["areas"]![1]!["descriptors"]![0]!["code"] = "FV1";

        using var broken = await PublishAsync(admin, definition.ToJsonString());
        using var notJson = await PublishAsync(admin, "levels: Early, Mature");
        var problems = (await Pages.ParseAsync(broken)).ErrorMessages();

        Assert.Contains("Level 2 has rank 5: levels must be listed from rank 1 upwards with no gaps.", problems);
        Assert.Contains("The descriptor code \"FV1\" is used more than once.", problems);
        // The rest of this message is the JSON parser's own account of where it gave up.
        Assert.Contains((await Pages.ParseAsync(notJson)).ErrorMessages(), m => m.StartsWith("The definition is not valid JSON: ", StringComparison.Ordinal));
        Assert.Equal(2, await App.WithDbAsync(db => db.FrameworkVersions.CountAsync()));
    }

    private static string Definition(int version, string? firstDescriptorText = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(TestEnvironment.PathInRepository("db", "reference-data", "frameworks", "ehsg-v1.json")))!;
        json["version"] = version;
        if (firstDescriptorText is not null)
        {
            json["areas"]![0]!["descriptors"]![0]!["text"] = firstDescriptorText;
        }

        return json.ToJsonString();
    }

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient admin, string definition)
    {
        var token = await WebApp.AntiforgeryTokenAsync(admin, "/admin/frameworks");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(definition), "file", "framework.json" },
        };
        var response = await admin.PostAsync("/admin/frameworks", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
