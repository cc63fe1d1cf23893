using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Tests.Secrets;

/// <summary>The committed vectors and the test-only identity they are encrypted to.</summary>
internal static class SecretVectors
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Secrets", "Vectors", name);

    public static byte[] Read(string name) => File.ReadAllBytes(Path(name));

    public static AgeIdentity TestIdentity { get; } = AgeIdentity.ParseFile(File.ReadAllText(Path("test-only.agekey")))[0];

    public const string TestRecipient = "age16sy8hudwny20wrs8uy73gr0t4nqv0r0vmq83fr7m7fl72g6ntc4q9f5lgc";
}
