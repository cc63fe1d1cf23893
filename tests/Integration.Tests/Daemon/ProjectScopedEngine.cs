using GitOps.Reconciler.Engine;

namespace GitOps.Integration.Tests.Daemon;

/// <summary>
/// The real engine as an agent sees it when only one compose project exists: every list is narrowed to the
/// project's label. The engine is shared with other test runs; a full sync must not tear their stacks down.
/// </summary>
public sealed class ProjectScopedEngine(IDockerEngine inner, string project) : IDockerEngine
{
    public IDockerContainers Containers { get; } = new ProjectScopedContainers(inner.Containers, project);

    public IDockerImages Images { get; } = inner.Images;

    public IDockerNetworks Networks { get; } = new ProjectScopedNetworks(inner.Networks, project);

    public IDockerVolumes Volumes { get; } = new ProjectScopedVolumes(inner.Volumes, project);

    public static IReadOnlyCollection<string> Narrow(IReadOnlyCollection<string> labels, string project) =>
        [.. labels, $"{EngineLabels.Project}={project}"];
}
