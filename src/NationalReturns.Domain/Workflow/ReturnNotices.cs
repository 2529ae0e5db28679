namespace NationalReturns.Domain.Workflow;

/// <summary>An email the service sends about a return when something needs someone.</summary>
/// <param name="Action">The move that sends it.</param>
/// <param name="To">Who gets it: the authority's preparers or approvers, or the national team.</param>
/// <param name="Describe">How the account page names it, for the person who gets it.</param>
public sealed record ReturnNotice(ReturnAction Action, WorkflowRole To, string Describe)
{
    /// <summary>Gathered into the national team's daily digest rather than sent one by one.</summary>
    public bool InDigest { get; init; }
}

/// <summary>
/// Who is told about each move of a return, so nobody waits without knowing it: the one table the moves queue
/// their emails from and the account page lists each person's notices from.
/// </summary>
public static class ReturnNotices
{
    public static IReadOnlyList<ReturnNotice> All { get; } =
    [
        new(ReturnAction.Submit, WorkflowRole.Approver, "When your preparer submits a return for you to certify"),
        new(ReturnAction.SendBack, WorkflowRole.Preparer, "When your approver sends a return back to you, with their reason"),
        new(ReturnAction.Query, WorkflowRole.Preparer, "When the national team queries a return, with their query"),
        new(ReturnAction.Certify, WorkflowRole.NationalTeam, "In the daily digest: the returns certified and waiting for your review") { InDigest = true },
        new(ReturnAction.Accept, WorkflowRole.Preparer, "When the national team accepts a return"),
        new(ReturnAction.Accept, WorkflowRole.Approver, "When the national team accepts a return"),
        new(ReturnAction.Publish, WorkflowRole.Preparer, "When a return is published"),
        new(ReturnAction.Publish, WorkflowRole.Approver, "When a return is published"),
        new(ReturnAction.Reopen, WorkflowRole.Preparer, "When the national team reopens a published return, with their reason"),
        new(ReturnAction.Reopen, WorkflowRole.Approver, "When the national team reopens a published return, with their reason"),
    ];

    /// <summary>The roles emailed straight away when the move is made (the digest's are not).</summary>
    public static IReadOnlyList<WorkflowRole> EmailedAt(ReturnAction action) =>
        All.Where(n => n.Action == action && !n.InDigest).Select(n => n.To).Distinct().ToList();

    /// <summary>What a person holding <paramref name="role"/> is sent, besides the reminders before and after the due date.</summary>
    public static IReadOnlyList<string> For(WorkflowRole role) => All.Where(n => n.To == role).Select(n => n.Describe).ToList();

    /// <summary>The email's subject: the return it is about and what happened to it.</summary>
    public static string Subject(ReturnAction action, string authority, string period) => action switch
    {
        ReturnAction.Submit => $"Ready to certify: {authority}'s {period} return",
        ReturnAction.SendBack => $"Sent back: {authority}'s {period} return needs changes",
        ReturnAction.Query => $"Queried: the national team has a question about {authority}'s {period} return",
        ReturnAction.Accept => $"Accepted: {authority}'s {period} return",
        ReturnAction.Publish => $"Published: {authority}'s {period} return",
        ReturnAction.Reopen => $"Reopened: {authority}'s {period} return needs revising",
        _ => $"{authority}'s {period} return",
    };

    /// <summary>The opening line: what happened, by whom.</summary>
    public static string Happened(ReturnAction action, string authority, string period, string by, int? version) => action switch
    {
        ReturnAction.Submit => $"{by} submitted version {version} of {authority}'s {period} return. It needs an approver to check it and certify it.",
        ReturnAction.SendBack => $"{by} sent {authority}'s {period} return back instead of certifying it.",
        ReturnAction.Query => $"{by} of the national team queried {authority}'s {period} return.",
        ReturnAction.Accept => $"The national team accepted {authority}'s {period} return (version {version}).",
        ReturnAction.Publish => $"{authority}'s {period} return (version {version}) has been published with the quarter's figures.",
        ReturnAction.Reopen => $"{by} of the national team reopened {authority}'s published {period} return as a revision.",
        _ => $"{authority}'s {period} return changed.",
    };

    /// <summary>How the move's words are introduced in the email.</summary>
    public static string? CommentHeading(ReturnAction action) => action switch
    {
        ReturnAction.SendBack => "Their reason",
        ReturnAction.Query => "The query",
        ReturnAction.Reopen => "The reason",
        ReturnAction.Submit or ReturnAction.Accept => "Comment",
        _ => null,
    };
}
