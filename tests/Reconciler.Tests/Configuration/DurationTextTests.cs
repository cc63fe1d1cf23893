using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Configuration;

public class DurationTextTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    public void TryParse_Valid_Milliseconds(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(milliseconds, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("10 s")]
    [InlineData("10d")]
    [InlineData("-5s")]
    public void TryParse_Invalid_False(string text) => Assert.False(DurationText.TryParse(text, out _));
}
