using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.CommandLine;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Http;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Webhooks;

namespace GitOps.Daemon.Commands;

/// <summary>
/// <c>task run NAME [--wait]</c>: asks the running daemon to run a task now (<c>POST /tasks/NAME/run</c>, signed with
/// the webhook secret like <c>POST /reconcile</c>). It never opens the job store itself, so there is only ever one
/// scheduler firing; with <c>--wait</c> it follows the run (<c>GET /tasks/NAME/runs/ID</c>) and exits with its exit code.
/// </summary>
public sealed class TaskRunCommand : ICommand
{
    /// <summary>How often --wait asks the daemon about the run.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Argument<string> _name = TaskVerbOptions.Name();
    private readonly Option<string?> _config = CliOptions.Config($"The agent configuration, for its HTTP address and webhook secret (default {AgentConfig.DefaultPath}).");
    private readonly Option<string?> _url = CliOptions.Value("--url", "URL", "The daemon's HTTP address (default: http:// and the configuration's http.listen).");
    private readonly Option<bool> _wait = CliOptions.Flag("--wait", "Wait for the run to end and exit with its exit code.");

    private readonly TimeProvider _time;

    public TaskRunCommand()
        : this(TimeProvider.System)
    {
    }

    public TaskRunCommand(TimeProvider time)
    {
        _time = time;
        Spec = new CommandSpec(
        "run",
        "Ask the running daemon to run a task now; with --wait, follow it and exit with its exit code.",
        "Needs the daemon running with a webhook secret (http.webhookSecretFile): the request is signed with it. "
        + "A suspended task, or one still running with concurrency: forbid, is refused. "
        + "Exit status without --wait: 0 when the daemon accepted the request, 1 otherwise. With --wait: the run's exit code, "
        + "or 1 when it ended without one (failed to start, timed out, skipped).")
        {
            Group = "task",
        };
        Spec.Add(_name);
        Spec.AddAll([_config, _url, _wait]);
    }

    public CommandSpec Spec { get; }

    public async Task<int> RunAsync(CommandLine args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var name = args.GetValue(_name)!;
        var (ok, config) = await TaskVerbOptions.LoadConfigAsync(args.GetValue(_config), error, required: true);
        if (!ok || config is null)
        {
            return 1;
        }
        if (config.WebhookSecretFile is not { } secretFile || !File.Exists(secretFile))
        {
            await error.WriteLineAsync("gitops-agent task run: the daemon runs tasks over HTTP only with a webhook secret; set http.webhookSecretFile in the configuration");
            return 1;
        }
        var secret = (await File.ReadAllTextAsync(secretFile, cancellationToken)).Trim();
        var baseUri = new Uri(args.GetValue(_url) ?? "http://" + Loopback(config.HttpListen));
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var body = RequestBody(name);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"tasks/{Uri.EscapeDataString(name)}/run") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(body, secret));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"gitops-agent task run: the daemon does not answer at {baseUri} ({ex.Message}); is it running?");
            return 1;
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                var reason = await response.Content.ReadAsStringAsync(cancellationToken);
                await error.WriteLineAsync($"gitops-agent task run: {(int)response.StatusCode} {response.StatusCode}: {reason.Trim()}");
                return 1;
            }
            var accepted = await response.Content.ReadFromJsonAsync(TaskRunClientJsonContext.Default.Accepted, cancellationToken)
                ?? throw new InvalidOperationException("the daemon answered 202 without a body");
            await output.WriteLineAsync($"Task {name}: run requested (request {accepted.Run}).");
            if (!args.GetValue(_wait))
            {
                return 0;
            }
            return await WaitAsync(http, name, accepted.Run, output, error, cancellationToken);
        }
    }

    private async Task<int> WaitAsync(HttpClient http, string name, string id, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await http.GetFromJsonAsync($"tasks/{Uri.EscapeDataString(name)}/runs/{id}", TaskRunClientJsonContext.Default.TaskRunState, cancellationToken)
                ?? throw new InvalidOperationException("the daemon answered without a run state");
            if (state.State == TaskRunState.Finished)
            {
                var duration = state.StartedAt is { } s && state.EndedAt is { } e ? (e - s).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s" : "-";
                var exit = state.ExitCode is { } code ? $" (exit code {code})" : "";
                await output.WriteLineAsync($"Task {name}: run {state.RunId} {state.Outcome}{exit} in {duration}" + (state.Message is { } m ? ": " + m : "") + ".");
                if (state.ExitCode is null)
                {
                    await error.WriteLineAsync($"gitops-agent task run: the run ended {state.Outcome} without an exit code ('gitops-agent task logs {name} --run {state.RunId}' shows its output)");
                    return 1;
                }
                return state.ExitCode.Value;
            }
            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    /// <summary>Where to reach a daemon listening on <paramref name="listen"/>: its loopback when it listens on every address.</summary>
    private static string Loopback(ListenAddress listen) => listen.Host switch
    {
        "0.0.0.0" => $"127.0.0.1:{listen.Port}",
        "::" => $"[::1]:{listen.Port}",
        _ => listen.ToString(),
    };

    /// <summary><c>{"task":"NAME"}</c>, escaped as the serializer's defaults escape it.</summary>
    private static byte[] RequestBody(string name)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("task", name);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    internal sealed record Accepted(string Status, string Task, string Run);
}
