namespace GitOps.Integration.Tests.Pipeline;

/// <summary>A throwaway config repository on disk: an inventory naming one host, and stacks targeted at it.</summary>
public sealed class ConfigRepo : IDisposable
{
    public ConfigRepo(string host)
    {
        Host = host;
        Root = Path.Combine(Path.GetTempPath(), "gitops-config-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "stacks"));
        Inventory();
    }

    public string Host { get; }

    public string Root { get; }

    /// <summary>Writes the inventory; <paramref name="extra"/> is appended as top-level YAML (e.g. a policy).</summary>
    public ConfigRepo Inventory(string extra = "")
    {
        File.WriteAllText(Path.Combine(Root, "inventory.yaml"), $"hosts:\n  {Host}: {{}}\n{extra}");
        return this;
    }

    /// <summary>Writes a stack targeted at the host.</summary>
    public ConfigRepo Stack(string name, string compose, string policy = "")
    {
        var directory = Path.Combine(Root, "stacks", name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "compose.yaml"), compose);
        File.WriteAllText(Path.Combine(directory, "stack.yaml"), $"targets: [{Host}]\n{policy}");
        return this;
    }

    public ConfigRepo Without(string stack)
    {
        Directory.Delete(Path.Combine(Root, "stacks", stack), recursive: true);
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
