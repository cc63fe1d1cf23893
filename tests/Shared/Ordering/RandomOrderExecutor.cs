using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GitOps.Tests.Ordering;

/// <summary>Runs the tests through <see cref="RandomOrderAssemblyRunner"/> and says the seed before the first test.</summary>
public sealed class RandomOrderExecutor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
    : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
{
    protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
    {
        var seed = TestOrderSeed.Read();
        var line = $"{TestAssembly.Assembly.Name.Split(',')[0]}: test order seed {seed} (replay: {TestOrderSeed.Variable}={seed} dotnet test ...)";
        // The diagnostic sink reaches the runner's log when diagnostic messages are on; stderr reaches a console always.
        DiagnosticMessageSink.OnMessage(new DiagnosticMessage(line));
        await Console.Error.WriteLineAsync(line);
        using var runner = new RandomOrderAssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions, seed);
        await runner.RunAsync();
    }
}
