namespace GitOps.Reconciler.Reporting.Metrics;

/// <summary>A value that goes up and down.</summary>
public sealed class GaugeSeries
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

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    public void Inc(double amount = 1)
    {
        lock (_lock)
        {
            _value += amount;
        }
    }

    public void Dec(double amount = 1) => Inc(-amount);
}
