namespace GitOps.Reconciler.Apply;

/// <summary>
/// What a pass's pull stage did before its apply: the images now present (pulled, or already there) and the images whose
/// pull failed, with the failure. The apply pulls none of them again: a present image is used as it is, a failed one
/// fails its service at once with the same error (the old containers keep running), so a registry that stalls is
/// waited for once per pass, outside the apply.
/// </summary>
public sealed record PulledImages(IReadOnlySet<string> Present, IReadOnlyDictionary<string, Exception> Failed)
{
    public static readonly PulledImages None = new(new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, Exception>(StringComparer.Ordinal));

    /// <summary>Both stages' images, for a pass where more than one kind pulls.</summary>
    public PulledImages With(PulledImages other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Present.Count == 0 && other.Failed.Count == 0 ? this : new(
            new HashSet<string>(Present.Concat(other.Present), StringComparer.Ordinal),
            Failed.Concat(other.Failed).GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal));
    }
}
