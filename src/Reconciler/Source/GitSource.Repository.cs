using GitOps.Reconciler.Configuration;
using LibGit2Sharp;
using GitRepository = LibGit2Sharp.Repository;

namespace GitOps.Reconciler.Source;

public sealed partial class GitSource
{
    private Task RunAsync(string what, Action<GitRepository> operation, CancellationToken cancellationToken) =>
        RunAsync(what, repository =>
        {
            operation(repository);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs one LibGit2Sharp operation on a worker thread with the SSH command in place, mapping every
    /// failure to a <see cref="SourceException"/> whose message has URLs and secrets redacted.
    /// </summary>
    private async Task<T> RunAsync<T>(string what, Func<GitRepository, T> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sshLog = Path.Combine(Path.GetDirectoryName(RepositoryPath)!, "ssh-error.log");
        var ssh = _transport == RepoTransport.Ssh
            ? await ProcessEnvironment.SetAsync("GIT_SSH_COMMAND", SshCommand.For(_repo.Auth, sshLog), cancellationToken)
            : null;
        try
        {
            // The environment scope ends with the worker, not with the caller's wait: a cancelled caller
            // must not change GIT_SSH_COMMAND under an operation that is still running.
            return await Task.Run(() =>
            {
                try
                {
                    if (ssh is not null)
                    {
                        File.Delete(sshLog);
                    }
                    using var repository = OpenOrInit();
                    return InterruptedGitCall.Run(() => operation(repository), ex => LogInterrupted(what, Redact(ex.Message)));
                }
                finally
                {
                    ssh?.Dispose();
                }
            }, CancellationToken.None).WaitAsync(cancellationToken);
        }
        catch (SourceException ex)
        {
            throw new SourceException(ex.Reason, Redact(ex.Message), ex.Commit);
        }
        catch (Exception ex) when (ex is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The inner exception is dropped on purpose: its message may carry the URL or a secret.
            var sshMessage = ssh is not null ? SshError(sshLog) : null;
            var localHint = _transport == RepoTransport.File ? await LocalRepositoryHint.ForAsync(_repo.Url, ex.Message, cancellationToken) : null;
            throw new SourceException(SourceFailure.FetchFailed,
                Redact($"cannot {what} from {DisplayUrl}: {ex.Message}{(sshMessage is null ? "" : $" (ssh: {sshMessage})")}{(localHint is null ? "" : $" ({localHint})")}"));
        }
    }

    /// <summary>The last thing ssh reported, e.g. "Host key verification failed.", or null.</summary>
    private static string? SshError(string log)
    {
        try
        {
            return File.Exists(log)
                ? File.ReadLines(log).Select(l => l.Trim()).LastOrDefault(l => l.Length > 0)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Opens the bare clone, creating it (or re-creating a broken one) with the password-free remote URL.</summary>
    private GitRepository OpenOrInit()
    {
        if (!GitRepository.IsValid(RepositoryPath))
        {
            if (Directory.Exists(RepositoryPath))
            {
                Directory.Delete(RepositoryPath, recursive: true);
            }
            GitRepository.Init(RepositoryPath, isBare: true);
        }
        var repository = new GitRepository(RepositoryPath);
        var url = RepoUrl.WithoutPassword(_repo.Url);
        var remote = repository.Network.Remotes[RemoteName];
        if (remote is null)
        {
            repository.Network.Remotes.Add(RemoteName, url);
        }
        else if (remote.Url != url)
        {
            repository.Network.Remotes.Update(RemoteName, r => r.Url = url);
        }
        return repository;
    }

    private string Redact(string message) => RepoUrl.Redact(message, _credentials.Secrets());
}
