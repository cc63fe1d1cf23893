namespace GitOps.Reconciler.Secrets.Failures;

/// <summary>Why a secret file could not be read; the report shows the resource as undecryptable with this reason.</summary>
public enum SecretFailure
{
    /// <summary>The file is not in the expected format (bad header, bad metadata, bad encoding).</summary>
    Malformed,
    /// <summary>The file ends before its content does.</summary>
    Truncated,
    /// <summary>Authentication failed: the ciphertext or the file's metadata was changed.</summary>
    Tampered,
    /// <summary>The SOPS MAC over the values does not match.</summary>
    MacMismatch,
    /// <summary>None of the file's age recipients is this host.</summary>
    NotRecipient,
    /// <summary>The host has no usable age identity.</summary>
    KeyMissing,
    /// <summary>The host's key file is unsafe (mode or owner) or unreadable.</summary>
    KeyRejected,
    /// <summary>The file is over the size limit for secrets.</summary>
    TooLarge,
    /// <summary>The file decrypts but its content is not usable where it is used (e.g. not an env name).</summary>
    InvalidContent,
}
