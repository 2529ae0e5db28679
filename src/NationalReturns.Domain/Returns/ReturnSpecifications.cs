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
        ("fam.need_education", "Need: education", "Getting a good education"),
        ("fam.need_early_years", "Need: early years", "Good early years development"),
        ("fam.need_health", "Need: health", "Improved mental and physical health"),
        ("fam.need_substance_use", "Need: substance use", "Promoting recovery and reducing harm from substance use"),
        ("fam.need_relationships", "Need: family relationships", "Improved family relationships"),
        ("fam.need_children_safe", "Need: children safe", "Children safe from abuse and exploitation"),
        ("fam.need_crime", "Need: crime", "Crime prevention and tackling crime"),
        ("fam.need_domestic_abuse", "Need: domestic abuse", "Safe from domestic abuse"),
        ("fam.need_housing", "Need: housing", "Secure housing"),
        ("fam.need_financial", "Need: financial stability", "Financial stability"),
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
            new("cover.authority", "Local authority", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new("cover.dfe_code", "DfE code", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new("cover.period", "Period", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new("cover.template_version", ReturnReader.TemplateVersionLabel, FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new("cover.contact_name", "Contact name", FieldType.Text) { Guidance = "The person the national team should contact about this return." },
            new("cover.contact_email", "Contact email", FieldType.Email) { MaxLength = 254, Guidance = "A work email address, such as name@council.gov.uk." },
            new("cover.contact_phone", "Contact phone", FieldType.Phone) { MaxLength = 30, Guidance = "A phone number with area code, such as 01632 960 001." },
            new("cover.sro_name", "Senior responsible officer", FieldType.Text) { Guidance = "The senior officer accountable for the return." },
            new("cover.sro_role", "Senior responsible officer's role", FieldType.Text) { Guidance = "Their job title, such as Director of Children's Services." },
        ]);

        var care = new SheetSpec(Care, SheetLayout.Form, "Children's social care in the quarter and at its end.",
        [
            Count("care.starts", "Children who started to be looked after in the quarter", "Each child counted once, at the first start in the quarter."),
            Count("care.starts_under_1", "Of those, aged under 1 at the start", "Age on the day the child started to be looked after."),
            Count("care.starts_1_4", "Of those, aged 1 to 4 at the start", "Age on the day the child started to be looked after."),
            Count("care.starts_5_9", "Of those, aged 5 to 9 at the start", "Age on the day the child started to be looked after."),
            Count("care.starts_10_15", "Of those, aged 10 to 15 at the start", "Age on the day the child started to be looked after."),
            Count("care.starts_16_17", "Of those, aged 16 to 17 at the start", "Age on the day the child started to be looked after."),
            Count("care.ceased", "Children who ceased to be looked after in the quarter", "Each child counted once, at the last time they ceased in the quarter."),
            Count("care.cpp_starts", "Children who became the subject of a child protection plan in the quarter", "Plans that started in the quarter."),
            Count("care.cla_end", "Children looked after at the end of the quarter", "Children looked after on the last day of the quarter."),
            Count("care.cpp_end", "Children subject of a child protection plan at the end of the quarter", "Plans open on the last day of the quarter."),
        ])
        { LabelHeader = "Measure", ValueHeader = "This quarter", PreviousHeader = Previous };

        var youthJustice = new SheetSpec(YouthJustice, SheetLayout.Form, "Children in the youth justice system.",
        [
            Count("yj.first_time_entrants", "First-time entrants aged 10 to 17 in the quarter", "Children receiving their first caution or conviction."),
            Count("yj.custodial_sentences", "Custodial sentences given to children aged 10 to 17 in the quarter", "Sentences, not children: a child sentenced twice counts twice."),
            Count("yj.in_custody_end", "Children aged 10 to 17 in custody at the end of the quarter", "Remanded or sentenced, on the last day of the quarter."),
        ])
        { LabelHeader = "Measure", ValueHeader = "This quarter", PreviousHeader = Previous };

        var homelessness = new SheetSpec(Homelessness, SheetLayout.Table, "Homelessness duties, one row per housing authority: a county's district councils, otherwise the authority itself.",
        [
            new("hl.housing_authority", "Housing authority", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            new("hl.ons_code", "ONS code", FieldType.Text) { Prefilled = true, Guidance = "Filled in by the service." },
            Count("hl.prevention", "Households owed a prevention duty in the quarter", "Households whose prevention duty started in the quarter."),
            Count("hl.relief", "Households owed a relief duty in the quarter", "Households whose relief duty started in the quarter."),
            Count("hl.with_children", "Of those owed a duty, households with dependent children", "Prevention and relief together."),
            Count("hl.ta_end", "Households in temporary accommodation at the end of the quarter", "On the last day of the quarter."),
            Count("hl.ta_children_end", "Of those, households with children", "Households in temporary accommodation with dependent children."),
            Count("hl.aged_16_17", "16 and 17 year olds owed a duty in the quarter", "Applicants aged 16 or 17 owed a prevention or relief duty."),
        ])
        { SummaryRowLabels = ["Total", Previous] };

        var earlyHelp = new SheetSpec(EarlyHelp, SheetLayout.Form, "The early help system's activity and workforce.",
        [
            Count("eh.assessments", "Early help assessments started in the quarter", "Whole-family assessments started in the quarter."),
            Count("eh.families_open_end", "Families open to early help at the end of the quarter", "Families with an open early help episode on the last day."),
            new FieldSpec("eh.keyworkers_fte", "Keyworkers (full-time equivalent)", FieldType.Amount) { Maximum = 5_000, Guidance = "Full-time equivalent keyworkers at the end of the quarter, such as 42.5.", ComparedWithLastQuarter = true },
        ])
        { LabelHeader = "Measure", ValueHeader = "This quarter", PreviousHeader = Previous };

        List<FieldSpec> familyFields =
        [
            new("fam.reference", "Family reference", FieldType.Reference) { MaxLength = 20, Guidance = "Your own pseudonymous ID for the family: 1 to 20 letters, digits or hyphens. No names." },
            new("fam.start", "Start date", FieldType.Date) { Guidance = "The day the programme started working with the family, dd/mm/yyyy." },
            new("fam.closed", "Closed date", FieldType.Date) { Required = false, Guidance = "Leave blank while the family is open." },
            new("fam.lead_service", "Lead practitioner's service", FieldType.Code) { Codes = LeadServices, Guidance = "Choose from the list." },
            new("fam.children", "Number of children", FieldType.Count) { Maximum = 20, Guidance = "Children in the family, 0 to 20." },
            YesNoField("fam.expectant", "Expectant parent", "Y if a parent in the family is expecting a baby."),
        ];
        familyFields.AddRange(Needs.Select(n => YesNoField(n.Key, n.Header, $"Y if the family has this need: {n.Outcome.ToLowerInvariant()}.")));
        familyFields.AddRange(
        [
            new("fam.outcome_date", "Outcome achieved date", FieldType.Date) { Required = false, Guidance = "The day every need's outcome was achieved; blank if not yet." },
            YesNoField("fam.entered_care", "A child entered care", "Y if a child in the family started to be looked after during the intervention."),
            YesNoField("fam.entered_custody", "A child entered custody", "Y if a child in the family entered custody during the intervention."),
            YesNoField("fam.temporary_accommodation", "Family in temporary accommodation", "Y if the family was in temporary accommodation during the intervention."),
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
