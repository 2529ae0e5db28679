using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Browser;
using NationalReturns.Web.Tests.Infrastructure;
using static NationalReturns.Web.Tests.SelfAssessments.AssessmentForms;

namespace NationalReturns.Web.Tests.SelfAssessments;

/// <summary>
/// The whole year's journey in Chromium: a preparer completes and submits both frameworks on the form
/// pages, the approver signs both off, the national team moderates one; every page passes axe.
/// </summary>
public sealed class SelfAssessmentJourneyInBrowserTests(WebApp app, Browser.Browser browser) : BrowserTest(app, browser)
{
    [Fact]
    public async Task CompleteSignOffAndModerate_BothFrameworksInTheBrowser_EndsSignedOffWithOneModerated()
    {
        var year = CurrentYear(App);
        var violations = new List<string>();
        var preparer = await NewPageAsync();
        await SignInAsync(preparer, Roles.Preparer, Blackpool);

        foreach (var code in new[] { Framework.EarlyHelp, Framework.DataMaturity })
        {
            var framework = await FrameworkAsync(App, code);
            await preparer.GotoAsync("/self-assessments");
            await preparer.GetByRole(AriaRole.Link, new() { Name = framework.Name }).ClickAsync();
            await preparer.GetByRole(AriaRole.Link, new() { Name = "Start the assessment" }).ClickAsync();
            foreach (var area in framework.Areas)
            {
                Assert.Equal(area.Name, (await preparer.Locator("h1").InnerTextAsync()).Trim());
                if (area == framework.Areas[0])
                {
                    // The form as a preparer first meets it.
                    violations.AddRange(await Browser.Browser.AccessibilityViolationsAsync(preparer));
                }

                foreach (var d in area.Descriptors)
                {
                    var level = framework.Top - 1;
                    await preparer.Locator($"label[for='{(level == 1 ? $"level-{d.Code}" : $"level-{d.Code}-{level}")}']").ClickAsync();
                    await preparer.Locator($"#evidence-{d.Code}").FillAsync($"Case audit this year shows {d.Text.ToLowerInvariant()} It is reviewed by the board.");
                    await preparer.Locator($"#target-{d.Code}").SelectOptionAsync(framework.LevelName(framework.Top));
                    await preparer.Locator($"#actions-{d.Code}").FillAsync("Extend it to schools and health, led by the partnership manager.");
                }

                var last = area == framework.Areas[^1];
                await preparer.GetByRole(AriaRole.Button, new() { Name = last ? "Save and check your answers" : "Save and continue" }).ClickAsync();
            }

            Assert.Equal(framework.Name, (await preparer.Locator("h1").InnerTextAsync()).Trim());
            violations.AddRange(await Browser.Browser.AccessibilityViolationsAsync(preparer));
            await ScreenshotAsync(preparer, $"self-assessment-check-{code}");
            await preparer.GetByRole(AriaRole.Button, new() { Name = "Submit for sign-off" }).ClickAsync();
            await Assertions.Expect(preparer.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "Submitted");
        }

        var approver = await NewPageAsync();
        await SignInAsync(approver, Roles.Approver, Blackpool);
        foreach (var code in new[] { Framework.EarlyHelp, Framework.DataMaturity })
        {
            await approver.GotoAsync(Url(Blackpool, code, year));
            await approver.GetByRole(AriaRole.Button, new() { Name = "Sign off the assessment" }).ClickAsync();
            await Assertions.Expect(approver.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "SignedOff");
        }

        var national = await NewPageAsync();
        await SignInAsync(national, Roles.NationalTeam);
        var earlyHelp = await FrameworkAsync(App, Framework.EarlyHelp);
        var moved = earlyHelp.Areas[0].Descriptors[0].Code;
        await national.GotoAsync(Url(Blackpool, Framework.EarlyHelp, year));
        await national.GetByRole(AriaRole.Link, new() { Name = "Moderate the assessment" }).ClickAsync();
        await national.Locator($"#level-{moved}").SelectOptionAsync("Developing");
        await national.GetByRole(AriaRole.Button, new() { Name = "Save the moderation" }).ClickAsync();
        Assert.Contains($"{moved}: give the reason for moving it from Maturing to Developing.", await national.Locator(".govuk-error-summary").InnerTextAsync());
        violations.AddRange(await Browser.Browser.AccessibilityViolationsAsync(national));
        await national.Locator($"#reason-{moved}").FillAsync("Families' feedback is collected but not yet used in design; agreed at moderation.");
        await national.GetByRole(AriaRole.Button, new() { Name = "Save the moderation" }).ClickAsync();
        await Assertions.Expect(national.Locator("[data-moderated]")).ToBeVisibleAsync();
        await ScreenshotAsync(national, "self-assessment-moderated");

        var records = await App.WithDbAsync(db => db.SelfAssessments.Include(a => a.Ratings).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(AssessmentStatus.SignedOff, r.Status));
        var moderatedRecord = Assert.Single(records, r => r.ModeratedAt is not null);
        Assert.Equal(Framework.EarlyHelp, moderatedRecord.FrameworkCode);
        Assert.Equal(2, moderatedRecord.Ratings.Single(r => r.DescriptorCode == moved).ModeratedLevel);
        Assert.Equal(3, moderatedRecord.Ratings.Single(r => r.DescriptorCode == moved).Level);
        Assert.Empty(violations);
        Assert.Empty(ConsoleErrors);
    }
}
