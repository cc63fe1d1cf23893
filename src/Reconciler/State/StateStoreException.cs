namespace GitOps.Reconciler.State;

/// <summary>
/// The state file could not be written (disk full, I/O error, read-only file system). The agent keeps working from
/// memory and reports it; nothing in the file is needed to keep the host converged.
/// </summary>
public sealed class StateStoreException(string message, Exception? inner = null) : IOException(message, inner);
