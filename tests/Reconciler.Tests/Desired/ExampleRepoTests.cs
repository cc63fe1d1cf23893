using GitOps.Reconciler.Desired;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Tests.Desired;

public class ExampleRepoTests
{
    private static readonly string[] ExpectedHosts = ["demo", "ocr-prod-1", "ocr-prod-2", "ocr-staging-1"];

    /// <summary>With the real compose loader: every host of the example validates without an error.</summary>
    [Fact]
    public void Validate_EveryHostWithComposeLoader_NoErrors()
    {
        var result = new RepoValidator().Validate(ExampleRepo.Open());
        Assert.Equal(ExpectedHosts, result.Hosts.Order(StringComparer.Ordinal));
        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        // Without a key, the chatbot's encrypted env file is checked for its structure only, and that is said.
        Assert.Equal([ExampleRepo.NotDecryptedWarning], result.Diagnostics.Select(d => d.ToString()).Distinct());
    }

    /// <summary>The demo host's (demo-only) key decrypts the chatbot's env file: the demo converges out of the box.</summary>
    [Fact]
    public void Validate_DemoWithTheDemoOnlyKey_DecryptsTheChatbotSecrets()
    {
        var keyring = SecretKeyring.Of(AgeIdentity.ParseFile(File.ReadAllText(ExampleRepo.DemoKeyFile)));

        var result = new RepoValidator { Secrets = keyring }.Validate(ExampleRepo.Open(), "demo");
        var diagnostics = new DiagnosticBag();
        var demo = new DesiredStateLoader { Secrets = keyring }.Load(ExampleRepo.Open(), "demo", diagnostics);

        Assert.Empty(result.Diagnostics);
        Assert.True(demo is not null, string.Join("\n", diagnostics.Items));
        var chatbot = demo!.Stacks["chatbot"].Compose.Services["chatbot"].Environment;
        Assert.StartsWith("xoxb-demo-only", chatbot["CHATBOT_SLACK_TOKEN"], StringComparison.Ordinal);
        Assert.Equal("small", chatbot["CHATBOT_MODEL"]);
    }

    /// <summary>The committed key says it is for the demo only, and it is the one recipient the example encrypts to.</summary>
    [Fact]
    public void DemoKey_LabelledDemoOnly_AndTheExampleRecipient()
    {
        var keyFile = File.ReadAllText(ExampleRepo.DemoKeyFile);
        var recipient = AgeIdentity.ParseFile(keyFile)[0].Recipient.ToString();

        Assert.StartsWith("# DEMO ONLY - NEVER USE FOR REAL SECRETS.", keyFile, StringComparison.Ordinal);
        Assert.Contains("age: " + recipient, File.ReadAllText(Path.Combine(ExampleRepo.Open().Root, ".sops.yaml")), StringComparison.Ordinal);
        Assert.Equal(
            ["sops_age__list_0__map_recipient=" + recipient],
            File.ReadAllLines(Path.Combine(ExampleRepo.Open().Root, "stacks", "chatbot", "secrets.env")).Where(l => l.Contains("recipient", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_EveryHostWithFakeCompose_NoFindings()
    {
        var result = new RepoValidator(FakeCompose.Load).Validate(ExampleRepo.Open());
        Assert.Equal(ExpectedHosts, result.Hosts.Order(StringComparer.Ordinal));
        Assert.Empty(result.Diagnostics);
    }

    private static DesiredState Load(string host)
    {
        var diagnostics = new DiagnosticBag();
        var state = new DesiredStateLoader(FakeCompose.Load).Load(ExampleRepo.Open(), host, diagnostics);
        Assert.True(state is not null, string.Join("\n", diagnostics.Items));
        return state!;
    }

    [Fact]
    public void Load_ProdAndStaging_DifferentOcrTags()
    {
        var prod = Load("ocr-prod-1").Stacks["ocr"].Compose.Services["app"].Environment;
        var staging = Load("ocr-staging-1").Stacks["ocr"].Compose.Services["app"].Environment;
        Assert.Equal("1.4.2", prod["OCR_TAG"]);
        Assert.Equal("1.4.3", staging["OCR_TAG"]);
        Assert.Equal("0.0.0.0", prod["BIND_ADDRESS"]);
        Assert.Equal("8", prod["OCR_WORKERS"]);
        Assert.Equal("cpu", prod["OCR_DEVICE"]);
        Assert.Equal("cuda", Load("ocr-prod-2").Stacks["ocr"].Compose.Services["app"].Environment["OCR_DEVICE"]);
    }

    [Fact]
    public void Load_Demo_LocalRegistryLoopbackAndLoopbackModel()
    {
        var demo = Load("demo");
        Assert.Equal(["chatbot", "ocr"], demo.Stacks.Keys);
        var vars = demo.Stacks["ocr"].Compose.Services["app"].Environment;
        Assert.Equal("127.0.0.1:5000/demo", vars["REGISTRY"]);
        Assert.Equal("1.4.2", vars["OCR_TAG"]);
        Assert.Equal("127.0.0.1:5000/demo/redis:7.2", vars["REDIS_IMAGE"]);
        Assert.Equal("127.0.0.1", vars["BIND_ADDRESS"]);
        Assert.Equal("8080", vars["OCR_API_PORT"]);
        Assert.Equal("2.0.1", demo.Stacks["chatbot"].Compose.Services["app"].Environment["CHATBOT_TAG"]);
        var backup = demo.Tasks["backup"];
        Assert.Equal("127.0.0.1:5000/demo/backup:1.0", backup.Image);
        Assert.Equal(["0 0 * * * ?"], backup.QuartzCrons);
        var model = Assert.Single(demo.Models.Values);
        Assert.Equal(["layout.onnx", "vocab.json"], model.Files.Select(f => f.Name));
        Assert.All(model.Files, f => Assert.StartsWith("http://127.0.0.1:8089/", f.Source.Location, StringComparison.Ordinal));
        Assert.Equal(["ocr/worker"], model.Consumers);
    }

    [Fact]
    public void Load_GpuHost_GetsPinnedModel()
    {
        var model = Load("ocr-prod-2").Models["ocr-layout"];
        Assert.Equal("3.1.0", model.Version);
        Assert.Equal("/srv/models/ocr-layout", model.Path);
        Assert.All(model.Files, f => Assert.Equal(64, f.Sha256.Length));
        Assert.Empty(Load("ocr-prod-1").Models);
    }
}
