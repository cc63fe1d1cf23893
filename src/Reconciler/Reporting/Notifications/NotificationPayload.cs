using System.Text.Json;
using GitOps.Reconciler.Reporting.Drift;

namespace GitOps.Reconciler.Reporting.Notifications;

/// <summary>
/// The bodies sent to receivers. Generic JSON: <c>{version, event, host, revision: {ref, commit, verified},
/// stack, kind, name, service, details, time}</c>; Slack: <c>{"text": ...}</c>. They hold what a transition holds,
/// which is masked already: never environment values marked secret, never credentials.
/// </summary>
public static class NotificationPayload
{
    public const int Version = 1;

    public static byte[] Render(Transition transition, NotificationFormat format) =>
        format == NotificationFormat.Slack ? Slack(transition) : Json(transition);

    public static byte[] Json(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return Write(json =>
        {
            json.WriteNumber("version", Version);
            json.WriteString("event", JsonNamingPolicy.CamelCase.ConvertName(transition.Event.ToString()));
            json.WriteString("host", transition.Host);
            if (transition.Revision is { } revision)
            {
                json.WriteStartObject("revision");
                json.WriteString("ref", revision.Ref);
                json.WriteString("commit", revision.Commit);
                json.WriteBoolean("verified", revision.Verified);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("revision");
            }
            json.WriteString("stack", transition.Stack);
            json.WriteString("kind", transition.Kind is { } kind ? JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()) : null);
            json.WriteString("name", transition.Name);
            json.WriteString("service", transition.Kind == DriftKind.Service ? transition.Name : null);
            json.WriteString("details", transition.Details);
            json.WriteString("time", transition.Time);
        });
    }

    public static byte[] Slack(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return Write(json => json.WriteString("text", Text(transition)));
    }

    /// <summary>One line for people: <c>[host-1] drift detected: service demo/web: state: want running, have exited (137) (main @ 1a2b3c)</c>.</summary>
    public static string Text(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var what = transition.Name is null ? "" : $" {transition.Kind?.ToString().ToLowerInvariant()} {transition.Stack}/{transition.Name}";
        return $"[{transition.Host}] {Words(transition.Event)}{what}: {transition.Details} ({TransitionDetector.Describe(transition.Revision)})";
    }

    private static string Words(NotificationEvent kind) => kind switch
    {
        NotificationEvent.Deployed => "deployed",
        NotificationEvent.Failed => "FAILED",
        NotificationEvent.RolledBack => "ROLLED BACK",
        NotificationEvent.DriftDetected => "drift detected",
        NotificationEvent.DriftResolved => "drift resolved",
        NotificationEvent.CrashLooping => "CRASH LOOPING",
        NotificationEvent.HistoryRewritten => "HISTORY REWRITTEN",
        NotificationEvent.Recovered => "recovered",
        _ => "STALLED",
    };

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }
}
