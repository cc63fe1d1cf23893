namespace GitOps.Reconciler.Planning;

/// <summary>One differing field, rendered for people: <c>image: want ocr:1.4.3, have ocr:1.4.2</c>.</summary>
public sealed record FieldChange(string Field, string? Desired, string? Actual);
