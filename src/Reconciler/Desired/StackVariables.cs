using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// The variables one stack's compose file is interpolated with on one host: the host's inventory variables over the
/// stack's defaults over its <c>.env</c>. The .env is read like compose reads it in a shell: the higher-precedence
/// variables are its environment, visible to its lines and winning over them.
/// </summary>
public static class StackVariables
{
    public static Dictionary<string, string> For(StackDefinition stack, IReadOnlyDictionary<string, string> hostVariables, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(hostVariables);
        var environment = new Dictionary<string, string>(stack.Defaults, StringComparer.Ordinal);
        HostVariables.Overlay(environment, hostVariables);
        var merged = DotEnvInterpolation.Resolve(stack.DotEnv, environment, diagnostics);
        HostVariables.Overlay(merged, environment);
        return merged;
    }
}
