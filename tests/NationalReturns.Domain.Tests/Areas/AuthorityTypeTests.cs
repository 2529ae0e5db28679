using NationalReturns.Domain.Areas;

namespace NationalReturns.Domain.Tests.Areas;

public class AuthorityTypeTests
{
    [Theory]
    [InlineData("E06000009", AuthorityType.Unitary)]
    [InlineData("E08000025", AuthorityType.Metropolitan)]
    [InlineData("E09000033", AuthorityType.LondonBorough)]
    [InlineData("E10000016", AuthorityType.County)]
    public void FromOnsCode_EntityPrefix_GivesType(string code, AuthorityType expected)
    {
        Assert.Equal(expected, AuthorityTypes.FromOnsCode(code));
    }

    [Fact]
    public void FromOnsCode_DistrictCode_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => AuthorityTypes.FromOnsCode("E07000105"));
        Assert.Contains("upper-tier", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsHousingAuthority_County_IsFalse()
    {
        Assert.False(AuthorityType.County.IsHousingAuthority());
        Assert.True(AuthorityType.LondonBorough.IsHousingAuthority());
    }

    [Theory]
    [InlineData("0-17", AgeBand.Age0To17)]
    [InlineData("10-17", AgeBand.Age10To17)]
    [InlineData("16-17", AgeBand.Age16To17)]
    [InlineData("all_ages", AgeBand.AllAges)]
    public void AgeBandCodes_RoundTrip(string code, AgeBand band)
    {
        Assert.Equal(band, AgeBands.FromCode(code));
        Assert.Equal(code, band.Code());
    }
}
