using GitOps.Reconciler.Secrets.Failures;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Secrets;

/// <summary>
/// The identities a load may decrypt with. <see cref="StructureOnly"/> (validate without keys) decrypts nothing and
/// reports encrypted files as not checked; a host's keyring reads its key file when first needed, and a refused key
/// file makes every secret undecryptable with the refusal as the reason.
/// </summary>
public sealed class SecretKeyring
{
    private readonly Lazy<IReadOnlyList<AgeIdentity>>? _identities;

    private SecretKeyring(Func<IReadOnlyList<AgeIdentity>>? load) =>
        _identities = load is null ? null : new Lazy<IReadOnlyList<AgeIdentity>>(load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SecretKeyring StructureOnly { get; } = new(null);

    public static SecretKeyring FromFile(string path) => new(() => OperatingSystem.IsWindows()
        ? throw new SecretException(SecretFailure.KeyRejected, "age key files are checked for Unix modes and owners only")
        : AgeKeyFile.Load(path));

    public static SecretKeyring Of(IReadOnlyList<AgeIdentity> identities) => new(() => identities);

    public bool CanDecrypt => _identities is not null;

    /// <exception cref="SecretException">The key file is missing or refused.</exception>
    public IReadOnlyList<AgeIdentity> Identities() =>
        _identities?.Value ?? throw new SecretException(SecretFailure.KeyMissing, "no age key was given (structure-only check)");
}
