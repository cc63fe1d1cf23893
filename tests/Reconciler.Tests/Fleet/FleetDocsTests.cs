using GitOps.Reconciler.Fleet;

namespace GitOps.Reconciler.Tests.Fleet;

/// <summary>docs/fleet.md shows a DBA the SQL the agent runs: it must be that SQL, not an older copy.</summary>
public class FleetDocsTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, relative));
    }

    [Fact]
    public void FleetDoc_EveryMigration_ShownLineByLine()
    {
        var doc = RepoFile("docs/fleet.md").Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        var missing = FleetSchema.Migrations
            .SelectMany(m => m.Sql.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            .Where(line => !doc.Contains(line))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void FleetDoc_HostRoleStatements_Shown()
    {
        var doc = RepoFile("docs/fleet.md");

        var missing = FleetRoles.HostStatements(FleetRoles.HostRole("web-1"), "...")
            .Concat(FleetRoles.ReaderStatements("grafana", "..."))
            .Where(statement => !doc.Contains(statement + ";", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(missing);
    }
}
