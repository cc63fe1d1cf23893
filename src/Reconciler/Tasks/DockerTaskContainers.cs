using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Engine;
using TaskSpec = GitOps.Reconciler.Desired.TaskSpec;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// <see cref="ITaskContainers"/> on the Docker engine: a <c>run</c> task is a new container (pulled when missing,
/// labelled as the agent's, removed after the run once its output is read); an <c>exec</c> task runs in the running
/// container of a stack's service, as <c>docker compose exec</c> does.
/// </summary>
public sealed partial class DockerTaskContainers(IDockerEngine engine, DockerClient client, string owner, TimeProvider time, ILogger<DockerTaskContainers> logger)
    : ITaskContainers
{
    /// <summary>How long a stopped task container gets between TERM and KILL.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    // Output beyond this is dropped from the front while reading; history keeps less anyway.
    private const int ReadLimit = 4 * TaskOutput.MaxBytes;

    public async Task<TaskAttempt> RunAsync(TaskSpec spec, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            return spec.Exec is null
                ? await RunContainerAsync(spec, runId, cancellationToken)
                : await ExecAsync(spec, spec.Exec, cancellationToken);
        }
        catch (Exception ex) when (ex is DockerApiException or ImagePullException or HttpRequestException or IOException or TimeoutException)
        {
            LogRunFailed(spec.Name, ex.Message);
            return new TaskAttempt(TaskOutcome.Failed, null, "", ex.Message);
        }
    }

    private async Task<TaskAttempt> RunContainerAsync(TaskSpec spec, string runId, CancellationToken cancellationToken)
    {
        if (spec.PullAlways || await engine.Images.InspectAsync(spec.Image, cancellationToken) is null)
        {
            await engine.Images.PullAsync(spec.Image, new Progress<JSONMessage>(), cancellationToken);
        }
        var id = await engine.Containers.CreateAsync(CreateParameters(spec, runId, owner), cancellationToken);
        try
        {
            await engine.Containers.StartAsync(id, cancellationToken);
            using var timeout = new CancellationTokenSource(spec.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            long? exit = null;
            try
            {
                exit = (await client.Containers.WaitContainerAsync(id, linked.Token)).StatusCode;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // The engine sends TERM, then KILL after the grace.
                await engine.Containers.StopAsync(id, StopGrace, CancellationToken.None);
            }
            var output = await LogsAsync(id, CancellationToken.None);
            if (exit is null)
            {
                return timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                    ? new TaskAttempt(TaskOutcome.TimedOut, null, output, $"stopped after its timeout of {spec.Timeout}")
                    : new TaskAttempt(TaskOutcome.Failed, null, output, "stopped before it ended (replaced, or the agent stopped)");
            }
            var code = (int)exit.Value;
            return new TaskAttempt(code == 0 ? TaskOutcome.Succeeded : TaskOutcome.Failed, code, output, code == 0 ? null : $"exited with {code}");
        }
        finally
        {
            await engine.Containers.RemoveAsync(id, force: true, CancellationToken.None);
        }
    }

    internal static CreateContainerParameters CreateParameters(TaskSpec spec, string runId, string owner) => new()
    {
        Name = $"gitops-task-{spec.Name}-{runId}",
        Image = spec.Image,
        Cmd = spec.Command?.ToList()!,
        Env = [.. spec.Environment.Select(kv => kv.Key + "=" + kv.Value)],
        User = spec.User!,
        WorkingDir = spec.WorkingDir!,
        Labels = new Dictionary<string, string>
        {
            [EngineLabels.Managed] = "true",
            [EngineLabels.Owner] = owner,
            [TaskContainerLabels.Task] = spec.Name,
            [TaskContainerLabels.Run] = runId,
        },
        HostConfig = new HostConfig
        {
            NetworkMode = spec.Network!,
            Mounts = [.. spec.Mounts.Select(m => new Mount
            {
                Type = m.Type == MountType.Bind ? "bind" : "volume",
                Source = m.Source,
                Target = m.Target,
                ReadOnly = m.ReadOnly,
            })],
        },
    };

    private async Task<TaskAttempt> ExecAsync(TaskSpec spec, TaskExecTarget target, CancellationToken cancellationToken)
    {
        string[] labels = [EngineLabels.ManagedFilter, EngineLabels.OwnerFilter(owner), $"{EngineLabels.Project}={target.Stack}", $"{EngineLabels.Service}={target.Service}"];
        var container = (await engine.Containers.ListAsync(labels, cancellationToken)).FirstOrDefault(c => c.State == "running");
        if (container is null)
        {
            return new TaskAttempt(TaskOutcome.Failed, null, "", $"no running container of service '{target.Service}' in stack '{target.Stack}'");
        }
        var exec = await client.Exec.CreateContainerExecAsync(container.ID, new ContainerExecCreateParameters
        {
            Cmd = spec.Command?.ToList() ?? [],
            Env = [.. spec.Environment.Select(kv => kv.Key + "=" + kv.Value)],
            User = spec.User!,
            WorkingDir = spec.WorkingDir!,
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken);
        using var timeout = new CancellationTokenSource(spec.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var output = new StringBuilder();
        try
        {
            using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), linked.Token);
            await ReadAsync(stream, output, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The engine cannot stop an exec'd process; the agent stops waiting for it and says so.
            var why = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            return new TaskAttempt(why ? TaskOutcome.TimedOut : TaskOutcome.Failed, null, output.ToString(),
                why ? $"gave up after its timeout of {spec.Timeout}; the process in the service container is not stopped by the engine"
                    : "stopped waiting before it ended (replaced, or the agent stopped)");
        }
        var inspect = await client.Exec.InspectContainerExecAsync(exec.ID, CancellationToken.None);
        var code = (int)(inspect.ExitCode ?? -1);
        return new TaskAttempt(code == 0 ? TaskOutcome.Succeeded : TaskOutcome.Failed, code, output.ToString(), code == 0 ? null : $"exited with {code}");
    }

    private async Task<string> LogsAsync(string id, CancellationToken cancellationToken)
    {
        using var stream = await client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken);
        var output = new StringBuilder();
        await ReadAsync(stream, output, cancellationToken);
        return output.ToString();
    }

    private static async Task ReadAsync(MultiplexedStream stream, StringBuilder output, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
            if (read.EOF)
            {
                return;
            }
            var count = decoder.GetChars(buffer, 0, read.Count, chars, 0);
            output.Append(chars, 0, count);
            if (output.Length > ReadLimit)
            {
                output.Remove(0, output.Length - ReadLimit);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {Task} could not run: {Reason}")]
    private partial void LogRunFailed(string task, string reason);
}
