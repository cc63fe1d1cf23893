using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Compose;

/// <summary>
/// A request for devices a driver provides, such as GPUs (<c>gpus:</c>, <c>deploy.resources.reservations.devices</c>):
/// the engine's DeviceRequest. <see cref="Count"/> -1 means all; it is 0 when <see cref="DeviceIds"/> names them.
/// </summary>
/// <param name="Capabilities">All of these must be offered by the driver (e.g. <c>gpu</c>, <c>compute</c>).</param>
public sealed record DeviceRequestSpec(string Driver, long Count, ValueList<string> DeviceIds, ValueList<string> Capabilities, ValueMap<string> Options)
{
    public override string ToString() =>
        "{" + string.Join(' ', new[]
        {
            Driver.Length == 0 ? null : "driver=" + Driver,
            DeviceIds.Count > 0 ? "device_ids=" + string.Join(',', DeviceIds) : "count=" + (Count < 0 ? "all" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "capabilities=" + string.Join(',', Capabilities),
            Options.Count == 0 ? null : "options=" + string.Join(',', Options.Select(kv => kv.Key + "=" + kv.Value)),
        }.OfType<string>()) + "}";
}
