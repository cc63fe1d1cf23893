using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>A realistic stack end to end: the shape the example repository uses.</summary>
public class ComposeLoaderStackTests
{
    private const string Ocr = """
        x-service: &service
          restart: unless-stopped
          env_file: [ocr.env]
          logging:
            driver: json-file
            options: {max-size: 10m, max-file: "3"}

        services:
          api:
            <<: *service
            image: "${REGISTRY:-127.0.0.1:5000}/ocr-api:${OCR_TAG:?OCR_TAG is set per group in the inventory}"
            ports: ["${API_PORT:-8080}:80"]
            environment:
              WORKERS: ${API_WORKERS:-2}
            depends_on:
              redis:
                condition: service_healthy
            healthcheck:
              test: wget -q -O- http://127.0.0.1/healthz
              interval: 10s
              timeout: 3s
              retries: 3
              start_period: 20s
          worker:
            <<: *service
            image: "${REGISTRY:-127.0.0.1:5000}/ocr-worker:${OCR_TAG}"
            command: ["ocr-worker", "--queue", "redis://redis:6379/0"]
            depends_on: [redis]
            deploy:
              replicas: ${WORKER_REPLICAS:-1}
              resources:
                limits: {cpus: "1.5", memory: 2g}
            volumes:
              - models:/models:ro
          redis:
            image: 127.0.0.1:5000/redis:7
            volumes: [redis-data:/data]
            healthcheck:
              test: ["CMD", "redis-cli", "ping"]
              interval: 5s

        volumes:
          models:
          redis-data:
        """;

    [Fact]
    public void Load_OcrStackForProd_Normalised()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/ocr.env", "LOG_LEVEL=info\nWORKERS=1\n");
        var stack = Loads(repo, Ocr, Vars(("OCR_TAG", "1.4.3"), ("WORKER_REPLICAS", "3")));

        Assert.Equal(["api", "redis", "worker"], stack.Services.Keys);
        Assert.Equal(["default"], stack.Networks.Keys);
        Assert.Equal(["models", "redis-data"], stack.Volumes.Keys);
        Assert.Equal("app_redis-data", stack.Volumes["redis-data"].EngineName);

        var api = stack.Services["api"];
        Assert.Equal("127.0.0.1:5000/ocr-api:1.4.3", api.Image);
        Assert.Equal("unless-stopped", api.Restart);
        Assert.Equal("2", api.Environment["WORKERS"]);
        Assert.Equal("info", api.Environment["LOG_LEVEL"]);
        Assert.Equal(ValueList.Of(new PortBinding("", 8080, 80, "tcp")), api.Ports);
        Assert.Equal(DependencyCondition.ServiceHealthy, api.DependsOn["redis"].Condition);
        Assert.Equal(TimeSpan.FromSeconds(20) + (TimeSpan.FromSeconds(13) * 4), api.Healthcheck!.GateTimeout);
        Assert.Equal("10m", api.Logging!.Options["max-size"]);

        var worker = stack.Services["worker"];
        Assert.Equal(3, worker.Replicas);
        Assert.Equal(new ResourceLimits(1_500_000_000, 2L * 1024 * 1024 * 1024), worker.Resources);
        Assert.Equal(ValueList.Of(new MountSpec(MountType.Volume, "models", "/models", true)), worker.Mounts);
        Assert.Equal("1", worker.Environment["WORKERS"]);
    }

    [Fact]
    public void Load_OcrStackTagChanged_OnlyImagesDiffer()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/ocr.env", "LOG_LEVEL=info\n");
        var prod = Loads(repo, Ocr, Vars(("OCR_TAG", "1.4.3")));
        var staging = Loads(repo, Ocr, Vars(("OCR_TAG", "1.5.0-rc1")));

        Assert.Equal(prod.Services["redis"], staging.Services["redis"]);
        Assert.NotEqual(prod.Services["api"], staging.Services["api"]);
        Assert.Equal(prod.Services["api"], staging.Services["api"] with { Image = prod.Services["api"].Image });
    }

    [Fact]
    public void Load_OcrStackWithoutTag_RequiredVariableError()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/app/ocr.env", "");
        Fails(repo, Ocr, 11, 12, "required variable 'OCR_TAG' is missing a value: OCR_TAG is set per group in the inventory");
    }
}
