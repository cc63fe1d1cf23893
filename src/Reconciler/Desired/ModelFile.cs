namespace GitOps.Reconciler.Desired;

/// <summary>One file of a model version: its name inside the version directory, where it comes from, its hash.</summary>
/// <param name="Sha256">64 lowercase hexadecimal digits.</param>
public sealed record ModelFile(string Name, ModelSource Source, string Sha256);
