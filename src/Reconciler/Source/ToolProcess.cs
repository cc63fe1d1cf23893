using System.Diagnostics;

namespace GitOps.Reconciler.Source;

/// <summary>Runs a verification tool (ssh-keygen, gpgv) with input on stdin, bounded by a timeout and the caller's token.</summary>
internal static class ToolProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string file, IReadOnlyList<string> args, byte[]? input, CancellationToken cancellationToken)
    {
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
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SourceException(SourceFailure.VerificationFailed, $"cannot run {file}: {ex.Message} (is it installed?)");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, timeout.Token);
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new SourceException(SourceFailure.VerificationFailed, $"{file} did not finish within {Timeout}");
        }
    }
}
