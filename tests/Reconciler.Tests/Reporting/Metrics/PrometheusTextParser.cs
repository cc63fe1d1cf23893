using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Tests.Reporting.Metrics;

/// <summary>
/// A strict reader of the Prometheus text format (0.0.4), stricter than Prometheus itself where our writer should
/// be: every sample belongs to a family declared by # TYPE before it; a family's lines are contiguous; HELP and TYPE
/// at most once; metric and label names valid; label values quoted with only \\, \" and \n escapes; no duplicate
/// label names or series; values parse; histograms have ascending le buckets with non-decreasing counts, a +Inf
/// bucket equal to _count, and a _sum. Throws <see cref="FormatException"/> naming the line.
/// </summary>
internal static partial class PrometheusTextParser
{
    public static IReadOnlyDictionary<string, ExpositionFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a newline");
        }
        var families = new Dictionary<string, ExpositionFamily>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        ExpositionFamily? current = null;
        var lines = text.Split('\n')[..^1];
        for (var i = 0; i < lines.Length; i++)
        {
            try
            {
                current = Line(lines[i], families, series, current);
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {i + 1}: {e.Message}: {lines[i]}", e);
            }
        }
        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }
        return families;
    }

    private static ExpositionFamily? Line(string line, Dictionary<string, ExpositionFamily> families, HashSet<string> series, ExpositionFamily? current)
    {
        if (line.Length == 0)
        {
            throw new FormatException("empty line");
        }
        if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
        {
            var parts = line[7..].Split(' ', 2);
            var family = Enter(families, Name(parts[0]), current);
            if (family.Samples.Count > 0)
            {
                throw new FormatException("HELP or TYPE after samples");
            }
            if (line[2] == 'H')
            {
                family.Help = family.Help is null ? Help(parts.Length > 1 ? parts[1] : "") : throw new FormatException("second HELP");
            }
            else
            {
                family.Type = family.Type is null && parts.Length == 2 && parts[1] is "counter" or "gauge" or "histogram" or "summary" or "untyped"
                    ? parts[1]
                    : throw new FormatException("bad or second TYPE");
            }
            return family;
        }
        if (line.StartsWith('#'))
        {
            return current;
        }
        var sample = Sample(line);
        var owner = Owner(families, sample.Name) ?? throw new FormatException($"sample {sample.Name} of no declared family");
        if (owner != current)
        {
            throw new FormatException($"sample of {owner.Name} outside its family's block");
        }
        if (!series.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) + "}"))
        {
            throw new FormatException("duplicate series");
        }
        if (owner.Type == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value)))
        {
            throw new FormatException("negative counter");
        }
        owner.Samples.Add(sample);
        return owner;
    }

    private static ExpositionFamily Enter(Dictionary<string, ExpositionFamily> families, string name, ExpositionFamily? current)
    {
        if (families.TryGetValue(name, out var known))
        {
            return known == current ? known : throw new FormatException($"family {name} declared again after other families");
        }
        var family = new ExpositionFamily(name);
        families.Add(name, family);
        return family;
    }

    private static ExpositionFamily? Owner(Dictionary<string, ExpositionFamily> families, string name)
    {
        if (families.TryGetValue(name, out var exact) && exact.Type is not null and not "histogram")
        {
            return exact;
        }
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(name[..^suffix.Length], out var histogram) && histogram.Type == "histogram")
            {
                return histogram;
            }
        }
        return null;
    }

    private static ExpositionSample Sample(string line)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException("not a sample line");
        }
        var labels = match.Groups["labels"].Success ? Labels(match.Groups["labels"].Value) : new Dictionary<string, string>();
        return new ExpositionSample(Name(match.Groups["name"].Value), labels, Number(match.Groups["value"].Value));
    }

    /// <summary>Reads <c>a="x",b="y"</c> character by character, so escapes are checked exactly.</summary>
    private static Dictionary<string, string> Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0 || !LabelName().IsMatch(text[i..eq]) || eq + 1 >= text.Length || text[eq + 1] != '"')
            {
                throw new FormatException("bad label");
            }
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\')
                {
                    j++;
                    value.Append(j < text.Length ? text[j] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw new FormatException("bad escape in label value"),
                    } : throw new FormatException("dangling backslash"));
                    continue;
                }
                value.Append(text[j]);
            }
            if (j >= text.Length)
            {
                throw new FormatException("unterminated label value");
            }
            if (!labels.TryAdd(text[i..eq], value.ToString()))
            {
                throw new FormatException("duplicate label " + text[i..eq]);
            }
            i = j + 1;
            if (i < text.Length)
            {
                i = text[i] == ',' && i + 1 < text.Length ? i + 1 : throw new FormatException("expected , between labels");
            }
        }
        return labels;
    }

    private static void CheckHistogram(ExpositionFamily family)
    {
        var groups = family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal)));
        foreach (var group in groups)
        {
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            var bounds = buckets.Select(b => Number(b.Labels.TryGetValue("le", out var le) ? le : throw new FormatException("bucket without le"))).ToList();
            if (buckets.Count == 0 || !double.IsPositiveInfinity(bounds[^1]))
            {
                throw new FormatException($"{family.Name}: no +Inf bucket");
            }
            for (var k = 1; k < buckets.Count; k++)
            {
                if (bounds[k] <= bounds[k - 1] || buckets[k].Value < buckets[k - 1].Value)
                {
                    throw new FormatException($"{family.Name}: buckets not ascending and cumulative at le={bounds[k]}");
                }
            }
            var count = Assert.Single(group, s => s.Name == family.Name + "_count");
            Assert.Single(group, s => s.Name == family.Name + "_sum");
            if (count.Value != buckets[^1].Value)
            {
                throw new FormatException($"{family.Name}: _count differs from the +Inf bucket");
            }
        }
    }

    private static string Name(string name) => MetricName().IsMatch(name) ? name : throw new FormatException("bad metric name " + name);

    private static string Help(string help)
    {
        for (var i = 0; i < help.Length; i++)
        {
            if (help[i] == '\\' && (i + 1 >= help.Length || help[++i] is not ('\\' or 'n')))
            {
                throw new FormatException("bad escape in HELP");
            }
        }
        return help;
    }

    private static double Number(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new FormatException("bad number " + text),
    };

    [GeneratedRegex("^(?<name>[^{ ]+)(\\{(?<labels>.*)\\})? (?<value>[^ ]+)( -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
