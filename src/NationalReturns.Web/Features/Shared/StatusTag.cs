using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;

namespace NationalReturns.Web.Features.Layout;

/// <summary>
/// A return's or an assessment's status as a GOV.UK tag: one colour per status wherever it is shown, so the
/// tracker, the return page and an authority's own list never disagree. Red is kept for what is overdue.
/// </summary>
/// <param name="Status">The status's name, for tests and scripts (data-status).</param>
public sealed record StatusTag(string Text, string Colour, string Status)
{
    public static StatusTag Of(ReturnStatus status, bool overdue = false) => new(
        ReturnWorkflow.Describe(status),
        overdue ? "govuk-tag--red" : status switch
        {
            ReturnStatus.NotStarted => "govuk-tag--grey",
            ReturnStatus.Draft => "govuk-tag--light-blue",
            ReturnStatus.Queried => "govuk-tag--orange",
            ReturnStatus.Published or ReturnStatus.Accepted => "govuk-tag--green",
            _ => "govuk-tag--blue",
        },
        status.ToString());

    public static StatusTag Of(AssessmentStatus status) => new(
        Label(status),
        status switch
        {
            AssessmentStatus.NotStarted => "govuk-tag--grey",
            AssessmentStatus.Draft => "govuk-tag--light-blue",
            AssessmentStatus.Submitted => "govuk-tag--yellow",
            _ => "govuk-tag--green",
        },
        status.ToString());

    public static string Label(AssessmentStatus status) => status switch
    {
        AssessmentStatus.NotStarted => "Not started",
        AssessmentStatus.Draft => "In progress",
        AssessmentStatus.Submitted => "Submitted",
        _ => "Signed off",
    };
}
