using System.Diagnostics;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Apply;

/// <summary>Managed stacks stay visible to the compose CLI (here Debian's docker-compose v1).</summary>
public sealed class ComposeCompatibilityTests(EngineFixture fixture, ITestOutputHelper output) : EngineTest(fixture, output)
{
    [Fact]
    public async Task DockerComposePs_ManagedStack_ListsItsContainers()
    {
        if (!File.Exists("/usr/bin/docker-compose"))
        {
            return;
        }
        await DeployAsync(Stack(StackPlans.Web("v1")));
        // docker-compose v1 needs a compose file naming the services; it then finds the containers by label.
        await File.WriteAllTextAsync(
            Path.Combine(WorkingDir, "compose.yaml"),
            $"services:\n  web:\n    image: {EngineFixture.Image("web:v1")}\n",
            Token);

        using var process = Process.Start(new ProcessStartInfo("/usr/bin/docker-compose", ["-p", Project, "ps"])
        {
            WorkingDirectory = WorkingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(Token);
        var errors = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);

        Assert.True(process.ExitCode == 0, errors);
        Assert.Contains($"{Project}-web-1", output, StringComparison.Ordinal);
        Assert.Contains("Up", output, StringComparison.Ordinal);
    }
}
