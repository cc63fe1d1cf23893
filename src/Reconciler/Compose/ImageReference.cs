using System.Text.RegularExpressions;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// The grammar of an image reference as the engine parses it: <c>[registry[:port]/]path[:tag][@algorithm:hex]</c>.
/// Checked after interpolation, per host, so a variable that makes a reference unpullable is refused by validate
/// instead of failing the pull on that one host.
/// </summary>
public static partial class ImageReference
{
    public const string Expected = "an image reference like registry.example.com:5000/team/name:tag or name@sha256:<64 hex digits>";

    private const int MaxNameLength = 255;

    /// <summary>Why <paramref name="reference"/> is not a valid image reference, or null when it is.</summary>
    public static string? Problem(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Length == 0)
        {
            return "it is empty";
        }
        var blank = reference.AsSpan().IndexOfAny(" \t\r\n");
        if (blank >= 0 || reference.Any(char.IsControl))
        {
            return blank >= 0 && reference[blank] == ' ' ? "it contains a space" : "it contains whitespace or a control character";
        }
        var name = reference;
        string? digest = null;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            (name, digest) = (reference[..at], reference[(at + 1)..]);
            if (DigestProblem(digest) is { } digestProblem)
            {
                return digestProblem;
            }
        }
        string? tag = null;
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > lastSlash)
        {
            (name, tag) = (name[..colon], name[(colon + 1)..]);
            if (!Tag().IsMatch(tag))
            {
                return $"the tag '{tag}' is not valid: a tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'";
            }
        }
        if (name.Length == 0)
        {
            return "it has no repository name";
        }
        if (name.Length > MaxNameLength)
        {
            return $"the repository name is longer than {MaxNameLength} characters";
        }
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var path = name;
        if (slash >= 0 && IsRegistry(name[..slash]))
        {
            var registry = name[..slash];
            path = name[(slash + 1)..];
            if (!Registry().IsMatch(registry))
            {
                return $"the registry '{registry}' is not valid: expected a host name or IP address with an optional :port";
            }
        }
        foreach (var component in path.Split('/'))
        {
            if (component.Length == 0)
            {
                return $"the repository path '{path}' has an empty component";
            }
            if (component.Any(char.IsAsciiLetterUpper))
            {
                return $"the repository path '{path}' must be lowercase";
            }
            if (!PathComponent().IsMatch(component))
            {
                return $"'{component}' in the repository path is not valid: a component has lowercase letters and digits, separated by '.', '_', '__' or dashes";
            }
        }
        return null;
    }

    /// <summary>As the engine decides: the first component names a registry when it has '.' or ':', is localhost, or has uppercase.</summary>
    private static bool IsRegistry(string first) =>
        first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" || first.Any(char.IsAsciiLetterUpper);

    private static string? DigestProblem(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !DigestAlgorithm().IsMatch(digest[..colon]))
        {
            return $"the digest '{digest}' is not valid: expected algorithm:hex, such as sha256:<64 hex digits>";
        }
        var (algorithm, hex) = (digest[..colon], digest[(colon + 1)..]);
        var bad = hex.AsSpan().IndexOfAnyExcept("0123456789abcdef");
        if (bad >= 0)
        {
            return $"the digest '{digest}' is not valid: '{hex[bad]}' is not a lowercase hexadecimal digit";
        }
        var length = algorithm switch { "sha256" => 64, "sha384" => 96, "sha512" => 128, _ => -1 };
        if (length > 0 ? hex.Length != length : hex.Length < 32)
        {
            return $"the digest '{digest}' is not valid: {algorithm} has {(length > 0 ? length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "at least 32")} hex digits, found {hex.Length}";
        }
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$")]
    private static partial Regex Registry();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex PathComponent();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*$")]
    private static partial Regex DigestAlgorithm();
}
