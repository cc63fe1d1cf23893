using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tests.Planning;

public class FieldValueTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_500, "1h500ms")]
    [InlineData(90_000_000, "1d1h")]
    public void Duration_ComposeStyle(long milliseconds, string expected)
    {
        Assert.Equal(expected, FieldValue.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData(1L << 30, "1GiB")]
    [InlineData(512L << 20, "512MiB")]
    [InlineData(1536, "1536B")]
    [InlineData(4096, "4KiB")]
    public void Bytes_LargestExactUnit(long bytes, string expected)
    {
        Assert.Equal(expected, FieldValue.Bytes(bytes));
    }

    [Fact]
    public void Unset_Null()
    {
        Assert.Null(FieldValue.Duration(null));
        Assert.Null(FieldValue.Bytes(null));
        Assert.Null(FieldValue.Cpus(null));
        Assert.Null(FieldValue.List<string>(null));
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123", "sha256:0123456789ab")]
    [InlineData("0123456789abcdef", "0123456789ab")]
    [InlineData("short", "short")]
    public void ShortId_TwelveHexDigits(string id, string expected)
    {
        Assert.Equal(expected, FieldValue.ShortId(id));
    }
}
