using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Actual;

/// <summary>
/// A container that keeps dying on its own (not stopped by anyone): how many times within the tracker's window, its
/// last exit code, and its last log lines with secrets masked, so the report can say why.
/// </summary>
public sealed record CrashLoop(int Crashes, int? ExitCode, ValueList<string> LastLogs);
