namespace GitOps.Reconciler.Engine;

/// <summary>The Docker Engine API as the agent uses it, one narrow interface per resource kind.</summary>
public interface IDockerEngine
{
    IDockerContainers Containers { get; }
    IDockerImages Images { get; }
    IDockerNetworks Networks { get; }
    IDockerVolumes Volumes { get; }
}
