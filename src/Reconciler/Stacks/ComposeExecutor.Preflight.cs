using GitOps.Reconciler.Apply;
using GitOps.Reconciler.Compose;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Stacks;

public sealed partial class ComposeExecutor
{
    /// <summary>
    /// Before a replace stops anything, when the plan says so (<see cref="Planning.ServiceChange.Preflight"/>: the new spec
    /// asks for device requests or a runtime that a running old container does not already have), a throwaway container
    /// asks the engine for them. An engine that cannot serve
    /// them throws here (the caller reports it, the old containers never stop); every other outcome of the preflight
    /// is left to the replace itself.
    /// </summary>
    private async Task PreflightDevicesAsync(StackRun run, ServiceSpec spec, ContainerContext context, CancellationToken cancellationToken)
    {
        run.Report(spec.Name, ApplyPhase.Creating, "device and runtime preflight");
        string id;
        try
        {
            id = await engine.Containers.CreateAsync(ContainerSpecMapper.ToPreflightParameters(spec, context), cancellationToken);
        }
        catch (Docker.DotNet.DockerApiException e) when (!EngineFailure.IsDeviceOrRuntime(spec, e))
        {
            return;
        }
        try
        {
            // Never succeeds (the entrypoint does not exist); what matters is which error the engine gives.
            await engine.Containers.StartAsync(id, cancellationToken);
        }
        catch (Docker.DotNet.DockerApiException e) when (!EngineFailure.IsDeviceOrRuntime(spec, e))
        {
            // Past device and runtime selection: the engine serves them.
        }
        finally
        {
            await engine.Containers.RemoveAsync(id, force: true, CancellationToken.None);
        }
    }
}
