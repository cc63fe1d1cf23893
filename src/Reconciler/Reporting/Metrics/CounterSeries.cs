namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>A value that only goes up.</summary>
public sealed class CounterSeries
{
    private readonly Lock _lock = new();
    private double _value;

    public double Value
    {
        get
        {
            lock (_lock)
            {
                return _value;
            }
        }
    }

    public void Inc(double amount = 1)
    {
        if (amount < 0 || double.IsNaN(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "a counter only goes up");
        }
        lock (_lock)
        {
            _value += amount;
        }
    }
}
