using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;

namespace NationalReturns.Domain.Returns.Demo;

/// <summary>
/// Realistic made-up returns for the local demo, tests and benchmarks: rates in the ranges England's
/// authorities publish, scaled by each area's real population, the same every time for the same area
/// and quarter. The figures are consistent (age bands add up, stock follows flow), so a demo return has
/// no errors.
/// </summary>
public static class DemoReturns
{
    private static readonly (string Value, int Weight)[] LeadServices =
        [("Early help", 55), ("Children's social care", 12), ("Health", 8), ("Education", 10), ("Police", 3), ("Housing", 4), ("Voluntary sector", 6), ("Other", 2)];

    private static readonly double[] StartAgeShares = [0.18, 0.14, 0.17, 0.37, 0.14];

    public static ReturnDraft Generate(AuthorityProfile authority, ReturnPeriod period, AreaDenominators denominators,
        IReadOnlyDictionary<string, long>? previous = null, int? familyCount = null, DemoSources? sources = null)
    {
        sources ??= DemoSources.None;
        var spec = ReturnSpecifications.ForPeriod(period);
        var random = new Random(Seed(authority.OnsCode, period));
        // Each area has its own level of need, steady from quarter to quarter.
        var area = new Random(Seed(authority.OnsCode, default));
        var need = 0.6 + (area.NextDouble() * 0.9);
        var draft = new ReturnDraft(spec).Prefill(authority, period);

        const string Cover = ReturnSpecifications.Cover;
        draft.Set(Cover, FieldKeys.Cover.ContactName, "Sam Patel")
            .Set(Cover, FieldKeys.Cover.ContactEmail, $"supporting.families@{Slug(authority.Name)}.gov.uk")
            .Set(Cover, FieldKeys.Cover.ContactPhone, "01632 960 001")
            .Set(Cover, FieldKeys.Cover.SroName, "Alex Morgan")
            .Set(Cover, FieldKeys.Cover.SroRole, "Director of Children's Services");

        var children = denominators.Children0To17;
        FillCare(draft, random, children, need, previous, sources.CareStartsInQuarter(authority.OnsCode, authority.DfeCode, period), sources.LookedAfterBefore(authority.DfeCode, period));
        FillYouthJustice(draft, random, denominators.Children10To17, need, sources.FirstTimeEntrantsInQuarter(authority.OnsCode, period, denominators.Children10To17));
        FillHomelessness(draft, random, area, authority, denominators.Households, need, period, sources);
        var open = FillFamilies(draft, random, period, familyCount ?? (int)Math.Max(20, children * 0.0045 * need));
        const string EarlyHelp = ReturnSpecifications.EarlyHelp;
        draft.Set(EarlyHelp, FieldKeys.EarlyHelp.Assessments, Around(random, children * 0.004 * need))
            .Set(EarlyHelp, FieldKeys.EarlyHelp.FamiliesOpenEnd, Math.Max(0, (long)Math.Round(open * (0.95 + (random.NextDouble() * 0.1)))))
            .Set(EarlyHelp, FieldKeys.EarlyHelp.KeyworkersFte, CellValue.FromNumber(Math.Round(Math.Max(1, open / (14 + (random.NextDouble() * 8))), 1)));
        draft.NewRow(ReturnSpecifications.Notes)[0] = CellValue.FromText($"Demo return for {authority.Name}, {period}: made-up figures at realistic rates.");
        return draft;
    }

    private static void FillCare(ReturnDraft draft, Random random, long children, double need, IReadOnlyDictionary<string, long>? previous, long? publishedStarts, long? lookedAfterBefore)
    {
        const string Care = ReturnSpecifications.Care;
        var starts = publishedStarts ?? Around(random, children * 0.0006 * need);
        var bands = Split(random, starts, StartAgeShares);
        var claBefore = previous?.GetValueOrDefault(FieldKeys.Care.ClaEnd) is > 0 and var p ? p : lookedAfterBefore ?? Around(random, children * 0.0070 * need);
        // Over a year about as many cease as start; each quarter varies by chance alone.
        var ceased = Math.Min(claBefore + starts, Around(random, publishedStarts ?? (children * 0.0006 * need)));
        var cla = claBefore + starts - ceased;
        draft.Set(Care, FieldKeys.Care.Starts, starts)
            .Set(Care, FieldKeys.Care.StartsUnder1, bands[0]).Set(Care, FieldKeys.Care.Starts14, bands[1]).Set(Care, FieldKeys.Care.Starts59, bands[2])
            .Set(Care, FieldKeys.Care.Starts1015, bands[3]).Set(Care, FieldKeys.Care.Starts1617, bands[4])
            .Set(Care, FieldKeys.Care.Ceased, ceased)
            .Set(Care, FieldKeys.Care.CppStarts, Around(random, children * 0.0011 * need))
            .Set(Care, FieldKeys.Care.ClaEnd, cla)
            .Set(Care, FieldKeys.Care.CppEnd, Around(random, children * 0.0040 * need));
    }

    private static void FillYouthJustice(ReturnDraft draft, Random random, long children10To17, double need, long? firstTimeEntrants)
    {
        const string YouthJustice = ReturnSpecifications.YouthJustice;
        var sentences = Around(random, children10To17 * 0.00004 * need);
        // Someone sentenced to custody this quarter is usually still there at its end.
        var inCustody = Math.Max(sentences > 0 ? 1 : 0, Around(random, children10To17 * 0.00008 * need));
        draft.Set(YouthJustice, FieldKeys.YouthJustice.FirstTimeEntrants, firstTimeEntrants ?? Around(random, children10To17 * 0.00037 * need))
            .Set(YouthJustice, FieldKeys.YouthJustice.CustodialSentences, sentences)
            .Set(YouthJustice, FieldKeys.YouthJustice.InCustodyEnd, inCustody);
    }

    private static void FillHomelessness(ReturnDraft draft, Random random, Random area, AuthorityProfile authority, long households, double need, ReturnPeriod period, DemoSources sources)
    {
        // The share of households with children is a feature of the area, not of the quarter.
        var withChildren = 0.35 + (area.NextDouble() * 0.2);
        var taWithChildren = 0.5 + (area.NextDouble() * 0.2);
        var sheet = draft.Spec.Sheet(ReturnSpecifications.Homelessness);
        var rows = draft.Rows(ReturnSpecifications.Homelessness);
        var housing = authority.HousingAuthorities;
        var london = authority.Type == AuthorityType.LondonBorough ? 4.0 : 1.0;
        var share = households / (double)Math.Max(1, rows.Count);

        // MHCLG's figures are summed to upper tier; a county's are spread over its districts' rows.
        var own = sources.Homelessness(authority.OnsCode, period);
        long[][]? spread = own is null || housing.Count < 2 ? null :
            [Divide(random, own.Prevention, housing.Count), Divide(random, own.Relief, housing.Count),
             Divide(random, own.InTemporaryAccommodation, housing.Count), Divide(random, own.WithChildrenInTemporaryAccommodation, housing.Count)];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var real = i < housing.Count && housing.Count > 1 ? sources.Homelessness(housing[i].OnsCode, period) : own;
            if (real is null && spread is not null)
            {
                real = new HomelessnessQuarter(spread[0][i], spread[1][i], spread[2][i], spread[3][i]);
            }

            var prevention = real?.Prevention ?? Around(random, share * 0.003 * need);
            var relief = real?.Relief ?? Around(random, share * 0.003 * need);
            var ta = real?.InTemporaryAccommodation ?? Around(random, share * 0.0045 * need * london);
            var taChildren = real is null ? Math.Min(ta, Around(random, ta * taWithChildren)) : Math.Min(ta, real.WithChildrenInTemporaryAccommodation);
            row[sheet.IndexOf(FieldKeys.Homelessness.Prevention)] = CellValue.FromNumber(prevention);
            row[sheet.IndexOf(FieldKeys.Homelessness.Relief)] = CellValue.FromNumber(relief);
            row[sheet.IndexOf(FieldKeys.Homelessness.WithChildren)] = CellValue.FromNumber(Math.Min(prevention + relief, Around(random, (prevention + relief) * withChildren)));
            row[sheet.IndexOf(FieldKeys.Homelessness.TaEnd)] = CellValue.FromNumber(ta);
            row[sheet.IndexOf(FieldKeys.Homelessness.TaChildrenEnd)] = CellValue.FromNumber(taChildren);
            row[sheet.IndexOf(FieldKeys.Homelessness.Aged1617)] = CellValue.FromNumber(Math.Min(prevention + relief, Around(random, (prevention + relief) * 0.015)));
        }
    }

    /// <summary>A total split over rows with uneven seeded weights; the parts add up to it exactly.</summary>
    private static long[] Divide(Random random, long total, int parts)
    {
        var weights = Enumerable.Range(0, parts).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        var result = weights.Select(w => (long)Math.Floor(total * w / sum)).ToArray();
        for (var left = total - result.Sum(); left > 0; left--)
        {
            result[random.Next(parts)]++;
        }

        return result;
    }

    /// <summary>Adds the family rows; returns how many are still open at the end of the quarter.</summary>
    private static long FillFamilies(ReturnDraft draft, Random random, ReturnPeriod period, int count)
    {
        var sheet = draft.Spec.Sheet(ReturnSpecifications.Families);
        int reference = sheet.IndexOf(FieldKeys.Families.Reference), start = sheet.IndexOf(FieldKeys.Families.Start), closed = sheet.IndexOf(FieldKeys.Families.Closed),
            lead = sheet.IndexOf(FieldKeys.Families.LeadService), childrenIndex = sheet.IndexOf(FieldKeys.Families.Children), expectant = sheet.IndexOf(FieldKeys.Families.Expectant),
            outcome = sheet.IndexOf(FieldKeys.Families.OutcomeDate);
        var needs = ReturnSpecifications.Needs.Select(n => sheet.IndexOf(n.Key)).ToArray();
        var quarterDays = period.End.DayNumber - period.Start.DayNumber + 1;
        var yes = CellValue.FromText("Y");
        var no = CellValue.FromText("N");
        long open = 0;
        var rows = draft.Rows(ReturnSpecifications.Families);
        rows.Capacity = rows.Count + count;
        for (var i = 0; i < count; i++)
        {
            var row = new CellValue[sheet.Fields.Count];
            row[reference] = CellValue.FromText($"F{period.FinancialYearStart % 100:00}-{i + 1:000000}");
            var started = period.End.AddDays(-random.Next(0, 540));
            row[start] = CellValue.FromDate(started);
            var closes = random.NextDouble() < 0.3;
            if (closes)
            {
                var earliest = Math.Max(period.Start.DayNumber, started.DayNumber);
                row[closed] = CellValue.FromDate(DateOnly.FromDayNumber(earliest + random.Next(0, period.End.DayNumber - earliest + 1)));
            }
            else
            {
                open++;
            }

            row[lead] = CellValue.FromText(Pick(random, LeadServices));
            var kids = random.Next(0, 6);
            row[childrenIndex] = CellValue.FromNumber(kids);
            row[expectant] = kids == 0 || random.NextDouble() < 0.05 ? yes : no;
            var needCount = random.Next(3, 7);
            for (var n = 0; n < needs.Length; n++)
            {
                row[needs[n]] = no;
            }

            foreach (var n in Enumerable.Range(0, needs.Length).OrderBy(_ => random.Next()).Take(needCount))
            {
                row[needs[n]] = yes;
            }

            if (random.NextDouble() < 0.15)
            {
                var from = Math.Max(started.DayNumber, period.Start.DayNumber - quarterDays);
                row[outcome] = CellValue.FromDate(DateOnly.FromDayNumber(from + random.Next(0, period.End.DayNumber - from + 1)));
            }

            row[sheet.IndexOf(FieldKeys.Families.EnteredCare)] = kids > 0 && random.NextDouble() < 0.02 ? yes : no;
            row[sheet.IndexOf(FieldKeys.Families.EnteredCustody)] = kids > 0 && random.NextDouble() < 0.005 ? yes : no;
            row[sheet.IndexOf(FieldKeys.Families.TemporaryAccommodation)] = random.NextDouble() < 0.05 ? yes : no;
            rows.Add(row);
        }

        return open;
    }

    private static long Around(Random random, double expected) => DemoSeed.Around(random, expected);

    private static long[] Split(Random random, long total, double[] shares)
    {
        var parts = new long[shares.Length];
        for (var i = 0; i < total; i++)
        {
            var x = random.NextDouble();
            var band = 0;
            while (band < shares.Length - 1 && x > shares[band])
            {
                x -= shares[band];
                band++;
            }

            parts[band]++;
        }

        return parts;
    }

    private static string Pick(Random random, (string Value, int Weight)[] options)
    {
        var x = random.Next(options.Sum(o => o.Weight));
        foreach (var (value, weight) in options)
        {
            if (x < weight)
            {
                return value;
            }

            x -= weight;
        }

        return options[^1].Value;
    }

    private static string Slug(string name) =>
        new(name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ').Select(c => c == ' ' ? '-' : c).ToArray());

    /// <summary>A seed from the area and quarter that is the same on every machine (string.GetHashCode is not).</summary>
    private static int Seed(string onsCode, ReturnPeriod period)
    {
        var hash = 17;
        foreach (var c in onsCode)
        {
            hash = unchecked((hash * 31) + c);
        }

        return unchecked((hash * 31) + (period.FinancialYearStart * 4) + period.Quarter);
    }
}
