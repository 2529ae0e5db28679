using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>
/// The demo is seeded through the same handlers people use, with nobody signed in, so it leaves the same audit
/// trail: one event for every version uploaded, every move a return made, every explanation, and every step of
/// every self-assessment, each naming the demo's made-up person who did it.
/// </summary>
[Collection(DemoQuarters.Name)]
public sealed class DemoAuditTrailTests(DemoCollectionApp app)
{
    [Fact]
    public async Task SeededDemo_EveryUploadMoveAndAssessmentStep_HasItsAuditEvent()
    {
        var actions = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().GroupBy(e => e.Action).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        int Count(string action) => actions.GetValueOrDefault(action);

        var versions = await app.WithDbAsync(db => db.ReturnVersions.CountAsync());
        var moves = await app.WithDbAsync(db => db.ReturnTransitions.GroupBy(t => t.Action).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var assessments = await app.WithDbAsync(db => db.SelfAssessments.AsNoTracking().Select(a => new { a.Status, a.SubmittedAt, a.ModeratedAt }).ToListAsync());

        Assert.True(versions > 1000, $"The demo has only {versions} versions.");
        Assert.Equal(versions, Count(AuditActions.Upload));
        foreach (var action in new[] { ReturnAction.Submit, ReturnAction.Certify, ReturnAction.Accept, ReturnAction.Publish, ReturnAction.Explain })
        {
            Assert.True(moves.GetValueOrDefault(action) > 0, $"The demo made no {action} moves.");
            Assert.Equal(moves[action], Count(AuditActions.Of(action)));
        }

        var signedOff = assessments.Count(a => a.Status == AssessmentStatus.SignedOff);
        Assert.True(signedOff > 100, $"The demo signed off only {signedOff} assessments.");
        Assert.Equal(signedOff, Count(AuditActions.SelfAssessmentSignOff));
        Assert.Equal(assessments.Count(a => a.SubmittedAt is not null), Count(AuditActions.SelfAssessmentSubmit));
        Assert.Equal(assessments.Count(a => a.ModeratedAt is not null), Count(AuditActions.SelfAssessmentModerate));
        Assert.True(Count(AuditActions.SelfAssessmentSave) >= assessments.Count);
        Assert.DoesNotContain("anonymous", await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Actor).Distinct().ToListAsync()));
    }
}
