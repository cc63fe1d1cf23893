namespace GitOps.Reconciler.Policy;

/// <summary><c>security_opt</c> entries that switch a confinement off; a custom seccomp or AppArmor profile is fine.</summary>
internal static class SecurityOptions
{
    public static bool Unconfines(string option)
    {
        var split = option.IndexOfAny([':', '=']);
        if (split < 0)
        {
            return false;
        }
        var (key, value) = (option[..split].Trim().ToLowerInvariant(), option[(split + 1)..].Trim().ToLowerInvariant());
        return (key is "seccomp" or "apparmor" or "systempaths" && value == "unconfined") || (key == "label" && value == "disable");
    }
}
