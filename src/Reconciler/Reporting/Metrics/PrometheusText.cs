using System.Globalization;
using System.Text;

namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4): per family <c># HELP</c> and <c># TYPE</c>, then its
/// samples; label values escaped (backslash, double quote, newline); numbers in invariant culture with
/// <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c>.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(MetricRegistry registry)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(registry, writer);
        return writer.ToString();
    }

    public static void Write(MetricRegistry registry, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var family in registry.Families())
        {
            writer.Write("# HELP " + family.Name + " " + EscapeHelp(family.Help) + "\n");
            writer.Write("# TYPE " + family.Name + " " + family.Type.ToString().ToLowerInvariant() + "\n");
            foreach (var sample in family.Collect())
            {
                writer.Write(Line(sample));
            }
        }
    }

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Line(MetricSample sample)
    {
        var line = new StringBuilder(sample.Name);
        if (sample.Labels.Count > 0)
        {
            line.Append('{')
                .AppendJoin(',', sample.Labels.Select(l => l.Key + "=\"" + EscapeLabelValue(l.Value) + "\""))
                .Append('}');
        }
        return line.Append(' ').Append(Number(sample.Value)).Append('\n').ToString();
    }
}
