using System.Text.Json.Serialization;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Desired;

/// <summary>A stack targeted at the host: its compose project plus the policies of its stack.yaml.</summary>
public sealed record DesiredStack(StackSpec Compose, StackPolicy Policy)
{
    /// <summary>
    /// Values of the variables that environment-sourced secrets and configs read, by variable name: the executor
    /// writes them to files. The spec itself only holds their hashes; these never reach output or reports.
    /// </summary>
    [JsonIgnore]
    public ValueMap<string> GrantValues { get; init; } = ValueMap<string>.Empty;

    /// <summary>
    /// The variables among <see cref="GrantValues"/> that were decrypted (from the stack's encrypted .env): their files
    /// are written to the runtime secrets directory on tmpfs, like decrypted file sources, never to the state directory.
    /// </summary>
    [JsonIgnore]
    public ValueList<string> DecryptedGrantVariables { get; init; } = ValueList<string>.Empty;
}
