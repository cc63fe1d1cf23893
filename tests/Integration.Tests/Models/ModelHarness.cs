using System.Security.Cryptography;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>
/// The models kind over a real store on disk and the loopback file server: a state directory and an allowed root in a
/// temporary directory, consumers recorded (or failing on demand), retries without real waiting.
/// </summary>
public sealed class ModelHarness : IDisposable
{
    private readonly TempDirectory _temp = new("gitops-models");
    private readonly List<IDisposable> _owned = [];
    private readonly ILoggerFactory _loggers;

    /// <param name="output">Where the models kind logs: the test's output, shown when it fails.</param>
    public ModelHarness(ITestOutputHelper output, string? stateDirectory = null)
    {
        _loggers = TestOutputLoggerProvider.Factory(output);
        StateDirectory = stateDirectory ?? _temp.Combine("state");
        Root = _temp.Combine("srv", "models");
        Directory.CreateDirectory(Root);
        Config = new ModelsConfig([Root], ModelsS3Config.Default) { RetryDelay = TimeSpan.FromMilliseconds(10), DownloadAttempts = 4 };
        Kind = NewKind();
    }

    public ModelFileServer Server { get; } = new();

    public string StateDirectory { get; }

    public string Root { get; }

    public string Temp => _temp.Path;

    public ModelsConfig Config { get; set; }

    public RecordingConsumers Consumers { get; } = new();

    /// <summary>Real consumers (Docker) instead of the recording ones, for the next <see cref="NewKind"/>.</summary>
    public IModelConsumers? RealConsumers { get; set; }

    public ModelKind Kind { get; private set; }

    /// <summary>The agent's clock, for the next <see cref="NewKind"/>.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public ModelStore Store => new(StateDirectory);

    /// <summary>A new kind over the same state directory, as after a restart of the agent.</summary>
    public ModelKind NewKind(ModelsS3Config? s3 = null)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var s3Reader = new S3ModelSourceReader(s3 ?? Config.S3);
        _owned.Add(http);
        _owned.Add(s3Reader);
        var store = new ModelStore(StateDirectory);
        var readers = new Dictionary<ModelSourceKind, IModelSourceReader>
        {
            [ModelSourceKind.Http] = new HttpModelSourceReader(http),
            [ModelSourceKind.S3] = s3Reader,
            [ModelSourceKind.Repository] = new RepositoryModelSourceReader(),
        };
        var downloader = new ModelDownloader(store, readers, Time, _loggers.CreateLogger<ModelDownloader>(), Config.DownloadAttempts, Config.RetryDelay);
        Kind = new ModelKind(store, new ModelRecordStore(store), new ModelProbe(store, StateDirectory, Config, Time) { Hash = CountedHash }, downloader, RealConsumers ?? Consumers, Config, Time, _loggers.CreateLogger<ModelKind>());
        return Kind;
    }

    /// <summary>The files planning hashed in full, in order.</summary>
    public List<string> Hashed { get; } = [];

    private string CountedHash(string path)
    {
        lock (Hashed)
        {
            Hashed.Add(Path.GetFileName(path));
        }
        return ModelStore.HashFile(path);
    }

    public static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Serves the files and returns a spec for them at <c>Root/name</c>.</summary>
    public ModelSpec Model(string name, string version, params (string File, byte[] Content)[] files)
    {
        foreach (var (file, content) in files)
        {
            Server.Serve($"{name}/{version}/{file}", content);
        }
        var list = files.Select(f => new ModelFile(f.File, new ModelSource(ModelSourceKind.Http, Server.Url($"{name}/{version}/{f.File}")), Sha(f.Content)));
        return new ModelSpec(name, version, ValueList.Sorted(list, Comparer<ModelFile>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name))),
            Path.Combine(Root, name), new SourcePosition($"models/{name}.yaml", 5, 7));
    }

    public static DesiredState Desired(params ModelSpec[] models) => new(
        "host-1",
        ValueList<string>.Empty,
        ValueMap<DesiredStack>.Empty,
        ValueMap<TaskSpec>.Empty,
        ValueMap.From(models.Select(m => KeyValuePair.Create(m.Name, m))),
        FleetPolicy.Default);

    public Task<ModelPlan> PlanAsync(params ModelSpec[] models) => Kind.PlanAsync(Desired(models), Temp, verifyAll: false, CancellationToken.None);

    /// <summary>Plans, applies and remembers once, as one pass does.</summary>
    public async Task<(ModelPlan Plan, IReadOnlyList<ModelOutcome> Outcomes)> PassAsync(params ModelSpec[] models)
    {
        var plan = await PlanAsync(models);
        var outcomes = plan.HasChanges ? await Kind.ApplyAsync(plan, null, CancellationToken.None) : [];
        Kind.Remember(plan);
        return (plan, outcomes);
    }

    public void Dispose()
    {
        Server.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        _temp.Dispose();
        _loggers.Dispose();
    }
}
