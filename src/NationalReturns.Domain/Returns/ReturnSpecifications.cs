using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns.Rules;

namespace NationalReturns.Domain.Returns;

/// <summary>Every version of the quarterly return the service knows, and which one each quarter uses.</summary>
public static class ReturnSpecifications
{
    public const string CollectionName = "Supporting Families quarterly return";

    public const string Cover = "Cover";
    public const string Care = "Care";
    public const string YouthJustice = "Youth justice";
    public const string Homelessness = "Homelessness";
    public const string EarlyHelp = "Early help";
    public const string Families = "Families";
    public const string Notes = "Notes";

    public static readonly CodeList LeadServices = new("Lead practitioner's service",
        ["Early help", "Children's social care", "Health", "Education", "Police", "Housing", "Voluntary sector", "Other"]);

    public static readonly CodeList YesNo = new("Y or N", ["Y", "N"]);

    /// <summary>The ten headline outcomes of the Supporting Families outcome framework, as Y/N need columns.</summary>
    public static readonly IReadOnlyList<(string Key, string Header, string Outcome)> Needs =
    [
        (FieldKeys.Families.NeedEducation, "Need: education", "Getting a good education"),
        (FieldKeys.Families.NeedEarlyYears, "Need: early years", "Good early years development"),
        (FieldKeys.Families.NeedHealth, "Need: health", "Improved mental and physical health"),
        (FieldKeys.Families.NeedSubstanceUse, "Need: substance use", "Promoting recovery and reducing harm from substance use"),
        (FieldKeys.Families.NeedRelationships, "Need: family relationships", "Improved family relationships"),
        (FieldKeys.Families.NeedChildrenSafe, "Need: children safe", "Children safe from abuse and exploitation"),
        (FieldKeys.Families.NeedCrime, "Need: crime", "Crime prevention and tackling crime"),
        (FieldKeys.Families.NeedDomesticAbuse, "Need: domestic abuse", "Safe from domestic abuse"),
        (FieldKeys.Families.NeedHousing, "Need: housing", "Secure housing"),
        (FieldKeys.Families.NeedFinancial, "Need: financial stability", "Financial stability"),
    ];

    public static ReturnSpecification V2025_1 { get; } = Build2025_1();

    public static IReadOnlyList<ReturnSpecification> All { get; } = [V2025_1];

    public static ReturnSpecification? Find(string? version) =>
        All.FirstOrDefault(s => string.Equals(s.Version, version?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The version a quarter's template is made with; every quarter so far uses 2025.1.</summary>
    public static ReturnSpecification ForPeriod(ReturnPeriod period) => V2025_1;

    private static FieldSpec Count(string key, string header, string guidance, decimal maximum = 100_000, bool compared = true) =>
        new(key, header, FieldType.Count) { Guidance = guidance, Maximum = maximum, ComparedWithLastQuarter = compared };

    private static FieldSpec YesNoField(string key, string header, string guidance) =>
        new(key, header, FieldType.YesNo) { Codes = YesNo, Guidance = guidance };

    private static ReturnSpecification Build2025_1()
    {
        const string Previous = "Last quarter";
        var cover = new SheetSpec(Cover, SheetLayout.Form, "Who the return is from and who to contact about it.",
        [
            new(FieldKeys.Cover.Authority, "Local authority", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new(FieldKeys.Cover.DfeCode, "DfE code", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new(FieldKeys.Cover.Period, "Period", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new(FieldKeys.Cover.TemplateVersion, ReturnReader.TemplateVersionLabel, FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new(FieldKeys.Cover.ContactName, "Contact name", FieldType.Text) { Guidance = "The person the national team should contact about this return." },
            new(FieldKeys.Cover.ContactEmail, "Contact email", FieldType.Email) { MaxLength = 254, Guidance = "A work email address, such as name@council.gov.uk." },
            new(FieldKeys.Cover.ContactPhone, "Contact phone", FieldType.Phone) { MaxLength = 30, Guidance = "A phone number with area code, such as 01632 960 001." },
            new(FieldKeys.Cover.SroName, "Senior responsible officer", FieldType.Text) { Guidance = "The senior officer accountable for the return." },
            new(FieldKeys.Cover.SroRole, "Senior responsible officer's role", FieldType.Text) { Guidance = "Their job title, such as Director of Children's Services." },
        ]);

        var care = new SheetSpec(Care, SheetLayout.Form, "Children's social care in the quarter and at its end.",
        [
            Count(FieldKeys.Care.Starts, "Children who started to be looked after in the quarter", "Each child counted once, at the first start in the quarter."),
            Count(FieldKeys.Care.StartsUnder1, "Of those, aged under 1 at the start", "Age on the day the child started to be looked after."),
            Count(FieldKeys.Care.Starts14, "Of those, aged 1 to 4 at the start", "Age on the day the child started to be looked after."),
            Count(FieldKeys.Care.Starts59, "Of those, aged 5 to 9 at the start", "Age on the day the child started to be looked after."),
            Count(FieldKeys.Care.Starts1015, "Of those, aged 10 to 15 at the start", "Age on the day the child started to be looked after."),
            Count(FieldKeys.Care.Starts1617, "Of those, aged 16 to 17 at the start", "Age on the day the child started to be looked after."),
            Count(FieldKeys.Care.Ceased, "Children who ceased to be looked after in the quarter", "Each child counted once, at the last time they ceased in the quarter."),
            Count(FieldKeys.Care.CppStarts, "Children who became the subject of a child protection plan in the quarter", "Plans that started in the quarter."),
            Count(FieldKeys.Care.ClaEnd, "Children looked after at the end of the quarter", "Children looked after on the last day of the quarter."),
            Count(FieldKeys.Care.CppEnd, "Children subject of a child protection plan at the end of the quarter", "Plans open on the last day of the quarter."),
        ])
        { LabelHeader = "Measure", ValueHeader = "This quarter", PreviousHeader = Previous };

        var youthJustice = new SheetSpec(YouthJustice, SheetLayout.Form, "Children in the youth justice system.",
        [
            Count(FieldKeys.YouthJustice.FirstTimeEntrants, "First-time entrants aged 10 to 17 in the quarter", "Children receiving their first caution or conviction."),
            Count(FieldKeys.YouthJustice.CustodialSentences, "Custodial sentences given to children aged 10 to 17 in the quarter", "Sentences, not children: a child sentenced twice counts twice."),
            Count(FieldKeys.YouthJustice.InCustodyEnd, "Children aged 10 to 17 in custody at the end of the quarter", "Remanded or sentenced, on the last day of the quarter."),
        ])
        { LabelHeader = "Measure", ValueHeader = "This quarter", PreviousHeader = Previous };

        var homelessness = new SheetSpec(Homelessness, SheetLayout.Table, "Homelessness duties, one row per housing authority: a county's district councils, otherwise the authority itself.",
        [
            new(FieldKeys.Homelessness.HousingAuthority, "Housing authority", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new(FieldKeys.Homelessness.OnsCode, "ONS code", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            Count(FieldKeys.Homelessness.Prevention, "Households owed a prevention duty in the quarter", "Households whose prevention duty started in the quarter."),
            Count(FieldKeys.Homelessness.Relief, "Households owed a relief duty in the quarter", "Households whose relief duty started in the quarter."),
            Count(FieldKeys.Homelessness.WithChildren, "Of those owed a duty, households with dependent children", "Prevention and relief together."),
            Count(FieldKeys.Homelessness.TaEnd, "Households in temporary accommodation at the end of the quarter", "On the last day of the quarter."),
            Count(FieldKeys.Homelessness.TaChildrenEnd, "Of those, households with children", "Households in temporary accommodation with dependent children."),
            Count(FieldKeys.Homelessness.Aged1617, "16 and 17 year olds owed a duty in the quarter", "Applicants aged 16 or 17 owed a prevention or relief duty."),
        ])
        { SummaryRowLabels = ["Total", Previous] };

        var earlyHelp = new SheetSpec(EarlyHelp, SheetLayout.Form, "The early help system's activity and workforce.",
        [
            Count(FieldKeys.EarlyHelp.Assessments, "Early help assessments started in the quarter", "Whole-family assessments started in the quarter."),
            Count(FieldKeys.EarlyHelp.FamiliesOpenEnd, "Families open to early help at the end of the quarter", "Families with an open early help episode on the last day."),
            new FieldSpec(FieldKeys.EarlyHelp.KeyworkersFte, "Keyworkers (full-time equivalent)", FieldType.Amount) { Maximum = 5_000, Guidance = "Full-time equivalent keyworkers at the end of the quarter, such as 42.5.", ComparedWithLastQuarter = true },
        ])
        { LabelHeader = "Measure", ValueHeader = "This quarter", PreviousHeader = Previous };

        List<FieldSpec> familyFields =
        [
            new(FieldKeys.Families.Reference, "Family reference", FieldType.Reference) { MaxLength = 20, Guidance = "Your own pseudonymous ID for the family: 1 to 20 letters, digits or hyphens. No names." },
            new(FieldKeys.Families.Start, "Start date", FieldType.Date) { Guidance = "The day the programme started working with the family, dd/mm/yyyy." },
            new(FieldKeys.Families.Closed, "Closed date", FieldType.Date) { Required = false, Guidance = "Leave blank while the family is open." },
            new(FieldKeys.Families.LeadService, "Lead practitioner's service", FieldType.Code) { Codes = LeadServices, Guidance = "Choose from the list." },
            new(FieldKeys.Families.Children, "Number of children", FieldType.Count) { Maximum = 20, Guidance = "Children in the family, 0 to 20." },
            YesNoField(FieldKeys.Families.Expectant, "Expectant parent", "Y if a parent in the family is expecting a baby."),
        ];
        familyFields.AddRange(Needs.Select(n => YesNoField(n.Key, n.Header, $"Y if the family has this need: {n.Outcome.ToLowerInvariant()}.")));
        familyFields.AddRange(
        [
            new(FieldKeys.Families.OutcomeDate, "Outcome achieved date", FieldType.Date) { Required = false, Guidance = "The day every need's outcome was achieved; blank if not yet." },
            YesNoField(FieldKeys.Families.EnteredCare, "A child entered care", "Y if a child in the family started to be looked after during the intervention."),
            YesNoField(FieldKeys.Families.EnteredCustody, "A child entered custody", "Y if a child in the family entered custody during the intervention."),
            YesNoField(FieldKeys.Families.TemporaryAccommodation, "Family in temporary accommodation", "Y if the family was in temporary accommodation during the intervention."),
        ]);
        var families = new SheetSpec(Families, SheetLayout.Table, "One row per family the programme worked with during the quarter.", familyFields);

        var notes = new SheetSpec(Notes, SheetLayout.Table, "Anything the authority wants the national team to read with the return.",
        [
            new("notes.note", "Note", FieldType.Text) { Required = false, MaxLength = 2000, Guidance = "One note per row, up to 2,000 characters." },
        ]);

        IReadOnlyList<SheetSpec> sheets = [cover, care, youthJustice, homelessness, earlyHelp, families, notes];
        var rules = new List<ReturnRule>();
        rules.AddRange(StructureRules.All);
        rules.AddRange(CellRules.All);
        rules.AddRange(CoverRules.All);
        rules.AddRange(CareRules.All);
        rules.AddRange(YouthJusticeRules.All);
        rules.AddRange(HomelessnessRules.All);
        rules.AddRange(EarlyHelpRules.All);
        rules.AddRange(FamilyRules.All);
        return new ReturnSpecification("2025.1", CollectionName, sheets, rules);
    }
}
