using GitOps.Daemon.Commands;
using GitOps.Integration.Tests.Infrastructure;

namespace GitOps.Integration.Tests.Cli;

/// <summary>
/// <c>gitops-agent completion bash|zsh</c> from the real executable, loaded into the real shells: the script must parse
/// and complete verbs, options and values the way the parser accepts them.
/// </summary>
public sealed class CliCompletionTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli-completion");

    public void Dispose() => _dir.Dispose();

    private string Script(string shell)
    {
        var result = ProcessRunner.Run("dotnet", [typeof(CompletionCommand).Assembly.Location, "completion", shell]);
        Assert.Equal("", result.Error);
        var path = Path.Combine(_dir.Path, "gitops-agent." + shell);
        File.WriteAllText(path, result.Output);
        return path;
    }

    /// <summary>What bash completes for the words typed so far (the last one is the word being completed).</summary>
    private List<string> Complete(string script, params string[] words)
    {
        var line = string.Join(' ', words.Select(w => "'" + w + "'"));
        var probe = $"source '{script}'\nCOMP_WORDS=(gitops-agent {line})\nCOMP_CWORD={words.Length}\n_gitops_agent\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n";
        var result = ProcessRunner.Run("bash", ["--norc", "--noprofile", "-c", probe], workingDirectory: _dir.Path);
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Bash_Script_IsValidBash()
    {
        var result = ProcessRunner.Run("bash", ["-n", Script("bash")], check: false);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Bash_VerbPrefix_CompletesMatchingVerbs()
    {
        var script = Script("bash");

        Assert.Equal(["plan"], Complete(script, "pl"));
        Assert.Equal(["secrets", "suspend", "sync"], Complete(script, "s"));
        Assert.Equal(["render", "resume", "retry", "run"], Complete(script, "r"));
        Assert.Contains("completion", Complete(script, ""));
    }

    [Fact]
    public void Bash_OptionPrefix_CompletesThatVerbsOptions()
    {
        var script = Script("bash");

        Assert.Equal(["--json"], Complete(script, "drift", "--j"));
        Assert.Equal(["--refresh", "--repo"], Complete(script, "drift", "--re"));
        Assert.Equal(["--limit"], Complete(script, "history", "--l"));
        Assert.Empty(Complete(script, "validate", "--refresh"));
    }

    [Fact]
    public void Bash_Values_ShellsAndDirectories()
    {
        var script = Script("bash");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "repo-one"));

        Assert.Equal(["bash"], Complete(script, "completion", "b"));
        Assert.Equal(["repo-one"], Complete(script, "validate", "repo-"));
        Assert.Equal(["repo-one"], Complete(script, "plan", "--state-dir", "repo"));
        Assert.Empty(Complete(script, "plan", "--host", "repo"));
    }

    [Fact]
    public void Zsh_Script_IsValidAndRegistersWithCompinit()
    {
        var script = Script("zsh");
        Assert.Equal(0, ProcessRunner.Run("zsh", ["-n", script], check: false).ExitCode);

        var probe = $"autoload -U compinit && compinit -u -D\nsource '{script}'\nprint -r -- \"${{_comps[gitops-agent]}}\"\n";
        var result = ProcessRunner.Run("zsh", ["-f", "-c", probe], workingDirectory: _dir.Path);

        Assert.Equal("_gitops_agent\n", result.Output);
    }

    [Fact]
    public void Bash_GroupMember_CompletesTheGroupsVerbsThenTheirOptions()
    {
        var script = Script("bash");

        Assert.Equal(["history", "logs", "run"], Complete(script, "task", ""));
        Assert.Contains("--wait", Complete(script, "task", "run", "--w"));
    }

    [Fact]
    public void Zsh_Script_DescribesEveryVerbAndItsOptions()
    {
        var text = File.ReadAllText(Script("zsh"));

        foreach (var verb in CommandCatalog.All().Select(c => c.Spec))
        {
            // A member of a group (task run) is matched as its two words, and the group itself is described once.
            var label = verb.Group is null ? verb.Name : $"'{verb.FullName}'";
            Assert.Contains($"\n        {label})\n", text, StringComparison.Ordinal);
            Assert.Contains($"'{verb.Group ?? verb.Name}:", text, StringComparison.Ordinal);
        }
        Assert.Contains("'--limit[How many reconciles to list (default 20).]:N: '", text, StringComparison.Ordinal);
        Assert.Contains("'1:shell:(bash zsh)'", text, StringComparison.Ordinal);
    }
}
