using GitOps.Reconciler.Desired;

namespace GitOps.Reconciler.Tests.Desired;

public class DurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250ms", 250)]
    public void Parse_Valid_Milliseconds(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Duration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10 minutes")]
    [InlineData("1d")]
    [InlineData("m10")]
    public void Parse_Invalid_Null(string text) => Assert.Null(Duration.Parse(text));
}
