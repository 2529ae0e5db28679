using NationalReturns.Domain.Areas;
using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.Areas;

/// <summary>Codes in routes and files are read whatever their case and spacing, and anything else is refused by name.</summary>
public class OnsCodeTests
{
    [Theory]
    [InlineData("E06000009", "E06000009")]
    [InlineData(" e06000009 ", "E06000009")]
    [InlineData("E92000001", "E92000001")]
    public void TryParse_ACode_IsKeptInCapitals(string text, string expected)
    {
        Assert.True(OnsCode.TryParse(text, out var code));
        Assert.Equal(expected, code.Value);
        Assert.Equal(expected, (string)code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("E0600000")]
    [InlineData("E060000090")]
    [InlineData("06000009E")]
    [InlineData("E06 000009")]
    [InlineData("E06000009;drop")]
    [InlineData(null)]
    public void TryParse_NotACode_IsRefusedAndParseSaysHowCodesAreWritten(string? text)
    {
        Assert.False(OnsCode.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Equal(OnsCode.NotACode(text), Assert.Throws<FormatException>(() => OnsCode.Parse(text)).Message);
        }

        Assert.EndsWith("Codes are a capital letter and eight digits, such as E06000009.", OnsCode.NotACode(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EHSG", "ehsg")]
    [InlineData("dmm", "dmm")]
    [InlineData("early-help-2", "early-help-2")]
    public void FrameworkCode_ACode_IsKeptInLowerCase(string text, string expected)
    {
        Assert.True(FrameworkCode.TryParse(text, out var code));
        Assert.Equal(expected, code.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-ehsg")]
    [InlineData("ehsg/../dmm")]
    [InlineData("a-framework-code-far-longer-than-thirty-two")]
    public void FrameworkCode_NotACode_IsRefused(string text) => Assert.False(FrameworkCode.TryParse(text, out _));

    [Theory]
    [InlineData("2025-26", 2025)]
    [InlineData("2024-25", 2024)]
    [InlineData("2025", 2025)]
    public void AssessmentYear_AYear_IsRead(string text, int start)
    {
        Assert.True(AssessmentYear.TryParse(text, out var year));
        Assert.Equal(start, year.StartYear);
    }

    [Theory]
    [InlineData("2025-27")]
    [InlineData("1999-00")]
    [InlineData("25-26")]
    [InlineData("2025-26-Q1")]
    public void AssessmentYear_NotAYear_IsRefusedSayingHowYearsAreWritten(string text)
    {
        Assert.False(AssessmentYear.TryParse(text, out _));
        Assert.Equal($"'{text}' is not a year. Years are written like 2025-26, April to March.", AssessmentYear.NotAYear(text));
    }
}
