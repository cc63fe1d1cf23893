using System.Globalization;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Planning;

/// <summary>Renders spec values the way people write them in compose files: <c>30s</c>, <c>512MiB</c>, <c>1.5</c> CPUs.</summary>
internal static class FieldValue
{
    public static string? Text(string? value) => value;

    public static string Bool(bool value) => value ? "true" : "false";

    public static string? Bool(bool? value) => value is null ? null : Bool(value.Value);

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? List<T>(IEnumerable<T>? items, Func<T, string>? format = null) =>
        items is null ? null : "[" + string.Join(", ", items.Select(i => format is null ? i?.ToString() ?? "" : format(i))) + "]";

    /// <summary>A command or entrypoint: each argument quoted, so spaces inside an argument stay visible.</summary>
    public static string? Arguments(IEnumerable<string>? items) =>
        List(items, a => "\"" + a.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");

    public static string? Duration(TimeSpan? value)
    {
        if (value is null)
        {
            return null;
        }
        var t = value.Value;
        if (t == TimeSpan.Zero)
        {
            return "0s";
        }
        var parts = new List<string>();
        if (t.Days > 0)
        {
            parts.Add(t.Days.ToString(CultureInfo.InvariantCulture) + "d");
        }
        AddPart(parts, t.Hours, "h");
        AddPart(parts, t.Minutes, "m");
        AddPart(parts, t.Seconds, "s");
        AddPart(parts, t.Milliseconds, "ms");
        return string.Concat(parts);
    }

    public static string? Bytes(long? value)
    {
        if (value is null)
        {
            return null;
        }
        string[] units = ["GiB", "MiB", "KiB"];
        long[] sizes = [1L << 30, 1L << 20, 1L << 10];
        for (var i = 0; i < units.Length; i++)
        {
            if (value.Value >= sizes[i] && value.Value % sizes[i] == 0)
            {
                return (value.Value / sizes[i]).ToString(CultureInfo.InvariantCulture) + units[i];
            }
        }
        return value.Value.ToString(CultureInfo.InvariantCulture) + "B";
    }

    public static string? Cpus(long? nanoCpus) =>
        nanoCpus is null ? null : (nanoCpus.Value / 1e9).ToString("0.###", CultureInfo.InvariantCulture);

    public static string Mount(MountSpec mount) =>
        mount + (mount.TmpfsSizeBytes is { } size ? ":size=" + Bytes(size) : "");

    public static string Grant(FileGrant grant) =>
        grant
        + (grant.Uid is null ? "" : " uid=" + grant.Uid)
        + (grant.Gid is null ? "" : " gid=" + grant.Gid)
        + (grant.Mode is null ? "" : " mode=0" + Convert.ToString(grant.Mode.Value, 8));

    public static string ShortId(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var hex = colon >= 0 ? id[(colon + 1)..] : id;
        return (colon >= 0 ? id[..(colon + 1)] : "") + hex[..Math.Min(12, hex.Length)];
    }

    private static void AddPart(List<string> parts, int amount, string unit)
    {
        if (amount > 0)
        {
            parts.Add(amount.ToString(CultureInfo.InvariantCulture) + unit);
        }
    }
}
