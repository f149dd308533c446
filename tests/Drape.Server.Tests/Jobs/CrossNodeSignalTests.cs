using System.Diagnostics;
using Drape.Server.Jobs;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Jobs;

/// <summary>
/// Two API nodes on one PostgreSQL database: a session created on one wakes the other's event streams through
/// LISTEN/NOTIFY. On SQLite there is no cross-node channel (polling covers it), so this runs in the PostgreSQL pass of
/// <c>scripts/test.sh</c> and only checks that nothing is published elsewhere.
/// </summary>
public sealed class CrossNodeSignalTests
{
    [Fact]
    public async Task A_change_on_one_node_wakes_the_other()
    {
        using var first = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });
        var settings = first.Settings.Where(s => s.Key.StartsWith("Drape:Database:", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value);
        settings["Drape:Workers:Count"] = "0";
        using var second = new DrapeFactory(settings);
        using var firstClient = first.CreateClient(); // starts the first node
        using var secondClient = second.CreateClient();
        var signals = first.Service<JobSignals>();

        if (!TestDatabase.UsePostgres)
        {
            Assert.False(first.Settings.ContainsKey("Drape:Database:ConnectionString"));
            return;
        }

        // Let both listeners connect, then create a session on the second node only.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var woken = signals.WaitForChangeAsync(TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        using var created = await secondClient.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(System.Net.HttpStatusCode.Accepted, created.StatusCode);
        await woken;
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20), "the first node was woken by the notification, not by its 30 s timeout");
    }
}
