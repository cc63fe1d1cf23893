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
