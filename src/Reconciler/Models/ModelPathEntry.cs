namespace GitOps.Reconciler.Models;

/// <summary>What is at a model's path on the host.</summary>
public enum ModelPathEntry
{
    Missing,

    /// <summary>A symbolic link (wherever it points).</summary>
    Link,

    /// <summary>A real directory: not the agent's unless adopted.</summary>
    Directory,

    File,
}
