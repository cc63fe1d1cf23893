using GitOps.Reconciler.Common;

namespace GitOps.Reconciler.Models;

/// <summary>
/// Files of the linked version that planning hashed and found as pinned, with their stamps: remembered by a pass (never by
/// <c>plan</c>), so the next passes trust those files while their stamps stay the same.
/// </summary>
/// <param name="Complete">Every file of the version was hashed and matched: a full verification (restarts <c>verifyInterval</c>).</param>
public sealed record ModelVerification(ValueMap<ModelFileStamp> Stamps, bool Complete, DateTimeOffset At);
