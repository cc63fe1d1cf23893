using GitOps.Reconciler.Repository;

namespace GitOps.Reconciler.Tests.Desired;

/// <summary>The project's examples/repo-layout, found from the test binaries by walking up to the solution.</summary>
public static class ExampleRepo
{
    public static RepoDirectory Open()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GitOps.sln")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        return new RepoDirectory(Path.Combine(directory.FullName, "examples", "repo-layout"));
    }

    /// <summary>What validating without a key says about the chatbot's encrypted env file, once for every host.</summary>
    public const string NotDecryptedWarning =
        "stacks/chatbot/compose.yaml:7:15: warning: stacks/chatbot/secrets.env: encrypted, not decrypted without the host's age key (structure only; use --host with the key to check it)";

    /// <summary>The demo host's key, the demo-only one committed beside the example (examples/demo-only-age.key).</summary>
    public static string DemoKeyFile => Path.Combine(Path.GetDirectoryName(Open().Root.TrimEnd('/'))!, "demo-only-age.key");

    /// <summary>A writable copy of the example in a <see cref="TestRepo"/>, for tests that change one thing in it.</summary>
    public static TestRepo Copy()
    {
        var source = Open().Root;
        var copy = new TestRepo();
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            copy.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }
        return copy;
    }
}
