// Two namespaces that use each other only inside method bodies, so the graph is proven to see through IL.
namespace GitOps.Reconciler.Tests.Architecture.Samples.Upper
{
    internal static class UpperUser
    {
        public static int Call() => Lower.LowerUser.Value() + 1;
    }
}

namespace GitOps.Reconciler.Tests.Architecture.Samples.Lower
{
    internal static class LowerUser
    {
        public static int Value() => 1;

        public static object Back() => typeof(Upper.UpperUser);
    }
}
