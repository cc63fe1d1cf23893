using System.Text;
using GitOps.Reconciler.Common;
using GitOps.Reconciler.Configuration;
using Microsoft.Extensions.Logging;
using GitRepository = LibGit2Sharp.Repository;

namespace GitOps.Reconciler.Source;

/// <summary>
/// Checks that the revision is signed by an allowed key before anything of it is applied: the commit itself
/// (mode head) or the annotated tag the ref names (mode tag). SSH signatures go to <c>ssh-keygen -Y verify</c>
/// against the allowed signers file, OpenPGP signatures to <c>gpgv</c> against the keyring.
/// </summary>
public sealed partial class SignatureVerifier(VerifyConfig config, string repositoryPath, ILogger<SignatureVerifier> logger) : IRevisionVerifier
{
    public async Task<VerifiedRevision> VerifyAsync(SourceRevision revision, CancellationToken cancellationToken)
    {
        if (config.Mode == VerifyMode.Off)
        {
            return new VerifiedRevision(revision, null);
        }
        var (payload, what) = Extract(revision);
        if (payload is null)
        {
            throw Failed(revision, $"{what} is not signed");
        }
        var signer = payload.Format switch
        {
            SignatureFormat.Ssh => await VerifySshAsync(revision, payload, cancellationToken),
            SignatureFormat.OpenPgp => await VerifyGpgAsync(revision, payload, cancellationToken),
            _ => throw Failed(revision, $"{what} carries a signature of an unknown format"),
        };
        LogVerified(logger, revision.ShortCommit, signer);
        return new VerifiedRevision(revision, signer);
    }

    private (SignedPayload? Payload, string What) Extract(SourceRevision revision)
    {
        using var repository = new GitRepository(repositoryPath);
        if (config.Mode == VerifyMode.Head)
        {
            return (SignatureExtractor.FromCommit(repository, revision.Commit), $"commit {revision.Commit}");
        }
        if (revision.TagObject is null)
        {
            throw Failed(revision, $"{revision.RefName ?? "the ref"} is not an annotated tag, so it carries no tag signature");
        }
        return (SignatureExtractor.FromTag(repository, revision.TagObject), $"tag {revision.RefName} ({revision.TagObject})");
    }

    private async Task<string> VerifySshAsync(SourceRevision revision, SignedPayload payload, CancellationToken cancellationToken)
    {
        if (config.AllowedSigners is null)
        {
            throw Failed(revision, "it has an SSH signature but verify.allowedSigners is not configured");
        }
        using var scratch = new ScratchDirectory();
        var signature = scratch.Write("payload.sig", payload.Signature);
        var found = await RunToolAsync("ssh-keygen", ["-Y", "find-principals", "-s", signature, "-f", config.AllowedSigners], null, cancellationToken);
        var principal = found.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (found.ExitCode != 0 || principal is null)
        {
            throw Failed(revision, $"signed by a key that is not in {config.AllowedSigners}");
        }
        var verified = await RunToolAsync("ssh-keygen",
            ["-Y", "verify", "-f", config.AllowedSigners, "-I", principal, "-n", "git", "-s", signature], payload.Payload, cancellationToken);
        if (verified.ExitCode != 0)
        {
            throw Failed(revision, $"SSH signature does not verify: {FirstLine(verified.Error + verified.Output)}");
        }
        return principal;
    }

    private async Task<string> VerifyGpgAsync(SourceRevision revision, SignedPayload payload, CancellationToken cancellationToken)
    {
        if (config.GpgKeyring is null)
        {
            throw Failed(revision, "it has an OpenPGP signature but verify.gpgKeyring is not configured");
        }
        using var scratch = new ScratchDirectory();
        var signature = scratch.Write("payload.asc", payload.Signature);
        var data = scratch.Write("payload", payload.Payload);
        var result = await RunToolAsync("gpgv", ["--status-fd", "1", "--keyring", config.GpgKeyring, signature, data], null, cancellationToken);
        var valid = result.Output.Split('\n').FirstOrDefault(l => l.StartsWith("[GNUPG:] VALIDSIG ", StringComparison.Ordinal));
        if (result.ExitCode != 0 || valid is null)
        {
            var reason = result.Output.Contains("NO_PUBKEY", StringComparison.Ordinal)
                ? $"signed by a key that is not in {config.GpgKeyring}"
                : "OpenPGP signature does not verify: " + FirstLine(result.Error);
            throw Failed(revision, reason);
        }
        return valid.Split(' ')[2];
    }

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    private static async Task<ToolProcess.Result> RunToolAsync(string file, IReadOnlyList<string> args, byte[]? input, CancellationToken cancellationToken)
    {
        try
        {
            return await ToolProcess.RunAsync(file, args, input, ToolTimeout, cancellationToken);
        }
        catch (ToolProcessException ex)
        {
            throw new SourceException(SourceFailure.VerificationFailed, ex.Message);
        }
    }

    private static SourceException Failed(SourceRevision revision, string reason) =>
        new(SourceFailure.VerificationFailed, $"revision {revision.Commit} refused: {reason}", revision.Commit);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";

    [LoggerMessage(Level = LogLevel.Information, Message = "Revision {Revision} is signed by {Signer}")]
    private static partial void LogVerified(ILogger logger, string revision, string signer);

    /// <summary>A private temporary directory for signature files, removed afterwards.</summary>
    private sealed class ScratchDirectory : IDisposable
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gitops-verify-");

        public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

        public string Write(string name, byte[] bytes)
        {
            var path = Path.Combine(_directory.FullName, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public void Dispose() => _directory.Delete(recursive: true);
    }
}
