using System.Text.Json;
using GitOps.Daemon.Cli;
using GitOps.Daemon.Commands;
using GitOps.Reconciler.Models;

namespace GitOps.Reconciler.Tests.Cli;

/// <summary><c>models</c> and <c>models gc</c> through the dispatcher, on a store laid out in a temporary state directory.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private static readonly string Current = new('c', 64);
    private static readonly string Old = new('0', 64);
    private static readonly string Blob = new('b', 64);
    private static readonly string Orphan = new('e', 64);

    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "models-cmd-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ModelStore _store;

    public ModelsCommandTests()
    {
        _store = new ModelStore(_stateDir);
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new CommandDispatcher(CommandCatalog.All()).RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Model ocr at version 2 (current, keep 0) with version 1 left behind, and a blob no version references.</summary>
    private void Installed()
    {
        foreach (var digest in new[] { Current, Old })
        {
            Directory.CreateDirectory(_store.VersionDirectory("ocr", digest));
            File.WriteAllText(Path.Combine(_store.VersionDirectory("ocr", digest), "layout.onnx"), "weights");
            File.WriteAllText(_store.ManifestPath("ocr", digest), Blob + " layout.onnx\n");
        }
        Directory.CreateDirectory(_store.BlobDirectory);
        File.WriteAllText(_store.BlobPath(Blob), "weights");
        File.WriteAllText(_store.BlobPath(Orphan), "unused");
        new ModelRecordStore(_store).Save("ocr", ModelRecord.Empty with
        {
            Current = Current,
            Previous = [Old],
            Keep = 0,
            Versions = new Dictionary<string, string> { [Current] = "2", [Old] = "1" },
            Consumers = ["ocr/worker"],
        });
    }

    [Fact]
    public async Task Models_Json_ListsTheModelWithExplicitNames()
    {
        Installed();

        var (exit, output, _) = await Run("models", "--state-dir", _stateDir, "--json");

        Assert.Equal(0, exit);
        var model = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal("ocr", model.GetProperty("name").GetString());
        Assert.Equal("2", model.GetProperty("version").GetString());
        Assert.Equal(Current, model.GetProperty("digest").GetString());
        Assert.Equal("ocr/worker", Assert.Single(model.GetProperty("consumers").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task ModelsGc_DryRun_ListsTheOldVersionAndTheOrphanBlobAndKeepsThem()
    {
        Installed();

        var (exit, output, _) = await Run("models", "gc", "--state-dir", _stateDir, "--dry-run", "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        var removed = json.GetProperty("removed").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(_store.VersionDirectory("ocr", Old), removed);
        Assert.Contains(_store.BlobPath(Orphan), removed);
        Assert.DoesNotContain(_store.VersionDirectory("ocr", Current), removed);
        Assert.True(Directory.Exists(_store.VersionDirectory("ocr", Old)));
        Assert.True(File.Exists(_store.BlobPath(Orphan)));
    }

    [Fact]
    public async Task ModelsGc_NoDryRun_Removes()
    {
        Installed();

        var (exit, output, _) = await Run("models", "gc", "--state-dir", _stateDir);

        Assert.Equal(0, exit);
        Assert.Contains("removed " + _store.BlobPath(Orphan), output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_store.VersionDirectory("ocr", Old)));
        Assert.False(File.Exists(_store.BlobPath(Orphan)));
        Assert.True(File.Exists(_store.BlobPath(Blob)));
    }

    [Fact]
    public async Task Models_Help_BothVerbsDocumented()
    {
        var (listExit, list, _) = await Run("models", "--help");
        var (gcExit, gc, _) = await Run("models", "gc", "--help");

        Assert.Equal(0, listExit);
        Assert.StartsWith("Usage: gitops-agent models [options]", list, StringComparison.Ordinal);
        Assert.Contains("--config", list, StringComparison.Ordinal);
        Assert.Equal(0, gcExit);
        Assert.StartsWith("Usage: gitops-agent models gc [options]", gc, StringComparison.Ordinal);
        Assert.Contains("--dry-run", gc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_EmptyStore_SaysSo()
    {
        var (exit, output, _) = await Run("models", "--state-dir", _stateDir);

        Assert.Equal(0, exit);
        Assert.Equal("no models installed\n", output);
    }
}
