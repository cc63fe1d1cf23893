using System.Text.Json;
using System.Text.Json.Serialization;
using GitOps.Reconciler.Compose;

namespace GitOps.Reconciler.Tests.Compose;

/// <summary>The source-generated canonical JSON is byte for byte what the reflection-based serializer wrote before it.</summary>
public class ServiceSpecJsonEquivalenceTests
{
    // The options the agent used before source generation, kept here as the reference.
    private static readonly JsonSerializerOptions Reflection = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    public static TheoryData<string> Names() => [.. ServiceSpecCorpus.Load().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void CanonicalJson_EachCorpusSpec_SameAsReflection(string name)
    {
        var spec = ServiceSpecCorpus.Load().Single(s => s.Name == name);

        Assert.Equal(JsonSerializer.Serialize(spec, Reflection), ServiceSpecHash.CanonicalJson(spec));
    }
}
