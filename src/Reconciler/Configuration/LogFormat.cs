namespace GitOps.Reconciler.Configuration;

public enum LogFormat
{
    Console,
    Json,
}
