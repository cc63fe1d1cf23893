using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace GitOps.Reconciler.Engine;

public sealed partial class DockerEngine : IDockerSystem
{
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.System.PingAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or DockerApiException
            or System.Net.Sockets.SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public async IAsyncEnumerable<DockerEvent> ContainerEventsAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<DockerEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var parameters = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["type"] = new Dictionary<string, bool> { ["container"] = true, ["network"] = true } },
            Since = since?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var progress = new EventForwarder(events.Writer);
        var monitor = Task.Run(async () =>
        {
            try
            {
                await _client.System.MonitorEventsAsync(parameters, progress, cancellationToken);
                events.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                events.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);
        await foreach (var dockerEvent in events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return dockerEvent;
        }
        await monitor;
    }

    /// <summary>Hands each message over as it arrives (not through a synchronisation context, as <see cref="Progress{T}"/> would).</summary>
    private sealed class EventForwarder(ChannelWriter<DockerEvent> writer) : IProgress<Message>
    {
        public void Report(Message value) => writer.TryWrite(DockerEvent.From(value));
    }
}
