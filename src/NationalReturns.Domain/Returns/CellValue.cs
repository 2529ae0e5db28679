using System.Globalization;

namespace NationalReturns.Domain.Returns;

public enum CellKind : byte
{
    Blank,
    Text,
    Number,
    Boolean,

    /// <summary>A formula error such as <c>#REF!</c> or <c>#DIV/0!</c>.</summary>
    Error,
}

/// <summary>
/// A cell as the workbook holds it, before the specification gives it a meaning. Kept small: a large
/// county's Families sheet has tens of thousands of rows of these.
/// </summary>
public readonly record struct CellValue(CellKind Kind, string? Text, double Number, bool IsDate)
{
    public static CellValue Blank => default;

    public static CellValue FromText(string? text) => string.IsNullOrEmpty(text) ? default : new(CellKind.Text, text, 0, false);

    public static CellValue FromNumber(double number) => new(CellKind.Number, null, number, false);

    public static CellValue FromDate(DateOnly date) => new(CellKind.Number, null, date.ToDateTime(TimeOnly.MinValue).ToOADate(), true);

    public static CellValue FromError(string code) => new(CellKind.Error, code, 0, false);

    public static CellValue FromBoolean(bool value) => new(CellKind.Boolean, null, value ? 1 : 0, false);

    public bool IsBlank => Kind == CellKind.Blank || (Kind == CellKind.Text && string.IsNullOrWhiteSpace(Text));

    /// <summary>The value as the preparer would recognise it, for messages and the issues list.</summary>
    public string Display => Kind switch
    {
        CellKind.Text or CellKind.Error => Text ?? "",
        CellKind.Number when IsDate && Number is >= 1 and < 2958466 =>
            DateOnly.FromDateTime(DateTime.FromOADate(Number)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        CellKind.Number => Number.ToString("0.##########", CultureInfo.InvariantCulture),
        CellKind.Boolean => Number != 0 ? "TRUE" : "FALSE",
        _ => "",
    };

    public override string ToString() => Display;
}
