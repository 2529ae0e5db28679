using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;

namespace NationalReturns.Web.Data;

/// <summary>One authority's return for one quarter, across all its uploads.</summary>
public class AuthorityReturn
{
    public int Id { get; set; }
    public required string AuthorityCode { get; set; }
    public LocalAuthority Authority { get; set; } = null!;

    /// <summary>The quarter in its URL form, such as 2025-26-Q1.</summary>
    public required string Period { get; set; }

    /// <summary>The quarter's first day, for ordering and for finding last quarter's return.</summary>
    public DateOnly PeriodStart { get; set; }

    public ReturnStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>0 until a published return is reopened; each reopening makes the next publication a revision (marked R).</summary>
    public int Revision { get; set; }

    /// <summary>The version whose figures are published, while the return is published (and after, until republished).</summary>
    public int? PublishedVersionId { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public List<ReturnVersion> Versions { get; set; } = [];

    public List<ReturnTransition> Transitions { get; set; } = [];
}

/// <summary>One move through the workflow, kept for good: the return's timeline.</summary>
public class ReturnTransition
{
    public long Id { get; set; }
    public int AuthorityReturnId { get; set; }
    public ReturnAction Action { get; set; }
    public ReturnStatus From { get; set; }
    public ReturnStatus To { get; set; }

    /// <summary>The version the action was taken on, where there is one.</summary>
    public int? VersionNumber { get; set; }

    /// <summary>The query, answer, reason or certification comment.</summary>
    public string? Comment { get; set; }

    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>An uploaded file exactly as received, kept for good whatever became of it.</summary>
public class UploadedFile
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public string? UploadedFrom { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The return the file was uploaded to (null for files uploaded before this was kept).</summary>
    public string? AuthorityCode { get; set; }

    public string? Period { get; set; }

    /// <summary>
    /// Set when the file could not be read as a return: it is kept, and the attempt is in the audit log, but
    /// it is not a version and the return is left as it was.
    /// </summary>
    public string? RejectionKind { get; set; }

    public string? RejectionReason { get; set; }
}

public enum ReadOutcome
{
    /// <summary>The workbook was read and validated; its issues are listed.</summary>
    Read,

    /// <summary>
    /// Only in versions stored before unreadable files stopped becoming versions: the file could not be read
    /// as a return; <see cref="ReturnVersion.RejectionReason"/> says why. New attempts are kept on the file.
    /// </summary>
    Rejected,
}

/// <summary>One upload of a return: the file, what was read from it, and its issues. The latest one counts.</summary>
public class ReturnVersion
{
    public int Id { get; set; }
    public int AuthorityReturnId { get; set; }
    public AuthorityReturn AuthorityReturn { get; set; } = null!;

    /// <summary>1 for the first upload of the return, then 2, 3…</summary>
    public int Number { get; set; }

    public long UploadedFileId { get; set; }
    public UploadedFile UploadedFile { get; set; } = null!;
    public ReadOutcome Outcome { get; set; }
    public string? TemplateVersion { get; set; }

    /// <summary>What kind of file problem stopped the read (for counting), and the message the uploader saw.</summary>
    public string? RejectionKind { get; set; }
    public string? RejectionReason { get; set; }

    /// <summary>The return's figures by field key (see <see cref="ReturnFigures"/>).</summary>
    public Dictionary<string, long> Figures { get; set; } = [];

    /// <summary>
    /// Each form field's answer as the uploader wrote it (text, cut to the stored length), by field key, for the
    /// figures page; counts are also in <see cref="Figures"/>. Empty for versions stored before this was kept.
    /// </summary>
    public Dictionary<string, string> FormValues { get; set; } = [];

    /// <summary>True once the table sheets' rows are in <c>version_rows</c> (false for versions stored before).</summary>
    public bool RowsKept { get; set; }

    public int ErrorCount { get; set; }
    public int QueryCount { get; set; }
    public int FamilyRows { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How long reading and validating took, for watching performance in production.</summary>
    public double ReadMilliseconds { get; set; }

    public List<ReturnIssueRecord> Issues { get; set; } = [];
    public List<QueryExplanation> Explanations { get; set; } = [];
}

/// <summary>An issue as found in one version; kept with the version for good.</summary>
public class ReturnIssueRecord
{
    public long Id { get; set; }
    public int ReturnVersionId { get; set; }

    /// <summary>Position in the version's ordered list of issues.</summary>
    public int Sequence { get; set; }

    public required string Code { get; set; }
    public Severity Severity { get; set; }
    public required string Sheet { get; set; }
    public string? Cell { get; set; }
    public string? Field { get; set; }
    public string? Value { get; set; }
    public required string Message { get; set; }
    public string[] OtherCells { get; set; } = [];

    /// <summary>How many cells the issue stands for (more than 1 for a run or the rest of a long list).</summary>
    public int Count { get; set; } = 1;
}

/// <summary>
/// A version's workbook with its issues marked, built once from what the guarded reader reads of the upload
/// and kept; or why it could not be built, so a file that cannot be marked is not tried on every request.
/// </summary>
public class MarkedWorkbookRecord
{
    public int ReturnVersionId { get; set; }
    public byte[]? Content { get; set; }
    public string? Failure { get; set; }
    public DateTimeOffset BuiltAt { get; set; }
    public double BuildMilliseconds { get; set; }
}

/// <summary>The authority's explanation of one query rule in one version; one explanation may cover many rows.</summary>
public class QueryExplanation
{
    public int Id { get; set; }
    public int ReturnVersionId { get; set; }
    public required string RuleCode { get; set; }
    public required string Text { get; set; }
    public required string ExplainedBy { get; set; }
    public DateTimeOffset ExplainedAt { get; set; }

    /// <summary>Set when the explanation was carried forward from an earlier version of the same return.</summary>
    public int? CarriedFromVersionId { get; set; }
}

/// <summary>A quarter's collection dates where an Admin changed them from the default (see <see cref="CollectionWindow"/>).</summary>
public class CollectionWindowSetting
{
    /// <summary>The quarter in its URL form, such as 2025-26-Q1.</summary>
    public required string Period { get; set; }

    public DateOnly OpensOn { get; set; }
    public DateOnly DueOn { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// One record of a table sheet (Families, Homelessness, Notes) as uploaded, its cells as text in the sheet's
/// field order: what the figures page pages and filters, without reading the file again.
/// </summary>
public class VersionRow
{
    public int ReturnVersionId { get; set; }
    public required string Sheet { get; set; }

    /// <summary>The row's number in the uploaded sheet.</summary>
    public int RowNumber { get; set; }

    /// <summary>Each field's cell as text (null when blank), in the order the specification lists the sheet's fields.</summary>
    public required string?[] Cells { get; set; }
}

/// <summary>A reminder the national team sent from the tracker to one authority's staff.</summary>
public class ReturnReminder
{
    public long Id { get; set; }
    public required string AuthorityCode { get; set; }

    /// <summary>The quarter in its URL form, such as 2025-26-Q1.</summary>
    public required string Period { get; set; }

    public required string SentBy { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>How many people it went to.</summary>
    public int Recipients { get; set; }
}
