using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Tests.Desired;

namespace GitOps.Reconciler.Tests.Cli;

public class RenderCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = new RenderCommand(FakeCompose.Load);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse(args, command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static TestRepo Repo() => TestRepo.Valid()
        .Write("stacks/app/stack.yaml", "targets: [prod]\nvariables:\n  IMAGE: 127.0.0.1:5000/app:1.0\n")
        .Write("tasks/backup.yaml", "targets: [web-1]\nschedule: '0 3 * * *'\nimage: busybox\ncommand: [sh, -c, 'echo ok']\n");

    [Fact]
    public async Task RunAsync_Text_ShowsStacksAndTasks()
    {
        using var repo = Repo();
        var (exit, output, error) = await Run(repo.Root, "--host", "web-1");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.StartsWith("host: web-1\ngroups:\n  - prod\nstacks:\n  app:\n    compose:\n      name: app\n", output, StringComparison.Ordinal);
        Assert.Contains("        image: 127.0.0.1:5000/app:1.0\n", output, StringComparison.Ordinal);
        Assert.Contains("  backup:\n    name: backup\n    schedule: 0 3 * * *\n    quartzCrons:\n      - 0 0 3 * * ?\n", output, StringComparison.Ordinal);
        Assert.Contains("    timeout: 01:00:00\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("resources:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Json_ParsesWithStackImage()
    {
        using var repo = Repo();
        var (exit, output, _) = await Run(repo.Root, "--host", "web-1", "--json");
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("web-1", root.GetProperty("host").GetString());
        var service = root.GetProperty("stacks").GetProperty("app").GetProperty("compose").GetProperty("services").GetProperty("app");
        Assert.Equal("127.0.0.1:5000/app:1.0", service.GetProperty("image").GetString());
        Assert.Equal("0 0 3 * * ?", root.GetProperty("tasks").GetProperty("backup").GetProperty("quartzCrons")[0].GetString());
    }

    [Fact]
    public async Task RunAsync_Json_SameAsReflectionWrote()
    {
        using var repo = Repo();
        var state = new DesiredStateLoader(FakeCompose.Load).Load(new RepoDirectory(repo.Root), "web-1", new DiagnosticBag());

        var (_, output, _) = await Run(repo.Root, "--host", "web-1", "--json");

        Assert.Equal(JsonSerializer.SerializeToNode(state, ReflectionJson.Options)!.ToJsonString(ReflectionJson.Options) + "\n", output);
    }

    /// <summary>render writes the desired state from metadata generated at build time, never by reflection.</summary>
    [Fact]
    public void RenderJson_EveryTypeOfTheDesiredState_Generated()
    {
        Assert.Same(RenderJsonContext.Default, CliJson.Options.TypeInfoResolver);
        var seen = new HashSet<Type>();
        Visit(typeof(DesiredState));
        Assert.True(seen.Count > 10, "the walk reached the desired state's records");

        void Visit(Type type)
        {
            if (!seen.Add(type))
            {
                return;
            }
            // Throws for a type the generated context does not cover.
            var info = CliJson.Options.GetTypeInfo(type);
            if (info.ElementType is { } element)
            {
                Visit(element);
            }
            if (info.KeyType is { } key)
            {
                Visit(key);
            }
            foreach (var property in info.Kind == JsonTypeInfoKind.Object ? info.Properties : [])
            {
                Visit(property.PropertyType);
            }
        }
    }

    [Fact]
    public async Task RunAsync_InvalidRepo_ExitOneWithErrorsOnStderr()
    {
        using var repo = Repo().Write("stacks/app/stack.yaml", "targets: [prod]\nbogus: 1\n");
        var (exit, output, error) = await Run(repo.Root, "--host", "web-1");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("stacks/app/stack.yaml:2:1: unknown key 'bogus'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoHost_UsageError()
    {
        using var repo = Repo();
        var (exit, _, error) = await Run(repo.Root);
        Assert.Equal(1, exit);
        Assert.StartsWith("gitops-agent render: missing option --host HOST\n", error, StringComparison.Ordinal);
    }

    private static TestRepo SecretRepo() => TestRepo.Valid()
        .Write("stacks/app/stack.yaml", "targets: [prod]\nsensitive: [app.env]\n")
        .Write("stacks/app/app.env", "FROM_FILE=open-sesame\n")
        .Write("tasks/backup.yaml", "targets: [web-1]\nschedule: '0 3 * * *'\nimage: busybox\ncommand: [sh, -c, 'echo ok']\n"
            + "environment:\n  TARGET: s3://key:hunter2@bucket/x\n  BACKUP_TOKEN: t0k3n-value\n");

    private static string SecretCompose => "services:\n  app:\n    image: busybox\n    env_file: app.env\n"
        + "    environment:\n      GREETING: postgres://u:hunter2@h/db\n      SMTP_PASS: pa55w0rd\n    command: [run, open-sesame]\n";

    private static async Task<(int Exit, string Output, string Error)> RunSecrets(params string[] args)
    {
        using var repo = SecretRepo().Write("stacks/app/compose.yaml", SecretCompose);
        var command = new RenderCommand();
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse([repo.Root, "--host", "web-1", .. args], command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--json")]
    public async Task RunAsync_PlantedSecrets_MaskedInTheOutput(params string[] args)
    {
        var (exit, output, error) = await RunSecrets(args);

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("open-sesame", output, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55w0rd", output, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n-value", output, StringComparison.Ordinal);
        Assert.Contains("postgres://u:******@h/db", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task RunAsync_ShowSecrets_PlaintextWithAWarning()
    {
        var (exit, output, error) = await RunSecrets("--show-secrets");

        Assert.Equal(0, exit);
        Assert.Contains("postgres://u:hunter2@h/db", output, StringComparison.Ordinal);
        Assert.Contains("open-sesame", output, StringComparison.Ordinal);
        Assert.StartsWith("WRN render --show-secrets:", error, StringComparison.Ordinal);
    }
}
