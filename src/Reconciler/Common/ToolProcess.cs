using System.ComponentModel;
using System.Diagnostics;

namespace GitOps.Reconciler.Common;

/// <summary>
/// Runs an external tool (ssh-keygen, gpgv, useradd, systemctl...) to completion with optional input on stdin,
/// bounded by a timeout and the caller's token; a tool still running then is killed.
/// </summary>
public static class ToolProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <exception cref="ToolProcessException">The tool cannot be started, or did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<Result> RunAsync(
        string file, IReadOnlyList<string> args, byte[]? input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ToolProcessException($"cannot run {file}: {ex.Message} (is it installed?)");
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var error = process.StandardError.ReadToEndAsync(limit.Token);
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, limit.Token);
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(limit.Token);
            return new Result(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ToolProcessException($"{file} did not finish within {timeout}");
        }
    }
}

public sealed class ToolProcessException(string message) : Exception(message);
