using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Tests.Desired;

namespace GitOps.Reconciler.Tests.Models;

/// <summary>The repo format of models/&lt;model&gt;.yaml: the multi-file and single-file forms, and one positioned error per mistake.</summary>
public class ModelFormatTests
{
    private const string A = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    private const string B = "03ab4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    private const string Stack = "services:\n  worker:\n    image: busybox\n  api:\n    image: busybox\n";

    private static string TwoFiles(string extra = "") => $$"""
        targets: [prod]
        version: 3.1.1
        files:
          - name: layout.onnx
            source: https://models.example.com/layout.onnx
            sha256: {{A}}
          - name: vocab.json
            source: s3://models/ocr/vocab.json
            sha256: {{B}}
        path: /srv/models/ocr-layout
        consumers: [app/worker, app/api]
        onChange: signal:SIGHUP
        keep: 2
        auth: {bearerTokenFile: /etc/gitops-agent/models.token}

        """ + extra;

    private static TestRepo Repo(string model) =>
        TestRepo.Valid().Write("stacks/app/compose.yaml", Stack).Write("models/m.yaml", model);

    private static IReadOnlyList<string> Errors(TestRepo repo)
    {
        using (repo)
        {
            var result = new RepoValidator(FakeCompose.Load).Validate(repo.Repo);
            return [.. result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString())];
        }
    }

    private static void AssertError(string model, string expected) => Assert.Equal([expected], Errors(Repo(model)));

    [Fact]
    public void Load_TwoFiles_AllFieldsRead()
    {
        using var repo = Repo(TwoFiles());
        var spec = new DesiredStateLoader(FakeCompose.Load).Load(repo.Repo, "web-1", new DiagnosticBag())!.Models["m"];
        Assert.Equal(["layout.onnx", "vocab.json"], spec.Files.Select(f => f.Name));
        Assert.Equal(ModelSourceKind.Http, spec.Files[0].Source.Kind);
        Assert.Equal(("models", "ocr/vocab.json"), spec.Files[1].Source.S3Object);
        Assert.Equal(["app/worker", "app/api"], spec.Consumers);
        Assert.Equal(new ModelOnChange(ModelOnChangeKind.Signal, "SIGHUP"), spec.OnChange);
        Assert.Equal(2, spec.Keep);
        Assert.Equal("/etc/gitops-agent/models.token", spec.BearerTokenFile);
        Assert.Equal(64, spec.Digest.Length);
    }

    [Fact]
    public void Load_SingleFileForm_NameFromSource()
    {
        using var repo = Repo($"targets: [prod]\nversion: 1\nsource: https://models.example.com/a/layout.onnx?x=1\nsha256: {A}\npath: /srv/models/m\n");
        var spec = new DesiredStateLoader(FakeCompose.Load).Load(repo.Repo, "web-1", new DiagnosticBag())!.Models["m"];
        var file = Assert.Single(spec.Files);
        Assert.Equal("layout.onnx", file.Name);
        Assert.Equal(ModelOnChange.Restart, spec.OnChange);
        Assert.Equal(1, spec.Keep);
    }

    [Fact]
    public void Digest_SameFilesDifferentVersionText_SameDigest()
    {
        var file = new ModelFile("a.onnx", new ModelSource(ModelSourceKind.Http, "https://h/a.onnx"), A);
        var other = new ModelFile("a.onnx", new ModelSource(ModelSourceKind.Http, "https://mirror/a.onnx"), A);
        Assert.Equal(ModelSpec.DigestOf([file]), ModelSpec.DigestOf([other]));
        Assert.NotEqual(ModelSpec.DigestOf([file]), ModelSpec.DigestOf([file with { Sha256 = B }]));
    }

    [Fact]
    public void Load_PlainHttpWithBearerTokenWithoutInsecure_RefusedSayingWhy() => AssertError(
        TwoFiles().Replace("https://", "http://", StringComparison.Ordinal),
        "models/m.yaml:5:13: source 'http://models.example.com/layout.onnx' is plain http: the download, and the token of auth.bearerTokenFile if one is set, would cross the network unprotected; use https://, or set insecure: true to accept that (the sha256 still checks every byte)");

    [Fact]
    public void Load_PlainHttpWithBearerTokenAndInsecure_Valid() =>
        Assert.Empty(Errors(Repo(TwoFiles("insecure: true\n").Replace("https://", "http://", StringComparison.Ordinal))));

    [Fact]
    public void Load_S3WithoutKey_Error() => AssertError(
        TwoFiles().Replace("s3://models/ocr/vocab.json", "s3://models/", StringComparison.Ordinal),
        "models/m.yaml:8:13: invalid source 's3://models/'; expected s3://bucket/key naming one object");

    [Fact]
    public void Load_CredentialsInUrl_Error() => AssertError(
        TwoFiles().Replace("https://", "https://user:pw@", StringComparison.Ordinal),
        "models/m.yaml:5:13: source must not carry credentials in the URL; use auth.bearerTokenFile, or models.s3.credentialsFile in agent.yaml");

    [Fact]
    public void Load_FilesAndSingleSource_Error() => AssertError(
        TwoFiles($"sha256: {A}\n"),
        "models/m.yaml:15:1: 'sha256' cannot be combined with 'files' in model 'm'; give each file its own source and sha256 under 'files'");

    [Fact]
    public void Load_DuplicateFileName_Error() => AssertError(
        TwoFiles().Replace("name: vocab.json", "name: layout.onnx", StringComparison.Ordinal),
        "models/m.yaml:7:11: file 'layout.onnx' is listed twice in model 'm'");

    [Fact]
    public void Load_FileNameWithSlash_Error() => AssertError(
        TwoFiles().Replace("name: vocab.json", "name: ../vocab.json", StringComparison.Ordinal),
        "models/m.yaml:7:11: invalid file name '../vocab.json'; expected a plain file name without '/' (not '.' or '..')");

    [Fact]
    public void Load_UnknownKeyInFile_Error() => AssertError(
        TwoFiles().Replace("    sha256: " + B, "    sha256: " + B + "\n    size: 3", StringComparison.Ordinal),
        "models/m.yaml:10:5: unknown key 'size' in a model file; expected one of: name, source, sha256");

    [Fact]
    public void Load_EmptyFiles_Error() => AssertError(
        $"targets: [prod]\nversion: 1\nfiles: []\npath: /srv/models/m\n",
        "models/m.yaml:3:8: expected a non-empty list of {name, source, sha256} for 'files', found a list");

    [Fact]
    public void Load_BadOnChange_Error() => AssertError(
        TwoFiles().Replace("signal:SIGHUP", "reload", StringComparison.Ordinal),
        "models/m.yaml:12:11: invalid onChange 'reload'; expected restart, none or signal:<NAME> such as signal:SIGHUP");

    [Fact]
    public void Load_BadConsumer_Error() => AssertError(
        TwoFiles().Replace("app/api]", "api]", StringComparison.Ordinal),
        "models/m.yaml:11:25: invalid consumer 'api'; expected stack/service, such as ocr/worker");

    [Fact]
    public void Load_ConsumerServiceMissing_Error() => AssertError(
        TwoFiles().Replace("app/api]", "app/web]", StringComparison.Ordinal),
        "models/m.yaml:11:25: consumer 'app/web' of model 'm': stack 'app' has no service 'web'; expected one of: api, app, worker");

    [Fact]
    public void Load_ConsumerStackNotOnHost_Error() => AssertError(
        TwoFiles().Replace("app/api]", "other/api]", StringComparison.Ordinal),
        "models/m.yaml:11:25: consumer 'other/api' of model 'm': stack 'other' does not run on host 'web-1'");

    [Fact]
    public void Load_RelativeTokenFile_Error() => AssertError(
        TwoFiles().Replace("/etc/gitops-agent/models.token", "models.token", StringComparison.Ordinal),
        "models/m.yaml:14:25: bearerTokenFile 'models.token' must be an absolute path of a file on the host; the token itself never goes in the repository");

    [Fact]
    public void Load_KeepNegative_Error() => AssertError(
        TwoFiles().Replace("keep: 2", "keep: -1", StringComparison.Ordinal),
        "models/m.yaml:13:7: 'keep' must be between 0 and 100, found -1");

    [Theory]
    [InlineData("/etc/models", "/etc")]
    [InlineData("/proc/x", "/proc")]
    [InlineData("/usr/share/models", "/usr")]
    public void Load_PathInSystemDirectory_Error(string path, string system) => AssertError(
        TwoFiles().Replace("/srv/models/ocr-layout", path, StringComparison.Ordinal),
        $"models/m.yaml:10:7: path '{path}' is inside the system directory {system}; models go below a directory such as /srv/models");

    [Fact]
    public void Load_PathRoot_Error() => AssertError(
        TwoFiles().Replace("/srv/models/ocr-layout", "/", StringComparison.Ordinal),
        "models/m.yaml:10:7: path '/' must name a directory below '/' without '.' or '..' segments");
}
