namespace NationalReturns.Domain.Returns;

/// <summary>
/// The keys of the return specification's fields, by sheet: what rules, indicators, the demo and the pages name
/// figures by. A key is part of the template contract (docs/returns-template.md) and of stored figures, so it
/// never changes once published; a typo here is a compile error rather than a figure that silently reads as missing.
/// </summary>
public static class FieldKeys
{
    public static class Cover
    {
        public const string Authority = "cover.authority";
        public const string ContactEmail = "cover.contact_email";
        public const string ContactName = "cover.contact_name";
        public const string ContactPhone = "cover.contact_phone";
        public const string DfeCode = "cover.dfe_code";
        public const string Period = "cover.period";
        public const string SroName = "cover.sro_name";
        public const string SroRole = "cover.sro_role";
        public const string TemplateVersion = "cover.template_version";
    }

    public static class EarlyHelp
    {
        public const string Assessments = "eh.assessments";
        public const string FamiliesOpenEnd = "eh.families_open_end";
        public const string KeyworkersFte = "eh.keyworkers_fte";
    }

    public static class Care
    {
        public const string Ceased = "care.ceased";
        public const string ClaEnd = "care.cla_end";
        public const string CppEnd = "care.cpp_end";
        public const string CppStarts = "care.cpp_starts";
        public const string Starts = "care.starts";
        public const string Starts1015 = "care.starts_10_15";
        public const string Starts1617 = "care.starts_16_17";
        public const string Starts14 = "care.starts_1_4";
        public const string Starts59 = "care.starts_5_9";
        public const string StartsUnder1 = "care.starts_under_1";
    }

    public static class YouthJustice
    {
        public const string CustodialSentences = "yj.custodial_sentences";
        public const string FirstTimeEntrants = "yj.first_time_entrants";
        public const string InCustodyEnd = "yj.in_custody_end";
    }

    public static class Homelessness
    {
        public const string Aged1617 = "hl.aged_16_17";
        public const string HousingAuthority = "hl.housing_authority";
        public const string OnsCode = "hl.ons_code";
        public const string Prevention = "hl.prevention";
        public const string Relief = "hl.relief";
        public const string TaChildrenEnd = "hl.ta_children_end";
        public const string TaEnd = "hl.ta_end";
        public const string WithChildren = "hl.with_children";
    }

    public static class Families
    {
        public const string Children = "fam.children";
        public const string Closed = "fam.closed";
        public const string EnteredCare = "fam.entered_care";
        public const string EnteredCustody = "fam.entered_custody";
        public const string Expectant = "fam.expectant";
        public const string LeadService = "fam.lead_service";
        public const string NeedChildrenSafe = "fam.need_children_safe";
        public const string NeedCrime = "fam.need_crime";
        public const string NeedDomesticAbuse = "fam.need_domestic_abuse";
        public const string NeedEarlyYears = "fam.need_early_years";
        public const string NeedEducation = "fam.need_education";
        public const string NeedFinancial = "fam.need_financial";
        public const string NeedHealth = "fam.need_health";
        public const string NeedHousing = "fam.need_housing";
        public const string NeedRelationships = "fam.need_relationships";
        public const string NeedSubstanceUse = "fam.need_substance_use";
        public const string OpenAtEnd = "fam.open_at_end";
        public const string OutcomeAchievedInQuarter = "fam.outcome_achieved_in_quarter";
        public const string OutcomeDate = "fam.outcome_date";
        public const string Reference = "fam.reference";
        public const string Start = "fam.start";
        public const string TemporaryAccommodation = "fam.temporary_accommodation";
        public const string WorkedWith = "fam.worked_with";
    }
}
