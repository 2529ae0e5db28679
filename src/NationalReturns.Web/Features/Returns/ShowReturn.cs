using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>An authority's return for a quarter: where it stands, what comes next and for whom, every version and everything that happened to it.</summary>
public static class ShowReturn
{
    /// <summary>The timeline shows this many events; the audit trail holds the rest.</summary>
    public const int TimelineLength = 200;

    public sealed record Model(string OnsCode, string AuthorityName, ReturnPeriod Period, ReturnStatus Status, int Revision, IReadOnlyList<VersionLine> Versions, IReadOnlyList<Entry> Timeline)
    {
        public VersionLine? Latest => Versions.Count > 0 ? Versions[0] : null;

        public VersionReadiness? Readiness => Latest is { } v ? new VersionReadiness(v.Outcome == ReadOutcome.Read, v.Errors, v.QueryRules - v.Explained) : null;

        /// <summary>The national team's open query, while the return is queried: shown at the top, where it is answered.</summary>
        public Entry? OpenQuery { get; init; }

        /// <summary>The approver's send-back, while the return is a draft because of it.</summary>
        public Entry? SentBack { get; init; }

        /// <summary>The latest version's explained query rules, which the approver certifies with the figures.</summary>
        public IReadOnlyList<Explained> Explanations { get; init; } = [];

        /// <summary>Events older than the <see cref="TimelineLength"/> shown.</summary>
        public int EarlierEvents { get; init; }

        /// <summary>Set when the quarter's collection has not opened: why, and which quarter is open now.</summary>
        public string? NotOpen { get; init; }

        /// <summary>Set when an action on the page was refused, to show in the error summary.</summary>
        public string? Error { get; init; }

        public string? ErrorField { get; init; }

        public string? Text { get; init; }
    }

    /// <summary>One thing that happened to the return: a move, an upload (kept or not), an explanation.</summary>
    public sealed record Entry(DateTimeOffset At, string What, string By, string? Comment);

    public sealed record Explained(string RuleCode, string Title, int Cells, string Text, string By, bool Carried);

    public sealed record VersionLine(int Number, ReadOutcome Outcome, string FileName, DateTimeOffset UploadedAt, string UploadedBy, int Errors, int Queries, int QueryRules, int Explained);

    public sealed class Handler(NationalReturnsDbContext db, Infrastructure.CollectionCalendar windows)
    {
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, CancellationToken ct)
        {
            var authority = await db.LocalAuthorities.AsNoTracking()
                .Where(a => a.OnsCode == onsCode && a.ValidTo == null)
                .Select(a => new { a.OnsCode, a.Name })
                .SingleOrDefaultAsync(ct);
            if (authority is null)
            {
                return null;
            }

            var key = period.UrlSegment;
            var state = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.AuthorityCode == onsCode && r.Period == key)
                .Select(r => new { r.Id, r.Status, r.Revision })
                .SingleOrDefaultAsync(ct);
            if (state is null)
            {
                return new Model(authority.OnsCode, authority.Name, period, ReturnStatus.NotStarted, 0, [], await RefusedUploadsAsync(onsCode, key, ct))
                {
                    NotOpen = await windows.RefusalAsync(period, ct),
                };
            }

            var moves = await db.ReturnTransitions.AsNoTracking()
                .Where(t => t.AuthorityReturnId == state.Id)
                .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
                .Take(TimelineLength + 1)
                .Select(t => new { t.Action, t.From, t.To, t.VersionNumber, t.Comment, t.By, t.At })
                .ToListAsync(ct);
            var versions = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturnId == state.Id)
                .OrderByDescending(v => v.Number)
                .Select(v => new VersionLine(v.Number, v.Outcome, v.UploadedFile.FileName, v.CreatedAt, v.CreatedBy, v.ErrorCount, v.QueryCount,
                    db.ReturnIssues.Where(i => i.ReturnVersionId == v.Id && i.Severity == Severity.Query).Select(i => i.Code).Distinct().Count(),
                    v.Explanations.Count))
                .ToListAsync(ct);

            // Every upload is an event, whether or not it changed the status; a move that came with one (an upload that
            // withdrew a submission) is told on the upload's line.
            var uploadMoves = moves.Where(m => m.Action == ReturnAction.Upload && m.VersionNumber is not null).ToDictionary(m => m.VersionNumber!.Value);
            var events = new List<Entry>();
            events.AddRange(versions.Select(v => new Entry(v.UploadedAt, Uploaded(v, uploadMoves.GetValueOrDefault(v.Number) is { } m ? (m.From, m.To) : null), v.UploadedBy, null)));
            events.AddRange(moves.Where(m => m.Action != ReturnAction.Upload || m.VersionNumber is null).Select(m => new Entry(m.At, Moved(m.Action, m.VersionNumber), m.By, m.Comment)));
            events.AddRange(await RefusedUploadsAsync(onsCode, key, ct));
            events.AddRange((await db.ReturnReminders.AsNoTracking()
                    .Where(r => r.AuthorityCode == onsCode && r.Period == key)
                    .OrderByDescending(r => r.SentAt)
                    .Take(TimelineLength + 1)
                    .Select(r => new { r.SentAt, r.SentBy, r.Recipients })
                    .ToListAsync(ct))
                .Select(r => new Entry(r.SentAt, $"Reminder emailed to {ReturnProgress.Count(r.Recipients, "person", "people")}", r.SentBy, null)));
            var ordered = events.OrderByDescending(e => e.At).ToList();

            var latestQuery = state.Status == ReturnStatus.Queried ? moves.FirstOrDefault(m => m.Action == ReturnAction.Query) : null;
            var lastMove = moves.FirstOrDefault(m => m.Action is not (ReturnAction.Explain or ReturnAction.Upload));
            var sentBack = state.Status == ReturnStatus.Draft && lastMove is { Action: ReturnAction.SendBack } ? lastMove : null;
            return new Model(authority.OnsCode, authority.Name, period, state.Status, state.Revision, versions, ordered.Take(TimelineLength).ToList())
            {
                EarlierEvents = Math.Max(0, ordered.Count - TimelineLength),
                OpenQuery = latestQuery is null ? null : new Entry(latestQuery.At, "Query", latestQuery.By, latestQuery.Comment),
                SentBack = sentBack is null ? null : new Entry(sentBack.At, "Sent back", sentBack.By, sentBack.Comment),
                Explanations = await ExplanationsAsync(state.Id, period, ct),
            };
        }

        /// <summary>Files that could not be read: not versions, but the preparer and the approver should see they were tried.</summary>
        private async Task<List<Entry>> RefusedUploadsAsync(string onsCode, string key, CancellationToken ct) =>
            (await db.UploadedFiles.AsNoTracking()
                .Where(f => f.AuthorityCode == onsCode && f.Period == key && f.RejectionKind != null)
                .OrderByDescending(f => f.UploadedAt)
                .Take(TimelineLength + 1)
                .Select(f => new { f.UploadedAt, f.FileName, f.UploadedBy, f.RejectionReason })
                .ToListAsync(ct))
            .Select(f => new Entry(f.UploadedAt, $"Upload of {f.FileName} could not be read: not kept as a version", f.UploadedBy, f.RejectionReason))
            .ToList();

        private async Task<IReadOnlyList<Explained>> ExplanationsAsync(int returnId, ReturnPeriod period, CancellationToken ct)
        {
            var latest = await db.ReturnVersions.AsNoTracking().Where(v => v.AuthorityReturnId == returnId).OrderByDescending(v => v.Number).Select(v => v.Id).FirstOrDefaultAsync(ct);
            var explanations = await db.QueryExplanations.AsNoTracking()
                .Where(e => e.ReturnVersionId == latest)
                .OrderBy(e => e.RuleCode)
                .Select(e => new
                {
                    e.RuleCode,
                    e.Text,
                    e.ExplainedBy,
                    Carried = e.CarriedFromVersionId != null,
                    Cells = db.ReturnIssues.Where(i => i.ReturnVersionId == latest && i.Code == e.RuleCode).Sum(i => i.Count),
                })
                .ToListAsync(ct);
            var spec = ReturnSpecifications.ForPeriod(period);
            return explanations.Select(e => new Explained(e.RuleCode, spec.HasRule(e.RuleCode) ? spec.Rule(e.RuleCode).Title : e.RuleCode, e.Cells, e.Text, e.ExplainedBy, e.Carried)).ToList();
        }
    }

    private static string Uploaded(VersionLine v, (ReturnStatus From, ReturnStatus To)? moved)
    {
        var what = v.Outcome == ReadOutcome.Rejected
            ? $"Version {v.Number} uploaded ({v.FileName}): could not be read"
            : $"Version {v.Number} uploaded ({v.FileName}): {ReturnProgress.Count(v.Errors, "error", "errors")}, {ReturnProgress.Count(v.Queries, "query", "queries")}";
        return moved is { } m ? $"{what}. The return went from {ReturnWorkflow.Describe(m.From)} to {ReturnWorkflow.Describe(m.To)}" : what;
    }

    private static string Moved(ReturnAction action, int? version)
    {
        var of = version is { } n ? $" version {n}" : "";
        return action switch
        {
            ReturnAction.Upload => "Uploaded",
            ReturnAction.Explain => $"Query explained on{of}",
            ReturnAction.Submit => $"Submitted{of} to the approver",
            ReturnAction.Certify => $"Certified{of}",
            ReturnAction.SendBack => "Sent back to the preparer by the approver",
            ReturnAction.Query => "Queried by the national team",
            ReturnAction.Answer => "Query answered",
            ReturnAction.Accept => $"Accepted{of}",
            ReturnAction.Publish => $"Published{of}",
            ReturnAction.Reopen => "Reopened as a revision",
            _ => action.ToString(),
        };
    }
}
