using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Tests.Desired;

namespace GitOps.Reconciler.Tests.Cli;

public class ValidateCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = new ValidateCommand(FakeCompose.Load);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse(args, command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunAsync_ValidRepo_ExitZeroWithSummary()
    {
        using var repo = TestRepo.Valid();
        var (exit, output, _) = await Run(repo.Root);
        Assert.Equal(0, exit);
        Assert.Equal("valid for 2 hosts (0 warnings)\n", output);
    }

    [Fact]
    public async Task RunAsync_Errors_ExitOneWithPositionsAndCount()
    {
        using var repo = TestRepo.Valid()
            .Write("stacks/app/stack.yaml", "targets: [prod, nope]\nfoo: 1\n")
            .Write("stacks/other/compose.yaml", "services: {}\n");
        var (exit, output, _) = await Run(repo.Root);
        Assert.Equal(1, exit);
        Assert.Equal(
            "stacks/app/stack.yaml:1:17: unknown target 'nope'; expected a group or host defined in inventory.yaml\n"
            + "stacks/app/stack.yaml:2:1: unknown key 'foo' in stacks/app/stack.yaml; expected one of: targets, variables, profiles, suspended, selfHeal, removeVolumes, policy, sensitive\n"
            + "stacks/other:1:1: warning: stack 'other' has no stack.yaml with 'targets:', so it applies to no host\n"
            + "invalid: 2 errors, 1 warning (checked 2 hosts)\n",
            output);
    }

    [Fact]
    public async Task RunAsync_Json_ArrayOfFindings()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/stack.yaml", "targets: [prod]\nsuspended: maybe\n");
        var (exit, output, _) = await Run(repo.Root, "--json");
        Assert.Equal(1, exit);
        var item = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal("error", item.GetProperty("severity").GetString());
        Assert.Equal("stacks/app/stack.yaml", item.GetProperty("file").GetString());
        Assert.Equal(2, item.GetProperty("line").GetInt32());
        Assert.Equal(12, item.GetProperty("column").GetInt32());
        Assert.Equal("expected true or false for 'suspended', found 'maybe'", item.GetProperty("message").GetString());
    }

    [Fact]
    public async Task RunAsync_OneHost_ChecksOnlyThatHost()
    {
        using var repo = TestRepo.Valid().Write("tasks/t.yaml", "targets: [web-2]\nschedule: '@daily'\nimage: ${REGISTRY}/t:1\n");
        var (exitOther, outputOther, _) = await Run(repo.Root, "--host", "web-1");
        Assert.Equal(0, exitOther);
        Assert.Equal("valid for host 'web-1' (0 warnings)\n", outputOther);
        var (exit, output, _) = await Run(repo.Root, "--host", "web-2");
        Assert.Equal(1, exit);
        Assert.StartsWith("tasks/t.yaml:3:8: variable 'REGISTRY' is not set for host 'web-2'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownHost_ExitOne()
    {
        using var repo = TestRepo.Valid();
        var (exit, output, _) = await Run(repo.Root, "--host", "ghost");
        Assert.Equal(1, exit);
        Assert.StartsWith("inventory.yaml:1:1: host 'ghost' is not in inventory.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingDirectory_ExitOneOnStderr()
    {
        var (exit, output, error) = await Run("/nonexistent/repo");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal("gitops-agent validate: directory '/nonexistent/repo' does not exist\n", error);
    }

    [Fact]
    public async Task Dispatcher_Help_ListsOptions()
    {
        var output = new StringWriter();
        var exit = await new CommandDispatcher(CommandCatalog.All()).RunAsync(["validate", "--help"], output, new StringWriter(), CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Contains("--host HOST", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--json", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LayoutWarning_ShownInTextAndJson()
    {
        using var repo = TestRepo.Valid().Write("tasks/backup.json", "{}\n");
        var (exit, output, _) = await Run(repo.Root);
        Assert.Equal(0, exit);
        Assert.Equal(
            "tasks/backup.json:1:1: warning: 'tasks/backup.json' is ignored: only .yaml and .yml files in tasks/ define tasks\n"
            + "valid for 2 hosts (1 warning)\n",
            output);
        var (_, json, _) = await Run(repo.Root, "--json");
        var item = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal("warning", item.GetProperty("severity").GetString());
        Assert.Equal("tasks/backup.json", item.GetProperty("file").GetString());
    }

    private static async Task<(int Exit, string Output, string Error)> RunWithRealCompose(params string[] args)
    {
        var command = new ValidateCommand();
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command.RunAsync(CommandLine.Parse(args, command.Spec), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static string RepositoryFile(string path) => Path.Combine(Path.GetDirectoryName(ExampleRepo.Open().Root.TrimEnd('/'))!, path);

    [Fact]
    public async Task RunAsync_ExampleRepoAgainstItsHostPolicy_Valid()
    {
        var (exit, output, error) = await RunWithRealCompose(ExampleRepo.Open().Root, "--host", "demo", "--policy", RepositoryFile("host-policy.yaml"));

        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public async Task RunAsync_ExampleRepoAgainstBareBaseline_BackupTaskRefusedWithTheSettingThatAllowsIt()
    {
        using var policy = new TestRepo().Write("agent.yaml", "policy: { profile: baseline }\n");

        var (exit, output, _) = await RunWithRealCompose(ExampleRepo.Open().Root, "--host", "demo", "--policy", Path.Combine(policy.Root, "agent.yaml"));

        Assert.Equal(1, exit);
        Assert.Contains("tasks/backup.yaml:15:5: 'volumes' of task 'backup': bind-mounts the host path '/var/backups'", output, StringComparison.Ordinal);
        Assert.Contains("policy.allow: [{task: backup, bindMounts: [/var/backups]}]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PolicyRefusal_PositionedErrorAndExitOne()
    {
        using var repo = TestRepo.Valid().Write("stacks/app/compose.yaml", "services:\n  web:\n    image: nginx:1\n    privileged: true\n");
        using var policy = new TestRepo().Write("agent.yaml", "repo: { url: file:///r }\npolicy: { profile: baseline }\n");

        var (exit, output, _) = await RunWithRealCompose(repo.Root, "--host", "web-1", "--policy", Path.Combine(policy.Root, "agent.yaml"));
        var (exitWithout, _, _) = await RunWithRealCompose(repo.Root, "--host", "web-1");

        Assert.Equal(1, exit);
        Assert.StartsWith("stacks/app/compose.yaml:4:5: 'privileged' of service 'web' of stack 'app'", output, StringComparison.Ordinal);
        Assert.Contains("refused by host policy 'baseline'", output, StringComparison.Ordinal);
        Assert.Equal(0, exitWithout);
    }

    [Fact]
    public async Task RunAsync_PolicyFileInvalid_ExitOneNamingTheMistake()
    {
        using var repo = TestRepo.Valid();
        using var policy = new TestRepo().Write("agent.yaml", "policy: { profile: lax }\n");

        var (exit, _, error) = await Run(repo.Root, "--policy", Path.Combine(policy.Root, "agent.yaml"));

        Assert.Equal(1, exit);
        Assert.Contains("policy.profile: expected one of baseline, restricted, privileged, found 'lax'", error, StringComparison.Ordinal);
    }
}
