using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Tests.Compose;

public class ParserTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0", 0)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    public void DurationParser_Valid_Parsed(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("1..2s")]
    [InlineData("10 minutes")]
    [InlineData("1d")]
    [InlineData("m10")]
    [InlineData("-5s")]
    public void DurationParser_Invalid_Refused(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData("1024", 1024)]
    [InlineData("100k", 100 * 1024)]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("512M", 512L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("1gb", 1024L * 1024 * 1024)]
    [InlineData("1.5g", 1536L * 1024 * 1024)]
    [InlineData("2b", 2)]
    public void ByteSizeParser_Valid_Parsed(string text, long bytes)
    {
        Assert.True(ByteSizeParser.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1m")]
    [InlineData("1x")]
    public void ByteSizeParser_Invalid_Refused(string text) => Assert.False(ByteSizeParser.TryParse(text, out _));

    [Theory]
    [InlineData("0.5", 500_000_000)]
    [InlineData("2", 2_000_000_000)]
    public void CpuParser_Valid_NanoCpus(string text, long nanos)
    {
        Assert.True(CpuParser.TryParse(text, out var value));
        Assert.Equal(nanos, value);
    }

    [Theory]
    [InlineData("8080", "", null, 8080, "tcp")]
    [InlineData("8080:80", "", 8080, 80, "tcp")]
    [InlineData("127.0.0.1:8080:80", "127.0.0.1", 8080, 80, "tcp")]
    [InlineData("8080:80/udp", "", 8080, 80, "udp")]
    [InlineData("127.0.0.1::80", "127.0.0.1", null, 80, "tcp")]
    [InlineData("[::1]:8080:80", "::1", 8080, 80, "tcp")]
    public void PortParser_ShortForms_Parsed(string spec, string hostIp, int? hostPort, int containerPort, string protocol)
    {
        var binding = Assert.Single(PortParser.ParseShort(spec, out _)!);
        Assert.Equal(new PortBinding(hostIp, hostPort, containerPort, protocol), binding);
    }

    [Fact]
    public void PortParser_Ranges_OneBindingPerPort()
    {
        var bindings = PortParser.ParseShort("8000-8001:9000-9001", out _);
        Assert.Equal([new PortBinding("", 8000, 9000, "tcp"), new PortBinding("", 8001, 9001, "tcp")], bindings);
    }

    [Theory]
    [InlineData("80:80/icmp", "unknown protocol 'icmp'; expected tcp, udp or sctp")]
    [InlineData("8000-8002:80-81", "the published range and the target range must have the same length")]
    [InlineData("70000", "expected " + PortParser.Expected)]
    [InlineData("http", "expected " + PortParser.Expected)]
    public void PortParser_Invalid_Error(string spec, string message)
    {
        Assert.Null(PortParser.ParseShort(spec, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("python app.py --port 80", new[] { "python", "app.py", "--port", "80" })]
    [InlineData("sh -c 'echo hi there'", new[] { "sh", "-c", "echo hi there" })]
    [InlineData("echo \"a \\\"b\\\" c\"", new[] { "echo", "a \"b\" c" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("x ''", new[] { "x", "" })]
    public void ShellWords_Split_LikeShell(string text, string[] words) => Assert.Equal(words, ShellWords.Split(text, out _));

    [Fact]
    public void ShellWords_UnterminatedQuote_Error()
    {
        Assert.Null(ShellWords.Split("echo 'oops", out var error));
        Assert.Equal("unterminated single quote", error);
    }
}
