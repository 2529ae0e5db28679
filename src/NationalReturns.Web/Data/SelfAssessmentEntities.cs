using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Web.Data;

/// <summary>
/// A published version of a self-assessment framework, its definition kept whole as JSON. Versions are
/// only ever added: assessments point at the version they were made against.
/// </summary>
public class FrameworkVersion
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public required string Definition { get; set; }
    public required string ContentHash { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
}

/// <summary>One authority's assessment against one framework for one year.</summary>
public class SelfAssessmentRecord
{
    public int Id { get; set; }
    public required string AuthorityCode { get; set; }
    public required string FrameworkCode { get; set; }
    public int FrameworkVersionId { get; set; }
    public FrameworkVersion FrameworkVersion { get; set; } = null!;

    /// <summary>The April the assessment year starts in: 2025 for 2025-26.</summary>
    public int Year { get; set; }

    public AssessmentStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SignedOffAt { get; set; }
    public string? SignedOffBy { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }
    public string? ModeratedBy { get; set; }

    /// <summary>PostgreSQL's row version: two people saving the same assessment at once cannot both win.</summary>
    public uint RowVersion { get; set; }

    public List<SelfAssessmentRating> Ratings { get; set; } = [];
}

/// <summary>A descriptor's self-rating with its evidence and plans, and the national team's moderated level beside it.</summary>
public class SelfAssessmentRating
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public required string DescriptorCode { get; set; }
    public int? Level { get; set; }
    public string? Evidence { get; set; }
    public int? TargetLevel { get; set; }
    public string? PlannedActions { get; set; }
    public int? ModeratedLevel { get; set; }
    public string? ModerationReason { get; set; }
}
