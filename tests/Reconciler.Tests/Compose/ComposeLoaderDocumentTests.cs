using GitOps.Reconciler.Common;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

public class ComposeLoaderDocumentTests
{
    [Fact]
    public void Load_AnchorsMergeKeysAndExtensions_Applied()
    {
        var stack = Loads("""
            x-common: &common
              restart: always
              environment:
                LOG_LEVEL: info
              labels: &labels
                team: ml
            services:
              api:
                <<: *common
                image: api:1
                restart: unless-stopped
                x-note: ignored
              worker:
                <<: *common
                image: worker:1
                labels: *labels
            """);
        Assert.Equal("unless-stopped", stack.Services["api"].Restart);
        Assert.Equal("always", stack.Services["worker"].Restart);
        Assert.Equal("info", stack.Services["api"].Environment["LOG_LEVEL"]);
        Assert.Equal("ml", stack.Services["worker"].Labels["team"]);
    }

    [Fact]
    public void Load_InterpolationEverywhere_VariablesOnly()
    {
        var stack = Loads("""
            services:
              web:
                image: "${REGISTRY:-127.0.0.1:5000}/ocr:${OCR_TAG:?set OCR_TAG}"
                ports: ["${PORT}:80"]
                environment:
                  PRICE: "$$5"
                  HOME_DIR: "${HOME}"
                deploy:
                  replicas: ${REPLICAS:-1}
            """, Vars(("OCR_TAG", "1.4.3"), ("PORT", "8080"), ("REPLICAS", "2")));
        var web = stack.Services["web"];
        Assert.Equal("127.0.0.1:5000/ocr:1.4.3", web.Image);
        Assert.Equal(8080, web.Ports[0].HostPort);
        Assert.Equal("$5", web.Environment["PRICE"]);
        Assert.Equal("", web.Environment["HOME_DIR"]);
        Assert.Equal(2, web.Replicas);
    }

    [Fact]
    public void Load_UnsetVariable_WarningAtScalar()
    {
        using var repo = new TempRepo();
        var (stack, bag) = repo.Load("services:\n  web:\n    image: \"ocr${TAG}\"\n");
        Assert.Equal("ocr", stack!.Services["web"].Image);
        Assert.Equal("stacks/app/compose.yaml:3:12: warning: variable 'TAG' is not set; using an empty string", Assert.Single(bag.Items).ToString());
    }

    [Fact]
    public void Load_AnchorWithDollarEscape_ExpandedOnce()
    {
        var stack = Loads("x-env: &env\n  PRICE: \"$$5\"\nservices:\n  a:\n    image: x\n    environment: *env\n  b:\n    image: x\n    environment: *env\n");
        Assert.Equal("$5", stack.Services["a"].Environment["PRICE"]);
        Assert.Equal("$5", stack.Services["b"].Environment["PRICE"]);
    }

    [Fact]
    public void Load_SameFileTwice_EqualSpecs()
    {
        const string Compose = "services:\n  web:\n    image: x\n    ports: [\"80:80\"]\n    cap_add: [B, A]\n";
        Assert.Equal(Loads(Compose).Services, Loads(Compose.Replace("[B, A]", "[A, B]", StringComparison.Ordinal)).Services);
    }

    [Fact]
    public void Load_WorkingDir_StackDirectory()
    {
        using var repo = new TempRepo();
        Assert.Equal(repo.StackPath, Loads(repo, "services:\n  web:\n    image: x\n").WorkingDir);
    }

    [Fact]
    public void Load_UsedVolumesOnly_InStack()
    {
        var stack = Loads("services:\n  web:\n    image: x\n    volumes: [a:/a]\nvolumes:\n  a:\n  b:\n");
        Assert.Equal(["a"], stack.Volumes.Keys);
        Assert.Equal(ValueList<string>.Empty, stack.Services["web"].CapAdd);
    }
}
