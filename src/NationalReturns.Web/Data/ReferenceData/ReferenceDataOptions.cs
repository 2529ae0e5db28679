using System.ComponentModel.DataAnnotations;

namespace NationalReturns.Web.Data.ReferenceData;

/// <summary>Where the reference CSVs (authorities, populations, neighbours, frameworks) are read from at start-up.</summary>
public sealed class ReferenceDataOptions : IValidatableObject
{
    public const string Section = "ReferenceData";

    public string Folder { get; set; } = ReferenceDataLoader.DefaultFolder;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield return new("ReferenceData:Folder is empty: set it to the folder holding the reference CSVs, or leave it unset for the reference-data folder beside the app.", [nameof(Folder)]);
        }
    }
}
