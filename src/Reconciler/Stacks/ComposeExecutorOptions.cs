
namespace GitOps.Reconciler.Stacks;

public sealed class ComposeExecutorOptions
{
    /// <summary>Where files for environment-sourced secrets and configs are written (mode 0400) to be bind-mounted.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>
    /// Where decrypted secret and config file sources are written (mode 0400) to be bind-mounted: it must be on tmpfs
    /// (agent.yaml <c>secrets.runtimeDirectory</c>); see <see cref="RuntimeSecretsDirectory"/>.
    /// </summary>
    public string SecretsDirectory { get; init; } = RuntimeSecretsDirectory.DefaultPath;

    /// <summary>How many stacks converge at once (within a stack, services of one dependency level run side by side).</summary>
    public int MaxParallelStacks { get; init; } = Configuration.AgentConfig.DefaultParallelStacks;

    /// <summary>The owner label put on everything created (the agent's host name); see <see cref="Engine.EngineLabels.Owner"/>.</summary>
    public string Owner { get; init; } = Engine.EngineLabels.DefaultOwner;

    /// <summary>Values of environment-sourced secrets/configs: (stack, variable) to content, null when unknown.</summary>
    public Func<string, string, string?> GrantValues { get; init; } = (_, _) => null;

    /// <summary>False when the host forbids building images (agent.yaml <c>build.allowed: false</c>), whatever a stack's policy says.</summary>
    public bool AllowBuild { get; init; } = true;

    /// <summary>Upper bound for a depends_on condition that has no healthcheck timeout of its own.</summary>
    public TimeSpan DependencyTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a service without a healthcheck must stay running to pass its gate.</summary>
    public TimeSpan SettlePeriod { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A pull that receives no progress message (no bytes, no layer done) for this long fails (<c>pullProgressTimeout</c>).</summary>
    public TimeSpan PullProgressTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Stop timeout when the spec sets no stop_grace_period (compose's default).</summary>
    public TimeSpan DefaultStopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
