using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.SelfAssessments;

/// <summary>Fills in and posts the self-assessment forms as a browser would, over real HTTP.</summary>
public static class AssessmentForms
{
    public const string Blackpool = "E06000009";
    public const string Kent = "E10000016";

    public static AssessmentYear CurrentYear(WebApp app)
    {
        using var scope = app.Services.CreateScope();
        return AssessmentYear.Containing(scope.ServiceProvider.GetRequiredService<CollectionCalendar>().Today);
    }

    public static Task<Framework> FrameworkAsync(WebApp app, string code) => app.WithDbAsync(async db =>
        Features.SelfAssessments.AssessmentFrameworks.Parse(await db.FrameworkVersions.Where(f => f.Code == code).OrderByDescending(f => f.Version).FirstAsync()));

    public static string Url(string onsCode, string framework, AssessmentYear year) => $"/self-assessments/{onsCode}/{framework}/{year.Label}";

    /// <summary>A complete, sensible answer for every descriptor of an area: level, evidence, target one up, actions.</summary>
    public static Dictionary<string, string> Answers(Framework framework, FrameworkArea area, int level, string? evidence = null)
    {
        var form = new Dictionary<string, string>();
        foreach (var d in area.Descriptors)
        {
            form[$"level-{d.Code}"] = framework.LevelName(level);
            form[$"evidence-{d.Code}"] = evidence ?? $"Our case audit this year shows {d.Text.ToLowerInvariant()} This is in place across the partnership.";
            form[$"target-{d.Code}"] = framework.LevelName(Math.Min(framework.Top, level + 1));
            form[$"actions-{d.Code}"] = level < framework.Top ? "Extend the approach to schools and health, reviewed by the board each quarter." : "";
        }

        return form;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string action, IDictionary<string, string> fields)
    {
        var token = await WebApp.AntiforgeryTokenAsync(client, pageUrl);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Answers every area through the form pages, each at the given level.</summary>
    public static async Task AnswerAllAsync(HttpClient preparer, Framework framework, string onsCode, AssessmentYear year, Func<FrameworkArea, int> level)
    {
        var url = Url(onsCode, framework.Code, year);
        foreach (var area in framework.Areas)
        {
            using var response = await PostAsync(preparer, $"{url}/areas/{area.Code}", $"{url}/areas/{area.Code}",
                new Dictionary<string, string>(Answers(framework, area, level(area))) { ["then"] = "next" });
            if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                // Only to say why set-up failed: the error summary if there is one, otherwise the start of the page.
                var page = await Pages.ParseAsync(response);
                var problems = page.ErrorMessages();
                var said = problems.Count > 0 ? string.Join(" | ", problems) : page.Body?.Text() ?? "";
                throw new InvalidOperationException($"Saving {area.Name} gave {(int)response.StatusCode}: {said[..Math.Min(600, said.Length)]}");
            }
        }
    }
}
