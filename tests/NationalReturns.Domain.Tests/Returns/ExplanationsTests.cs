using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

public class ExplanationsTests
{
    [Theory]
    [InlineData("12 more starts: a sibling group of five came into care in August.")]
    [InlineData("Two new keyworkers joined in July, so more assessments started.")]
    public void Problem_ExplanationWithCauseAndSize_IsAccepted(string text)
    {
        Assert.Null(Explanations.Problem(text));
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("fine")]
    [InlineData("n/a")]
    [InlineData("changed")]
    [InlineData("correct")]
    [InlineData("ok ok ok ok ok ok ok ok ok ok")]
    [InlineData("The figures are correct and checked.")]
    [InlineData("correct correct correct correct")]
    [InlineData("   ")]
    public void Problem_Placeholder_IsRefusedWithAdvice(string text)
    {
        var problem = Explanations.Problem(text);

        Assert.NotNull(problem);
        Assert.Contains("cause and the size of the change", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ShortButReal_SaysTheMinimumLength()
    {
        var problem = Explanations.Problem("Sibling group moved");

        Assert.NotNull(problem);
        Assert.Contains("at least 20 characters", problem, StringComparison.Ordinal);
    }
}
