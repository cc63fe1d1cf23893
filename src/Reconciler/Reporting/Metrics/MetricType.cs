namespace GitOps.Reconciler.Reporting.Metrics;

public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
