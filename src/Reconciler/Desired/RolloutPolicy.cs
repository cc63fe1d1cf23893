using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// inventory.yaml's <c>rollout:</c>: the order in which the fleet takes a new commit. A host of a later wave applies
/// it only once every host of the earlier waves has run it in sync for <see cref="Soak"/>; within a wave at most
/// <see cref="MaxUnavailable"/> hosts replace services at once.
/// </summary>
/// <param name="Waves">Inventory groups, earliest first; hosts in none of them form one last wave after them.</param>
/// <param name="At">Where <c>rollout:</c> is written, for the error of a host without a fleet store.</param>
public sealed record RolloutPolicy(ValueList<string> Waves, TimeSpan Soak, MaxUnavailable MaxUnavailable, SourcePosition At)
{
    /// <summary>The wave that holds the hosts in none of the named waves.</summary>
    public const string OtherHostsWave = "(other hosts)";

    /// <summary>The name of wave <paramref name="index"/>; the index after the named waves is the other hosts' wave.</summary>
    public string WaveName(int index) => index < Waves.Count ? Waves[index] : OtherHostsWave;

    /// <summary>A host's wave: the earliest wave among its groups; <c>Waves.Count</c> when it is in none.</summary>
    public int WaveOf(IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var member = groups.ToHashSet(StringComparer.Ordinal);
        for (var index = 0; index < Waves.Count; index++)
        {
            if (member.Contains(Waves[index]))
            {
                return index;
            }
        }
        return Waves.Count;
    }
}

/// <summary>How many hosts of a wave may replace services at once: a percentage of the wave's hosts, or a number of hosts.</summary>
public sealed record MaxUnavailable(int Value, bool Percent)
{
    /// <summary>No limit: every host of a wave may replace at once.</summary>
    public static readonly MaxUnavailable All = new(100, Percent: true);

    /// <summary>The number of hosts of a wave of <paramref name="waveSize"/> that may replace at once; at least one, so a
    /// small wave with a small percentage still moves.</summary>
    public int Limit(int waveSize) =>
        Percent ? Math.Max(1, waveSize * Value / 100) : Value;

    public override string ToString() => Percent ? $"{Value}%" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
