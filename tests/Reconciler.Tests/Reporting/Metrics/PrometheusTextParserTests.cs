namespace GitOps.Reconciler.Tests.Reporting.Metrics;

/// <summary>The parser that validates our exposition must itself reject what Prometheus would (or what we never write).</summary>
public class PrometheusTextParserTests
{
    [Theory]
    [InlineData("x 1\n", "no declared family")]
    [InlineData("# TYPE x counter\nx -1\n", "negative counter")]
    [InlineData("# TYPE x gauge\nx{a=\"1\"} 1\n# HELP x late\n", "after samples")]
    [InlineData("# TYPE x gauge\nx{a=\"\\t\"} 1\n", "bad escape")]
    [InlineData("# TYPE x gauge\nx{a=\"1\",a=\"2\"} 1\n", "duplicate label")]
    [InlineData("# TYPE x gauge\nx{a=1} 1\n", "bad label")]
    [InlineData("# TYPE x gauge\nx one\n", "bad number")]
    [InlineData("# TYPE x gauge\nx 1\nx 2\n", "duplicate series")]
    [InlineData("# TYPE x gauge\n# TYPE y gauge\nx 1\n", "outside its family")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n", "not ascending")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n", "no +Inf")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "differs from the +Inf")]
    [InlineData("# TYPE x gauge\nx 1", "end with a newline")]
    public void Parse_Invalid_Refused(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Valid_Families()
    {
        var families = PrometheusTextParser.Parse("# HELP x X.\n# TYPE x gauge\nx{a=\"q\\\"\"} 1.5 1700000000\n");

        Assert.Equal(1.5, families["x"].Value(("a", "q\"")));
    }
}
