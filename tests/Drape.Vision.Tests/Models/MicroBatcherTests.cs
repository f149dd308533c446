using Drape.Vision.Models;

namespace Drape.Vision.Tests.Models;

public sealed class MicroBatcherTests
{
    [Fact]
    public async Task Concurrent_items_share_one_run_and_each_gets_its_own_result()
    {
        var batches = new List<int>();
        await using var batcher = new MicroBatcher<int, int>(items =>
        {
            lock (batches)
            {
                batches.Add(items.Count);
            }

            return items.Select(i => i * 10).ToList();
        }, maxBatch: 4, maxWait: TimeSpan.FromSeconds(5));

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => batcher.SubmitAsync(i)));
        Assert.Equal([10, 20, 30, 40], results);
        Assert.Equal([4], batches); // full at 4: it did not wait the 5 s
    }

    [Fact]
    public async Task A_lone_item_runs_when_the_wait_ends()
    {
        await using var batcher = new MicroBatcher<int, int>(items => items.ToList(), maxBatch: 8, maxWait: TimeSpan.FromMilliseconds(20));
        Assert.Equal(7, await batcher.SubmitAsync(7).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_failed_run_fails_every_item_of_that_batch_and_the_next_batch_still_runs()
    {
        var fail = true;
        await using var batcher = new MicroBatcher<int, int>(items => fail ? throw new InvalidOperationException("boom") : items.ToList(), maxBatch: 1, maxWait: TimeSpan.Zero);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync(1));
        fail = false;
        Assert.Equal(2, await batcher.SubmitAsync(2));
    }
}
