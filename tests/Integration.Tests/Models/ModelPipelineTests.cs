using System.Security.Cryptography;
using GitOps.Daemon.Hosting;
using GitOps.Integration.Tests.Infrastructure;
using GitOps.Integration.Tests.Pipeline;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Models;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Repository;
using GitOps.Reconciler.Stacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOps.Integration.Tests.Models;

/// <summary>
/// The models kind in a whole pass from a config repo, wired by the composition root (<c>AddModels</c> beside the
/// stacks slice) on the real engine: the model is the first part of the host plan, ordered before the service that
/// reads it, installed by its executor, and in sync on the next plan.
/// </summary>
public sealed class ModelPipelineTests : EngineTest, IDisposable
{
    private readonly TempDirectory _temp = new("gitops-model-pass");
    private readonly ILoggerFactory _loggers;
    private readonly ServiceProvider _services;
    private readonly ConfigRepo _repo;
    private readonly string _modelPath;
    private CountingConsumers? _consumers;

    public ModelPipelineTests(EngineFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _loggers = TestOutputLoggerProvider.Factory(output);
        _repo = new ConfigRepo(Project);
        var stateDirectory = _temp.Combine("state");
        var root = _temp.Combine("srv", "models");
        Directory.CreateDirectory(root);
        _modelPath = Path.Combine(root, "layout");
        _services = new ServiceCollection()
            .AddSingleton(_loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton<IDockerEngine>(Engine)
            .AddAgentState(stateDirectory, AgentConfig.DefaultHistoryRetention)
            .AddSingleton<IModelConsumers>(_ => _consumers = new CountingConsumers(
                new DockerModelConsumers(Engine.Containers, DockerEngine.DefaultEndpoint, Project, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(200) }))
            .AddModels(stateDirectory, new ModelsConfig([root], ModelsS3Config.Default), Project)
            .AddComposeStacks(
                Project, new ComposeExecutorOptions { StateDirectory = stateDirectory, Owner = Project, SettlePeriod = TimeSpan.FromSeconds(1) }, trustFromEvents: false)
            .AddHostReconciler()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private HostReconciler Reconciler => _services.GetRequiredService<HostReconciler>();

    /// <summary>A stack with one web service, and a model read from the repository whose consumer is that service.</summary>
    private byte[] Repo()
    {
        var weights = new byte[4096];
        new Random(9).NextBytes(weights);
        Directory.CreateDirectory(Path.Combine(_repo.Root, "models", "files"));
        File.WriteAllBytes(Path.Combine(_repo.Root, "models", "files", "layout.onnx"), weights);
        File.WriteAllText(Path.Combine(_repo.Root, "models", "layout.yaml"), $"""
            targets: [{Project}]
            version: "1.0"
            files:
              - name: layout.onnx
                source: models/files/layout.onnx
                sha256: {Convert.ToHexStringLower(SHA256.HashData(weights))}
            path: {_modelPath}
            consumers: [{Project}/web]
            onChange: restart

            """);
        _repo.Stack(Project, $"""
            services:
              web:
                image: {EngineFixture.Image("web")}:v1

            """);
        return weights;
    }

    private Task<ReconcileResult> PlanAsync() =>
        Reconciler.PlanAsync(new RepoDirectory(_repo.Root), Project, revision: null, fullDrift: false, Token);

    [Fact]
    public async Task Pass_ModelReadByAService_PlannedFirstOrderedBeforeItInstalledThenInSync()
    {
        var weights = Repo();

        var planned = await PlanAsync();

        Assert.True(planned.Status == ReconcileStatus.Converged, $"{planned.Status}: {planned.Error} {string.Join("; ", planned.Diagnostics)}");
        Assert.Equal([ModelPlan.KindName, StacksPlan.KindName], planned.Plan!.Kinds.Select(k => k.Kind));
        var change = Assert.Single(Assert.IsType<ModelPlan>(planned.Plan.Kinds[0]).Changes);
        Assert.Equal(ChangeAction.Create, change.Action);
        var edge = Assert.Single(planned.Plan.Edges);
        Assert.Equal(new ResourceRef(ResourceKind.Model, "", "layout"), edge.Before);
        Assert.Equal(new ResourceRef(ResourceKind.Container, Project, "web"), edge.After);

        var applied = await Reconciler.ApplyAsync(planned, progress: null, Token);

        Assert.True(applied.Status == ReconcileStatus.Converged, $"{applied.Status}: {applied.Error}");
        Assert.Equal(ModelStatus.Switched, Assert.Single(applied.ModelOutcomes!).Status);
        Assert.Equal(weights, await File.ReadAllBytesAsync(Path.Combine(_modelPath, "layout.onnx"), Token));
        Assert.Single(await Engine.Containers.ListAsync([EngineLabels.Project + "=" + Project, EngineLabels.Service + "=web"], Token));

        var again = await PlanAsync();

        Assert.Equal(ReconcileStatus.Unchanged, again.Status);
        Assert.Equal(ChangeAction.NoOp, Assert.Single(again.ModelPlan!.Changes).Action);
    }

    /// <summary>Two models read by one service of a stack whose compose project name is not its name in the repository.</summary>
    private void TwoModelRepo(int seed)
    {
        Directory.CreateDirectory(Path.Combine(_repo.Root, "models", "files"));
        foreach (var model in new[] { "layout", "vocab" })
        {
            var content = new byte[2048];
            new Random(seed + model.Length).NextBytes(content);
            File.WriteAllBytes(Path.Combine(_repo.Root, "models", "files", model + ".bin"), content);
            File.WriteAllText(Path.Combine(_repo.Root, "models", model + ".yaml"), $"""
                targets: [{Project}]
                version: "{seed}"
                files:
                  - name: {model}.bin
                    source: models/files/{model}.bin
                    sha256: {Convert.ToHexStringLower(SHA256.HashData(content))}
                path: {Path.Combine(Path.GetDirectoryName(_modelPath)!, model)}
                consumers: [{Project}/web]

                """);
        }
        _repo.Stack(Project, $"""
            name: {AppProject}
            services:
              web:
                image: {EngineFixture.Image("web")}:v1

            """);
    }

    private string AppProject => Project + "-app";

    [Fact]
    public async Task Pass_TwoModelsOfOneServiceChange_ServiceRestartedOnceByItsComposeProjectName()
    {
        TwoModelRepo(seed: 1);
        var first = await Reconciler.ApplyAsync(await PlanAsync(), progress: null, Token);
        Assert.True(first.Status == ReconcileStatus.Converged, $"{first.Status}: {first.Error}");
        var web = Assert.Single(await Engine.Containers.ListAsync([EngineLabels.Project + "=" + AppProject, EngineLabels.Service + "=web"], Token));
        var before = (await Engine.Containers.InspectAsync(web.ID, Token))!.State!.StartedAt;
        _consumers!.Calls.Clear();
        TwoModelRepo(seed: 2);

        var planned = await PlanAsync();
        var applied = await Reconciler.ApplyAsync(planned, progress: null, Token);

        Assert.Equal([$"restart {AppProject}/web"], planned.ModelPlan!.Consumers.Select(c => c.ToString()));
        Assert.True(applied.Status == ReconcileStatus.Converged, $"{applied.Status}: {applied.Error}");
        Assert.All(applied.ModelOutcomes!, o => Assert.Equal(ModelStatus.Switched, o.Status));
        Assert.Equal([$"restart {AppProject}/web"], _consumers.Calls);
        var after = await Engine.Containers.InspectAsync(web.ID, Token);
        Assert.True(after!.State!.Running);
        Assert.NotEqual(before, after.State!.StartedAt);
    }

    public void Dispose()
    {
        Fixture.RemoveProjectAsync(AppProject).GetAwaiter().GetResult();
        _services.Dispose();
        _loggers.Dispose();
        _repo.Dispose();
        _temp.Dispose();
    }
}
