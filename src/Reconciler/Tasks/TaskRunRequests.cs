using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GitOps.Reconciler.Tasks;

/// <summary>
/// The runs people asked for in this process, so a caller can follow one by its id until it is recorded. Held in
/// memory only and bounded (the oldest are forgotten): once finished, the run is in history under its own id.
/// </summary>
public sealed class TaskRunRequests(TimeProvider time, int capacity = TaskRunRequests.DefaultCapacity)
{
    public const int DefaultCapacity = 1000;

    private readonly ConcurrentDictionary<string, TaskRunRequest> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public TaskRunRequest Add(string task)
    {
        var request = new TaskRunRequest(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), task, time.GetUtcNow());
        _requests[request.Id] = request;
        _order.Enqueue(request.Id);
        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _requests.TryRemove(oldest, out _);
        }
        return request;
    }

    /// <summary>Marks the request behind <paramref name="run"/> finished; runs nobody asked for are ignored.</summary>
    public void Complete(TaskRunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.RequestId is { } id && _requests.TryGetValue(id, out var request))
        {
            _requests[id] = request with { Run = run };
        }
    }

    public TaskRunRequest? Get(string id) => _requests.GetValueOrDefault(id);
}
