using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Reporting;

/// <summary>
/// A plan for machines: a stable camelCase schema, versioned by <see cref="Version"/>. Written by hand
/// rather than by reflection so that renaming a C# member can never change the schema. Field values
/// are complete (not shortened) but sensitive environment values are masked, as in <see cref="PlanText"/>.
/// </summary>
public static class PlanJson
{
    public const int Version = 1;

    public static string Render(Plan plan, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            Write(json, plan);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter json, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(plan);
        var summary = PlanSummary.Of(plan);
        json.WriteStartObject();
        json.WriteNumber("version", Version);
        json.WriteString("host", plan.Host);
        json.WriteBoolean("hasChanges", plan.HasChanges);
        json.WriteBoolean("refused", plan.Refusals.Count > 0);
        json.WriteStartArray("refusals");
        foreach (var refusal in plan.Refusals)
        {
            json.WriteStringValue(refusal);
        }
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("create", summary.Create);
        json.WriteNumber("update", summary.Update);
        json.WriteNumber("replace", summary.Replace);
        json.WriteNumber("delete", summary.Delete);
        json.WriteNumber("unchanged", summary.Unchanged);
        json.WriteNumber("suspended", summary.Suspended);
        json.WriteEndObject();
        if (!plan.Kinds.Any(k => k.Kind == StacksPlan.KindName))
        {
            json.WriteStartArray(StacksPlan.KindName);
            json.WriteEndArray();
        }
        // One array per kind, named by it ("stacks", "tasks"), each of the kind's sections.
        foreach (var kind in plan.Kinds)
        {
            json.WriteStartArray(kind.Kind);
            foreach (var section in kind.Sections)
            {
                WriteSection(json, section);
            }
            json.WriteEndArray();
        }
        json.WriteStartArray("edges");
        foreach (var edge in plan.Edges)
        {
            json.WriteStartObject();
            WriteRef(json, "before", edge.Before);
            WriteRef(json, "after", edge.After);
            json.WriteString("reason", edge.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRef(Utf8JsonWriter json, string property, ResourceRef resource)
    {
        json.WriteStartObject(property);
        json.WriteString("kind", Name(resource.Kind));
        json.WriteString("stack", resource.Group);
        json.WriteString("name", resource.Name);
        json.WriteEndObject();
    }

    private static void WriteSection(Utf8JsonWriter json, PlanSection section)
    {
        json.WriteStartObject();
        json.WriteString("name", section.Name.Length == 0 ? section.Kind : section.Name);
        json.WriteString("action", Name(section.Action));
        json.WriteBoolean("hasChanges", section.HasChanges);
        json.WriteStartArray("changes");
        foreach (var change in section.Changes)
        {
            WriteChange(json, change);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteChange(Utf8JsonWriter json, ResourceChange change)
    {
        json.WriteStartObject();
        json.WriteString("kind", Name(change.Kind));
        json.WriteString("name", change.Name);
        json.WriteString("action", Name(change.Action));
        json.WriteString("reason", change.Reason);
        json.WriteStartArray("fields");
        foreach (var field in change.Fields)
        {
            json.WriteStartObject();
            json.WriteString("field", field.Field);
            json.WriteString("desired", SecretMask.Apply(field.Field, field.Desired));
            json.WriteString("actual", SecretMask.Apply(field.Field, field.Actual));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (change is ServiceChange service)
        {
            WriteContainers(json, service);
        }
        json.WriteEndObject();
    }

    private static void WriteContainers(Utf8JsonWriter json, ServiceChange service)
    {
        json.WriteString("image", service.Desired?.Image);
        json.WriteString("configHash", service.DesiredConfigHash);
        if (service.Gate is { } gate)
        {
            json.WriteString("gate", Name(gate));
        }
        json.WriteBoolean("preflight", service.Preflight);
        json.WriteStartArray("steps");
        foreach (var step in service.Containers)
        {
            json.WriteStartObject();
            json.WriteString("action", Name(step.Action));
            json.WriteNumber("number", step.Number);
            json.WriteString("name", step.Name);
            json.WriteString("createAs", step.Action is ContainerAction.Create or ContainerAction.Replace ? step.CreateAs : null);
            json.WriteString("container", step.Existing?.Id);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("containers");
        foreach (var container in service.Existing)
        {
            json.WriteStartObject();
            json.WriteString("id", container.Id);
            json.WriteString("name", container.Name);
            json.WriteNumber("number", container.Number);
            json.WriteString("image", container.ImageReference);
            json.WriteString("imageId", container.ImageId);
            json.WriteBoolean("running", container.Running);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
