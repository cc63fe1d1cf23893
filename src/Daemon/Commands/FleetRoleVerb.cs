using System.Security.Cryptography;
using GitOps.Daemon.Cli;
using GitOps.Reconciler.Fleet;

namespace GitOps.Daemon.Commands;

/// <summary>
/// What <c>fleet add-host</c> and <c>fleet add-reader</c> share: the role's password comes from a file, made (mode 0600,
/// random) when it does not exist, so it is never typed, printed or logged; the store's owner runs the statements.
/// </summary>
internal static class FleetRoleVerb
{
    public static async Task<int> RunAsync(
        FleetVerbOptions fleet, CommandLine args, string verb, string role, string passwordFile, bool json,
        Func<PostgresFleetStore, string, CancellationToken, Task> create, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (ok, config) = await fleet.LoadAsync(args, error, needsConfig: false);
        if (!ok)
        {
            return 1;
        }
        await using var store = await fleet.OpenAsync(args, config, verb, error);
        if (store is null)
        {
            return 1;
        }
        string password;
        bool made;
        try
        {
            (password, made) = await PasswordAsync(passwordFile, cancellationToken);
            await create(store, password, cancellationToken);
        }
        catch (Exception e) when (FleetVerbOptions.IsStoreError(e) || e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await error.WriteLineAsync($"gitops-agent {verb}: {FleetVerbOptions.Describe(e)}");
            return 1;
        }
        var source = made ? $"a new random password written to {passwordFile}" : $"the password in {passwordFile}";
        await output.WriteLineAsync(json
            ? CliJson.Serialize(new FleetRoleJson(role, passwordFile, made), CliJsonContext.Default.FleetRoleJson)
            : $"role {role}: login with {source}");
        return 0;
    }

    private static async Task<(string Password, bool Made)> PasswordAsync(string file, CancellationToken cancellationToken)
    {
        if (File.Exists(file))
        {
            var existing = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
            if (existing.Length == 0)
            {
                throw new ArgumentException($"{file} is empty");
            }
            return (existing, false);
        }
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        if (OperatingSystem.IsWindows())
        {
            throw new IOException("a password file can only be made with mode 0600 on Unix");
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using (var stream = new FileStream(file, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(password);
        }
        return (password, true);
    }
}
