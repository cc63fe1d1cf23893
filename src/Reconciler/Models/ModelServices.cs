using GitOps.Reconciler.Engine;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Models;

/// <summary>The models kind wired for one agent: store, probe, downloader (http, s3, repository), Docker consumers; owns the clients.</summary>
public sealed class ModelServices : IDisposable
{
    private readonly HttpClient _http;
    private readonly S3ModelSourceReader _s3;

    private ModelServices(HttpClient http, S3ModelSourceReader s3, ModelKind kind, ModelStore store, ModelRecordStore records)
    {
        _http = http;
        _s3 = s3;
        Kind = kind;
        Store = store;
        Records = records;
    }

    public ModelKind Kind { get; }

    public ModelStore Store { get; }

    public ModelRecordStore Records { get; }

    /// <param name="containers">The engine's containers, for restarting consumers; null to leave consumers alone.</param>
    public static ModelServices Create(
        string stateDirectory, ModelsConfig config, string owner, IDockerContainers? containers, Uri dockerEndpoint, TimeProvider time, ILoggerFactory loggers,
        HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        // Downloads of large files outlive any fixed timeout; a stalled one is cut by the read timeout of the handler.
        var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var s3 = new S3ModelSourceReader(config.S3);
        var store = new ModelStore(stateDirectory);
        var records = new ModelRecordStore(store);
        var readers = new Dictionary<ModelSourceKind, IModelSourceReader>
        {
            [ModelSourceKind.Http] = new HttpModelSourceReader(http),
            [ModelSourceKind.S3] = s3,
            [ModelSourceKind.Repository] = new RepositoryModelSourceReader(),
        };
        var downloader = new ModelDownloader(store, readers, time, loggers.CreateLogger<ModelDownloader>(), config.DownloadAttempts, config.RetryDelay);
        var consumers = containers is null ? null : new DockerModelConsumers(containers, dockerEndpoint, owner, time);
        var kind = new ModelKind(store, records, new ModelProbe(store, stateDirectory, config, time), downloader, consumers, config, time, loggers.CreateLogger<ModelKind>());
        return new ModelServices(http, s3, kind, store, records);
    }

    public void Dispose()
    {
        _http.Dispose();
        _s3.Dispose();
    }
}
