using System.ComponentModel.DataAnnotations;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The earned-autonomy rule: the level every Early Help System Guide area and the Data Maturity Model stage must reach.
/// The names are checked against the framework in use when the rule is first asked for (frameworks live in the database).
/// </summary>
public sealed class ReadinessOptions : IValidatableObject
{
    public const string Section = "SelfAssessments:Readiness";

    public string EarlyHelpAreaLevel { get; set; } = "Maturing";

    public string DataMaturityStage { get; set; } = "Developing";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(EarlyHelpAreaLevel))
        {
            yield return new("SelfAssessments:Readiness:EarlyHelpAreaLevel is empty: set it to a level of the Early Help System Guide, or leave it unset for Maturing.", [nameof(EarlyHelpAreaLevel)]);
        }

        if (string.IsNullOrWhiteSpace(DataMaturityStage))
        {
            yield return new("SelfAssessments:Readiness:DataMaturityStage is empty: set it to a stage of the Data Maturity Model, or leave it unset for Developing.", [nameof(DataMaturityStage)]);
        }
    }
}
