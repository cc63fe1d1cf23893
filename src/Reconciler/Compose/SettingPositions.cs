using GitOps.Reconciler.Common;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// Where the settings a host policy judges were written (<c>privileged</c>, <c>cap_add</c>, each volume, ...), so a
/// refusal points at its line. Keys are <c>service/key</c>, and <c>service/volumes:target</c> for one mount.
/// </summary>
/// <param name="Fallback">Where to point when a setting has no recorded position (the start of the file).</param>
public sealed record SettingPositions(SourcePosition Fallback, ValueMap<SourcePosition> Items)
{
    public static SettingPositions None(string file) => new(SourcePosition.StartOf(file), ValueMap<SourcePosition>.Empty);

    /// <summary>Where <paramref name="key"/> is written; for a key not written, where its owner (the service) is.</summary>
    public SourcePosition Of(string owner, string key) =>
        Items.TryGetValue(owner + "/" + key, out var at) || Items.TryGetValue(owner + "/", out at) ? at : Fallback;

    public SourcePosition OfMount(string owner, string target) =>
        Items.TryGetValue(owner + "/volumes:" + target, out var at) ? at : Of(owner, "volumes");

    public static string Key(string owner, string key) => owner + "/" + key;

    public static string MountKey(string owner, string target) => owner + "/volumes:" + target;
}
