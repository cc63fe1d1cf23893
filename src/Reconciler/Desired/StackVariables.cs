using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Desired;

/// <summary>
/// The variables one stack's compose file is interpolated with on one host: the host's inventory variables over the
/// stack's defaults over its <c>.env</c>. The .env is read like compose reads it in a shell: the higher-precedence
/// variables are its environment, visible to its lines and winning over them. A SOPS-encrypted .env is decrypted with
/// the host's key; its values are taken literally (a password's <c>$</c> stays a <c>$</c>).
/// </summary>
public static class StackVariables
{
    public static Dictionary<string, string> For(StackDefinition stack, IReadOnlyDictionary<string, string> hostVariables, DiagnosticBag diagnostics) =>
        For(stack, hostVariables, diagnostics, Secrets.SecretKeyring.StructureOnly, out _);

    /// <param name="secretNames">The variables decrypted from an encrypted .env: their values are masked wherever they are shown.</param>
    public static Dictionary<string, string> For(
        StackDefinition stack, IReadOnlyDictionary<string, string> hostVariables, DiagnosticBag diagnostics, Secrets.SecretKeyring keyring, out IReadOnlyCollection<string> secretNames)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(hostVariables);
        var environment = new Dictionary<string, string>(stack.Defaults, StringComparer.Ordinal);
        HostVariables.Overlay(environment, hostVariables);
        IReadOnlyList<DotEnvEntry> dotEnv = stack.EncryptedDotEnv is null ? stack.DotEnv : Decrypted(stack, diagnostics, keyring);
        secretNames = stack.EncryptedDotEnv is null ? [] : dotEnv.Select(e => e.Key).ToList();
        var merged = DotEnvInterpolation.Resolve(dotEnv, environment, diagnostics);
        HostVariables.Overlay(merged, environment);
        return merged;
    }

    private static List<DotEnvEntry> Decrypted(StackDefinition stack, DiagnosticBag diagnostics, Secrets.SecretKeyring keyring)
    {
        var file = stack.Directory + "/.env";
        var at = SourcePosition.StartOf(file);
        var content = System.Text.Encoding.UTF8.GetBytes(stack.EncryptedDotEnv!);
        return [.. Secrets.SecretEnvironment.Read(content, file, at, keyring, diagnostics).Select(v => new DotEnvEntry(v.Key, v.Value, at, Literal: true))];
    }
}
