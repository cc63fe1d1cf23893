using GitOps.Reconciler.Yaml;

namespace GitOps.Reconciler.Compose;

/// <summary>Which kernel namespaces the container shares: <c>pid</c>, <c>ipc</c> and <c>uts</c>.</summary>
internal sealed partial class ServiceReader
{
    private static readonly string[] IpcModes = ["host", "none", "private", "shareable"];

    /// <param name="modes">The plain modes the key takes besides <c>service:</c>/<c>container:</c> (when <paramref name="shares"/>).</param>
    private string? ReadNamespace(string key, string[] modes, bool shares)
    {
        var mode = _map.String(key);
        if (mode is null)
        {
            return null;
        }
        var node = _map[key]!;
        var share = shares && (mode.StartsWith("service:", StringComparison.Ordinal) || mode.StartsWith("container:", StringComparison.Ordinal))
            && mode.IndexOf(':', StringComparison.Ordinal) < mode.Length - 1;
        if (!share && !modes.Contains(mode, StringComparer.Ordinal))
        {
            var expected = string.Join(", ", modes) + (shares ? ", service:<name> or container:<name>" : "");
            _context.Error(node, $"invalid {key} '{mode}'; expected {expected}");
            return null;
        }
        if (mode.StartsWith("service:", StringComparison.Ordinal))
        {
            // The container whose namespace is shared must exist first, as with network_mode.
            _references.Add(new ServiceReference(_name, mode["service:".Length..], key, true, _context.At(node)));
        }
        return mode;
    }

    private string? ReadPid() => ReadNamespace("pid", ["host"], shares: true);

    private string? ReadIpc() => ReadNamespace("ipc", IpcModes, shares: true);

    private string? ReadUts() => ReadNamespace("uts", ["host"], shares: false);
}
