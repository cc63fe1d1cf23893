namespace GitOps.Reconciler.Reconciliation;

/// <summary>How one reconcile ended. Each failure names the stage that failed (DESIGN.md section 3).</summary>
public enum ReconcileStatus
{
    /// <summary>Nothing differed; nothing was touched.</summary>
    Unchanged,

    /// <summary>Changes were applied and every resource converged.</summary>
    Converged,

    /// <summary>The revision is invalid: nothing applied, not retried until the repo changes (Stalled).</summary>
    ValidationFailed,

    /// <summary>The engine could not be read.</summary>
    ProbeFailed,

    /// <summary>A safety stop in the plan (e.g. it would remove every stack): nothing applied.</summary>
    Refused,

    /// <summary>A service failed its health gate and was rolled back to its previous spec.</summary>
    HealthCheckFailed,

    /// <summary>A change could not be applied (pull failure, engine error); old containers keep running.</summary>
    ApplyFailed,

    /// <summary>The git remote could not be reached or fetched; the host keeps its last good revision. Retried with backoff.</summary>
    FetchFailed,

    /// <summary>The revision is not signed by an allowed key: nothing applied, not retried until a new commit (Stalled).</summary>
    VerificationFailed,

    /// <summary>The state directory could not be written (disk full, I/O error); the host was still converged from memory.</summary>
    StorageFailed,
}
