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
}
