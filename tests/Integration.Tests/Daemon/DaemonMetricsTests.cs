using Xunit.Abstractions;
using System.Globalization;
using System.Text.RegularExpressions;
using GitOps.Daemon.Hosting;
using GitOps.Reconciler.Configuration;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// The <c>run</c> host's <c>/metrics</c> as a scraper reads it, against the list in docs/drift-report.md: every
/// documented metric is there with its documented type and labels, nothing else carries the agent's prefix, and the
/// engine calls of a real pass are counted.
/// </summary>
public sealed partial class DaemonMetricsTests(EngineFixture fixture, ITestOutputHelper output) : DaemonTest(fixture, output)
{
    private const string Prefix = "gitops_agent_";

    [Fact]
    public async Task RunHost_AfterFirstPass_MetricsAreTheDocumentedOnesAndCountEngineCalls()
    {
        CommitWeb("v1");
        var port = Infrastructure.Network.FreePort();
        var config = Config() with { PollInterval = TimeSpan.FromHours(1), HttpListen = new ListenAddress("127.0.0.1", port) };
        using var host = AgentHost.Build(config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.StartAsync(Token);
        try
        {
            await EventuallyAsync(async () => await ReportStatusAsync(http) == "inSync", "the first pass reports in sync");
            var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Token);

            // The fleet store's metrics are served only by an agent with a fleet store (this one has none).
            var documented = Documented().Where(d => !d.Key.StartsWith("gitops_agent_fleet_", StringComparison.Ordinal))
                .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
            var served = TypeLine().Matches(text).Where(m => m.Groups[1].Value.StartsWith(Prefix, StringComparison.Ordinal))
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
            Assert.All(documented, d => Assert.Equal(d.Value.Type, served[d.Key]));
            foreach (var sample in Samples(text))
            {
                var family = documented.Keys.Single(name => sample.Name == name || sample.Name.StartsWith(name + "_", StringComparison.Ordinal));
                Assert.Equal(documented[family].Labels, sample.Labels.Where(l => l != "le").Order(StringComparer.Ordinal));
            }
            Assert.True(Value(text, "gitops_agent_docker_api_calls_total") > 0, "a pass that deployed two containers called the engine:\n" + text);
            Assert.Equal(1, Value(text, "gitops_agent_git_requests_total{kind=\"ls-remote\"}"));
            Assert.Equal(1, Value(text, "gitops_agent_reconciles_total{outcome=\"applied\"}"));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The metrics table of docs/drift-report.md: name, type (the first word of its cell) and label names.</summary>
    private static Dictionary<string, (string Type, List<string> Labels)> Documented()
    {
        var page = File.ReadAllText(Path.Combine(EngineFixture.RepositoryRoot(), "docs", "drift-report.md"));
        var rows = DocumentedRow().Matches(page)
            .ToDictionary(
                m => m.Groups[1].Value,
                m => (m.Groups[2].Value, BacktickedName().Matches(m.Groups[3].Value).Select(l => l.Groups[1].Value).Order(StringComparer.Ordinal).ToList()),
                StringComparer.Ordinal);
        Assert.True(rows.Count >= 7, "the metrics table of docs/drift-report.md was not found");
        return rows;
    }

    private static IEnumerable<(string Name, List<string> Labels)> Samples(string text) =>
        text.Split('\n')
            .Where(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(l => SampleLine().Match(l))
            .Select(m => (m.Groups[1].Value, m.Groups[2].Captures.Select(c => c.Value).ToList()));

    private static double? Value(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^# TYPE (\\S+) (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex("^\\| `(gitops_agent_[a-z_]+)` \\| ([a-z]+)[^|]*\\|([^|\\n]*)\\|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex BacktickedName();

    [GeneratedRegex("^([a-z_]+)(?:\\{(?:([a-z_]+)=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? \\S+$")]
    private static partial Regex SampleLine();
}
