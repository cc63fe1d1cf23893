using System.Collections;
using System.Diagnostics.CodeAnalysis;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Interpolates the values of a stack's <c>.env</c> as compose does: each line may use the variables of the
/// environment it is read in (here the inventory's and the stack's defaults, which also win over the file's own
/// values) and the lines set before it; a single-quoted value stays literal. A line that uses a variable set only
/// later in the file gets an empty value with a warning, as in compose; when such references go round in a circle
/// (<c>A=${B}</c>, <c>B=${A}</c>) nothing sensible can be meant, so that is an error at the line.
/// </summary>
public static class DotEnvInterpolation
{
    public static Dictionary<string, string> Resolve(IReadOnlyList<DotEnvEntry> entries, IReadOnlyDictionary<string, string> environment, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var expanded = new List<(DotEnvEntry Entry, InterpolationResult Result, List<string> Consulted)>();
        foreach (var entry in entries)
        {
            if (entry.Literal || !entry.Value.Contains('$', StringComparison.Ordinal))
            {
                values[entry.Key] = entry.Value;
                continue;
            }
            var lookup = new Lookup(environment, values);
            var result = Interpolation.Expand(entry.Value, lookup);
            expanded.Add((entry, result, lookup.Consulted));
            if (!uses.TryGetValue(entry.Key, out var used))
            {
                uses[entry.Key] = used = new HashSet<string>(StringComparer.Ordinal);
            }
            used.UnionWith(lookup.Consulted.Where(name => !environment.ContainsKey(name)));
            if (result.Value is not null)
            {
                values[entry.Key] = result.Value;
            }
        }
        foreach (var (entry, result, _) in expanded)
        {
            Report(entry, result, entries, uses, diagnostics);
        }
        return values;
    }

    private static void Report(DotEnvEntry entry, InterpolationResult result, IReadOnlyList<DotEnvEntry> entries, Dictionary<string, HashSet<string>> uses, DiagnosticBag diagnostics)
    {
        if (result.Error is not null)
        {
            diagnostics.Error(entry.Position, $"{entry.Key}: {result.Error}");
            return;
        }
        foreach (var name in result.UnsetVariables)
        {
            var later = entries.FirstOrDefault(e => e.Key == name && (e.Position.Line > entry.Position.Line || e == entry));
            if (later is null)
            {
                diagnostics.Warning(entry.Position, $"{entry.Key}: variable '{name}' is not set; using an empty string");
            }
            else if (Cycle(entry.Key, name, uses) is { } cycle)
            {
                diagnostics.Error(entry.Position, $"recursive definition of '{entry.Key}': {string.Join(" uses ", cycle)}; a .env line can only use variables set on the lines before it or in the inventory");
            }
            else
            {
                diagnostics.Warning(entry.Position, $"{entry.Key}: variable '{name}' is set only later, at line {later.Position.Line}; a .env line sees only the lines before it, so it is empty here");
            }
        }
    }

    /// <summary>The chain <c>from, to, …, from</c> when <paramref name="to"/> leads back to <paramref name="from"/>, else null.</summary>
    private static List<string>? Cycle(string from, string to, Dictionary<string, HashSet<string>> uses)
    {
        var path = new List<string> { from };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Walk(to) ? path : null;

        bool Walk(string name)
        {
            path.Add(name);
            if (name == from)
            {
                return true;
            }
            if (seen.Add(name) && uses.TryGetValue(name, out var next) && next.Any(Walk))
            {
                return true;
            }
            path.RemoveAt(path.Count - 1);
            return false;
        }
    }

    /// <summary>The variables a line sees, the environment first; remembers every name asked for.</summary>
    private sealed class Lookup(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> earlier) : IReadOnlyDictionary<string, string>
    {
        public List<string> Consulted { get; } = [];

        public IEnumerable<string> Keys => environment.Keys.Union(earlier.Keys, StringComparer.Ordinal);

        public IEnumerable<string> Values => Keys.Select(k => this[k]);

        public int Count => Keys.Count();

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            Consulted.Add(key);
            return environment.TryGetValue(key, out value) || earlier.TryGetValue(key, out value);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Keys.Select(k => KeyValuePair.Create(k, this[k])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
