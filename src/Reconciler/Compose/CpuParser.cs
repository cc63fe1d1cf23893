using System.Globalization;

namespace GitOps.Reconciler.Compose;

/// <summary>CPU counts like <c>0.5</c> or <c>2</c>, as the engine's nano-CPUs.</summary>
public static class CpuParser
{
    public const string Expected = "a number of CPUs like 0.5 or 2";

    public static bool TryParse(string text, out long nanoCpus)
    {
        nanoCpus = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) || cpus <= 0 || cpus > 1_000_000)
        {
            return false;
        }
        nanoCpus = (long)decimal.Round(cpus * 1_000_000_000m);
        return true;
    }
}
