namespace NationalReturns.Domain.Returns;

/// <summary>
/// The figures a return gives, by field key: every count on the form sheets, the Homelessness columns
/// summed over the housing authorities, and totals derived from the Families rows. Stored with each
/// version, compared with last quarter's, and the input to the indicators.
/// </summary>
public static class ReturnFigures
{
    public const string FamiliesWorkedWith = FieldKeys.Families.WorkedWith;
    public const string FamiliesOpenAtEnd = FieldKeys.Families.OpenAtEnd;
    public const string FamiliesOutcomeAchieved = FieldKeys.Families.OutcomeAchievedInQuarter;

    public static Dictionary<string, long> From(ReturnContent content, Periods.ReturnPeriod period)
    {
        var figures = new Dictionary<string, long>();
        foreach (var form in content.Forms.Values)
        {
            for (var i = 0; i < form.Spec.Fields.Count; i++)
            {
                if (form.Spec.Fields[i].Type == FieldType.Count && CellParsing.TryCount(form[i], out var value))
                {
                    figures[form.Spec.Fields[i].Key] = value;
                }
            }
        }

        foreach (var table in content.Tables.Values)
        {
            for (var i = 0; i < table.Spec.Fields.Count; i++)
            {
                var field = table.Spec.Fields[i];
                if (field.Type != FieldType.Count || field.Key.StartsWith("fam.", StringComparison.Ordinal) || !table.Found(i) || table.Rows.Count == 0)
                {
                    continue;
                }

                long sum = 0;
                var complete = true;
                foreach (var row in table.Rows)
                {
                    if (CellParsing.TryCount(row[i], out var value))
                    {
                        sum += value;
                    }
                    else
                    {
                        complete = false;
                    }
                }

                if (complete)
                {
                    figures[field.Key] = sum;
                }
            }
        }

        AddFamilies(content, period, figures);
        return figures;
    }

    private static void AddFamilies(ReturnContent content, Periods.ReturnPeriod period, Dictionary<string, long> figures)
    {
        var families = content.Table(ReturnSpecifications.Families);
        if (families is null || !families.Spec.Has(FieldKeys.Families.Start))
        {
            return;
        }

        int start = families.Spec.IndexOf(FieldKeys.Families.Start), closed = families.Spec.IndexOf(FieldKeys.Families.Closed), outcome = families.Spec.IndexOf(FieldKeys.Families.OutcomeDate);
        long workedWith = 0, openAtEnd = 0, achieved = 0;
        foreach (var row in families.Rows)
        {
            if (!CellParsing.TryDate(row[start], out var started) || started > period.End)
            {
                continue;
            }

            var hasClosed = CellParsing.TryDate(row[closed], out var closedOn);
            if (hasClosed && closedOn < period.Start)
            {
                continue;
            }

            workedWith++;
            if (!hasClosed || closedOn > period.End)
            {
                openAtEnd++;
            }

            if (CellParsing.TryDate(row[outcome], out var achievedOn) && achievedOn >= period.Start && achievedOn <= period.End)
            {
                achieved++;
            }
        }

        figures[FamiliesWorkedWith] = workedWith;
        figures[FamiliesOpenAtEnd] = openAtEnd;
        figures[FamiliesOutcomeAchieved] = achieved;
    }
}
