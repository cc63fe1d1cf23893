using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>build: with the stack's allowBuild policy: context inside the repo, content-hash tag, refusals.</summary>
public class ComposeLoaderBuildTests
{
    private static (StackSpec? Stack, DiagnosticBag Bag) Load(TempRepo repo, string compose)
    {
        repo.Write(TempRepo.ComposeFile, compose);
        var bag = new DiagnosticBag();
        var source = new ComposeSource(repo.Repo, "stacks/app", TempRepo.ComposeFile, "app", new Dictionary<string, string> { ["VERSION"] = "3" }, [])
        {
            AllowBuild = true,
        };
        return (ComposeLoader.Load(source, bag), bag);
    }

    private static ServiceSpec Web(TempRepo repo, string compose)
    {
        var (stack, bag) = Load(repo, compose);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return stack!.Services["web"];
    }

    private const string Full = """
        services:
          web:
            build:
              context: ./app
              dockerfile: docker/Dockerfile
              args:
                MODE: prod
                VERSION:
              target: runtime
              labels: {team: ml}
              network: host
              extra_hosts: ["mirror=10.0.0.9"]
              cache_from: [127.0.0.1:5000/demo/web:v1]
        """;

    private static TempRepo WithContext() => new TempRepo()
        .Write("stacks/app/app/docker/Dockerfile", "FROM 127.0.0.1:5000/demo/web:v1\nCOPY index.html /www/\n")
        .Write("stacks/app/app/index.html", "v1\n");

    [Fact]
    public void Load_BuildMapping_SpecAndContentHashTag()
    {
        using var repo = WithContext();

        var web = Web(repo, Full);

        Assert.Matches("^app-web:ctx-[0-9a-f]{16}$", web.Image);
        var build = web.Build!;
        Assert.Equal(Path.Combine(repo.StackPath, "app"), build.Context);
        Assert.Equal("docker/Dockerfile", build.Dockerfile);
        Assert.Equal(new Dictionary<string, string> { ["MODE"] = "prod", ["VERSION"] = "3" }, build.Args);
        Assert.Equal(("runtime", "host"), (build.Target, build.Network));
        Assert.Equal(["mirror:10.0.0.9"], build.ExtraHosts);
        Assert.Equal(["127.0.0.1:5000/demo/web:v1"], build.CacheFrom);
        Assert.Equal("ml", build.Labels["team"]);
    }

    [Fact]
    public void Load_SameContext_SameTag_ChangedFile_NewTag()
    {
        using var repo = WithContext();
        var first = Web(repo, Full).Image;
        Assert.Equal(first, Web(repo, Full).Image);

        repo.Write("stacks/app/app/index.html", "v2\n");

        Assert.NotEqual(first, Web(repo, Full).Image);
    }

    [Fact]
    public void Load_ChangedArg_NewTag()
    {
        using var repo = WithContext();
        var first = Web(repo, Full).Image;

        Assert.NotEqual(first, Web(repo, Full.Replace("MODE: prod", "MODE: dev", StringComparison.Ordinal)).Image);
    }

    [Fact]
    public void Load_BuildString_ContextWithDefaultDockerfile()
    {
        using var repo = new TempRepo().Write("stacks/app/Dockerfile", "FROM scratch\n");

        var web = Web(repo, "services:\n  web:\n    build: .\n");

        Assert.Equal(("Dockerfile", repo.StackPath), (web.Build!.Dockerfile, web.Build.Context));
    }

    [Fact]
    public void Load_ContextOutsideTheRepository_Refused()
    {
        using var repo = WithContext();

        var (stack, bag) = Load(repo, "services:\n  web:\n    build:\n      context: ../../..\n");

        Assert.Null(stack);
        Assert.Contains(bag.Items, d => d.Severity == Severity.Error && d.Position.Line == 4 && d.Message.Contains("points outside the repository", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DockerfileOutsideTheContext_Refused()
    {
        using var repo = WithContext();

        var (stack, bag) = Load(repo, "services:\n  web:\n    build:\n      context: ./app\n      dockerfile: ../../compose.yaml\n");

        Assert.Null(stack);
        Assert.Contains(bag.Items, d => d.Message == "dockerfile '../../compose.yaml' of service 'web' is outside its build context; the engine only sees the context");
    }

    [Fact]
    public void Load_RemoteContext_Refused()
    {
        using var repo = new TempRepo();

        var (stack, bag) = Load(repo, "services:\n  web:\n    build: https://github.com/x/y.git\n");

        Assert.Null(stack);
        Assert.Contains(bag.Items, d => d.Message.StartsWith("unsupported: a remote build context", StringComparison.Ordinal));
    }
}
