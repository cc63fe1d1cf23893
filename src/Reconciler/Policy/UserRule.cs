namespace GitOps.Reconciler.Policy;

/// <summary>Whether a declared <c>user:</c> is root. Without one the image decides, which is root for most images.</summary>
internal static class UserRule
{
    public static bool IsRoot(string? user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return true;
        }
        var name = user.Split(':')[0].Trim();
        return name is "root" or "0";
    }

    public static string Describe(string? user) => string.IsNullOrWhiteSpace(user)
        ? "no 'user:' is declared, so it runs as the image's user, root for most images; declare a non-root user such as 1000:1000"
        : $"'user: {user}' runs as root";
}
