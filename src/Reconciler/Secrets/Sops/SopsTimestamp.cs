using GitOps.Reconciler.Secrets.Failures;
using System.Globalization;

namespace GitOps.Reconciler.Secrets.Sops;

/// <summary>
/// The lastmodified text the MAC is bound to: SOPS parses it and formats it again as RFC 3339 in whole seconds,
/// with 'Z' for UTC, and that re-formatted text is the MAC's additional data.
/// </summary>
internal static class SopsTimestamp
{
    public static string Canonical(string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new SecretException(SecretFailure.Malformed, "SOPS lastmodified is not an RFC 3339 time");
        }

        return Format(time);
    }

    public static string Format(DateTimeOffset time) => time.Offset == TimeSpan.Zero
        ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
