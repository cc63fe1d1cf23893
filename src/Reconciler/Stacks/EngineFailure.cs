using Docker.DotNet;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Stacks;

/// <summary>
/// Turns an engine error about a service into a message that says what on the host is missing. The engine's own words
/// (<c>could not select device driver "" with capabilities: [[gpu]]</c>) do not say that a GPU runtime is what lacks.
/// </summary>
internal static class EngineFailure
{
    /// <summary>Whether the engine refused the service's device requests or runtime (what <see cref="Describe"/> explains).</summary>
    public static bool IsDeviceOrRuntime(ServiceSpec spec, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(exception);
        var engine = exception is DockerApiException api && !string.IsNullOrWhiteSpace(api.ResponseBody) ? api.ResponseBody : exception.Message;
        return (spec.DeviceRequests is { Count: > 0 } && engine.Contains("could not select device driver", StringComparison.Ordinal))
            || (spec.Runtime is not null && engine.Contains("unknown runtime", StringComparison.OrdinalIgnoreCase));
    }

    public static string Describe(ServiceSpec? spec, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var engine = exception is DockerApiException api && !string.IsNullOrWhiteSpace(api.ResponseBody) ? api.ResponseBody.Trim() : exception.Message;
        if (spec is null)
        {
            return exception.Message;
        }
        if (spec.DeviceRequests is { Count: > 0 } requests && engine.Contains("could not select device driver", StringComparison.Ordinal))
        {
            var capabilities = string.Join(", ", requests.Select(r => "[" + string.Join(", ", r.Capabilities) + "]").Distinct(StringComparer.Ordinal));
            return $"no device driver on this engine provides {capabilities} for the device requests of '{spec.Name}' (gpus or deploy.resources.reservations.devices): "
                + "a GPU needs the NVIDIA Container Toolkit installed on the host and the engine restarted after it. "
                + $"Engine said: {engine}";
        }
        if (spec.Runtime is { } runtime && engine.Contains("unknown runtime", StringComparison.OrdinalIgnoreCase))
        {
            return $"the engine has no runtime '{runtime}' (runtime: of '{spec.Name}'); configure it in the engine's daemon.json or remove the key. Engine said: {engine}";
        }
        return exception.Message;
    }
}
