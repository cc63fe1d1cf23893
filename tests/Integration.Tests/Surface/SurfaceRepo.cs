namespace GitOps.Integration.Tests.Surface;

/// <summary>A config repository on disk with one stack, <paramref name="project"/>, of demo/web:v1 for host <see cref="Host"/>.</summary>
internal sealed class SurfaceRepo : IDisposable
{
    public const string Host = "it-host";

    public SurfaceRepo(string project)
    {
        Root = Path.Combine(Path.GetTempPath(), "surface-repo-" + project);
        Directory.CreateDirectory(Path.Combine(Root, "stacks", project));
        File.WriteAllText(Path.Combine(Root, "inventory.yaml"), $"hosts:\n  {Host}: {{}}\n");
        File.WriteAllText(Path.Combine(Root, "stacks", project, "stack.yaml"), $"targets: [{Host}]\n");
        File.WriteAllText(Path.Combine(Root, "stacks", project, "compose.yaml"),
            $"services:\n  web:\n    image: {EngineFixture.Image("web:v1")}\n");
    }

    public string Root { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
