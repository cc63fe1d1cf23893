using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GitOps.Tests.Ordering;

/// <summary>
/// xunit's own framework with a seeded random test order (see <see cref="TestOrderSeed"/>): tests that only pass
/// after another test ran fail in some order, not only on a new machine.
/// </summary>
public sealed class RandomOrderFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new RandomOrderExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}
